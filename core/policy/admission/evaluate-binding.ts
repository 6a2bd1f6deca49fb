/**
 * One policy through one binding on one request, as the API server runs it: matchConditions (any
 * false: the policy does not apply; an error: the failurePolicy), then each validation, with its
 * variables evaluated lazily and at most once. A failed validation is an `admission-policy`
 * finding with the severity of the binding's validationActions (Deny: error, Warn: warning, Audit:
 * notice); an evaluation error is `admission-policy-error`, with that severity under failurePolicy
 * Fail and as a notice under Ignore. An expression that needs `authorizer` is reported to the
 * caller, which says once per expression that it was not checked.
 */
import type { Finding } from '../../findings.ts';
import type { Severity } from '../../rules/rule-entry.ts';
import type { JsonObject } from '../../manifests/json-value.ts';
import { AuthorizerUnavailable } from './cel/authorizer.ts';
import { COST_BUDGET, estimatedCost } from './cel/cel-cost.ts';
import type { CelCache } from './cel/cel-values.ts';
import type { AdmissionRequest } from './admission-request.ts';
import type { Binding, CompiledExpression, CompiledPolicy } from './admission-types.ts';
import { celErrorText, quoteExpression } from './compile-policy.ts';

type Result = { value: unknown } | { error: string } | { authorizer: true };

/** Where the outcomes go. */
export interface BindingSink {
  findings: Finding[];
  /** An expression needed the authorizer on this request. */
  authorizer(
    policy: CompiledPolicy,
    binding: Binding,
    expression: CompiledExpression,
    request: AdmissionRequest,
  ): void;
}

const SEVERITY: Record<string, Severity> = { Deny: 'error', Warn: 'warning', Audit: 'notice' };
const VERB: Record<string, string> = { Deny: 'would deny', Warn: 'would warn on', Audit: 'would audit' };

function strongest(binding: Binding): 'Deny' | 'Warn' | 'Audit' {
  return binding.actions.includes('Deny') ? 'Deny' : binding.actions.includes('Warn') ? 'Warn' : 'Audit';
}

/** The severity of a binding's failures: its strongest validationAction's. */
export function actionSeverity(binding: Binding): Severity {
  return SEVERITY[strongest(binding)] as Severity;
}

function needsAuthorizer(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause)
    if (cause instanceof AuthorizerUnavailable) return true;
  return false;
}

function run(
  expression: CompiledExpression,
  context: Record<string, unknown>,
  inputSize: () => number,
): Result {
  const cost =
    expression.shape.loopDepth === 0 ? expression.shape.nodes : estimatedCost(expression.shape, inputSize());
  if (cost > COST_BUDGET)
    return {
      error: `over the cost budget: an estimated ${cost.toExponential(1)} steps against ${COST_BUDGET}`,
    };
  try {
    return { value: expression.program(context) };
  } catch (error) {
    return needsAuthorizer(error) ? { authorizer: true } : { error: celErrorText(error) };
  }
}

/** `variables`: each evaluated on first read, its value or error kept. */
function lazyVariables(
  policy: CompiledPolicy,
  context: Record<string, unknown>,
  inputSize: () => number,
): object {
  const variables = {};
  for (const variable of policy.variables) {
    let result: Result | undefined;
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get() {
        result ??= run(variable, context, inputSize);
        if ('value' in result) return result.value;
        if ('authorizer' in result) throw new AuthorizerUnavailable();
        throw new Error(`variables.${variable.name}: ${result.error}`);
      },
    });
  }
  return variables;
}

/** Evaluates the policy on the request with one params object (null without paramKind). */
export function evaluateBinding(
  policy: CompiledPolicy,
  binding: Binding,
  request: AdmissionRequest,
  params: JsonObject | null,
  paramsLabel: string,
  sink: BindingSink,
  cache: CelCache,
): void {
  const action = strongest(binding);
  const head = `ValidatingAdmissionPolicy '${policy.name}' with binding '${binding.name}'`;
  const where = { ...request.source, resource: request.ref };
  let size: number | undefined;
  const inputSize = (): number => (size ??= request.inputSize() + (params === null ? 1 : cache.size(params)));
  // The request's variables come through the prototype, so its lazy getters stay lazy.
  const context = Object.create(request.celContext()) as Record<string, unknown>;
  context['params'] = params === null ? null : cache.value(params);
  context['variables'] = policy.variables.length === 0 ? {} : lazyVariables(policy, context, inputSize);
  const fail = (expression: CompiledExpression, error: string): void => {
    const detail = request.isSecret ? 'the error is not shown, the object is a Secret' : error;
    const ignored = policy.failurePolicy === 'Ignore';
    sink.findings.push({
      ruleId: 'admission-policy-error',
      severity: ignored ? 'notice' : (SEVERITY[action] as Severity),
      message:
        `${head}: ${expression.field} ${quoteExpression(expression.expression)} fails on ${request.label}${paramsLabel}: ${detail}; ` +
        (ignored
          ? 'failurePolicy Ignore lets the request through'
          : `failurePolicy Fail: it ${VERB[action]} the request`),
      ...where,
    });
  };

  let matchError: [CompiledExpression, string] | undefined;
  for (const condition of policy.matchConditions) {
    const result = run(condition, context, inputSize);
    if ('authorizer' in result) return sink.authorizer(policy, binding, condition, request);
    if ('error' in result) matchError ??= [condition, result.error];
    else if (result.value === false) return;
    else if (result.value !== true) matchError ??= [condition, 'a matchCondition must evaluate to a bool'];
  }
  if (matchError !== undefined) return fail(...matchError);

  for (const validation of policy.validations) {
    const result = run(validation.check, context, inputSize);
    if ('authorizer' in result) {
      sink.authorizer(policy, binding, validation.check, request);
      continue;
    }
    if ('error' in result) {
      fail(validation.check, result.error);
      continue;
    }
    if (result.value === true) continue;
    if (result.value !== false) {
      fail(validation.check, 'a validation must evaluate to a bool');
      continue;
    }
    let message = validation.message ?? `failed expression: ${validation.check.expression.trim()}`;
    if (validation.messageExpression !== undefined && !request.isSecret) {
      const custom = run(validation.messageExpression, context, inputSize);
      if (
        'value' in custom &&
        typeof custom.value === 'string' &&
        custom.value.trim() !== '' &&
        !/[\r\n]/.test(custom.value)
      )
        message = custom.value.trim();
    }
    const reason = validation.reason === undefined ? '' : ` (reason: ${validation.reason})`;
    sink.findings.push({
      ruleId: 'admission-policy',
      severity: SEVERITY[action] as Severity,
      message: `${head} ${VERB[action]} ${request.label}${paramsLabel}: ${message}${reason}`,
      ...where,
    });
  }
}
