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
import type { Binding, CompiledExpression, CompiledPolicy, CompiledValidation } from './admission-types.ts';
import { celErrorText, quoteExpression } from './compile-policy.ts';

/** An evaluation that failed; any other result of `run` is the expression's value. */
class Failure {
  constructor(readonly error: string) {}
}
/** The result of an expression that needed the authorizer. */
const NEEDS_AUTHORIZER = new Failure('authorizer');

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

function needsAuthorizerResult(error: unknown): Failure {
  return needsAuthorizer(error) ? NEEDS_AUTHORIZER : new Failure(celErrorText(error));
}

/** `variables`: each evaluated on first read, its value or error kept. */
function lazyVariables(evaluation: Evaluation): object {
  const variables = {};
  for (const variable of evaluation.policy.variables) {
    let result: unknown;
    let done = false;
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get() {
        if (!done) [result, done] = [evaluation.run(variable), true];
        if (result === NEEDS_AUTHORIZER) throw new AuthorizerUnavailable();
        if (result instanceof Failure) throw new Error(`variables.${variable.name}: ${result.error}`);
        return result;
      },
    });
  }
  return variables;
}

/**
 * The CEL variables of one evaluation: the request's (read through, so they stay lazy), `params`
 * and `variables`. A class with getters keeps every context one shape.
 */
class EvaluationContext {
  constructor(
    readonly base: Record<string, unknown>,
    readonly params: unknown,
    readonly variables: object,
  ) {}
  get object(): unknown {
    return this.base['object'];
  }
  get oldObject(): unknown {
    return this.base['oldObject'];
  }
  get namespaceObject(): unknown {
    return this.base['namespaceObject'];
  }
  get request(): unknown {
    return this.base['request'];
  }
  get authorizer(): unknown {
    return this.base['authorizer'];
  }
}

/** One policy, one binding, one request, one params object. */
class Evaluation {
  readonly context: Record<string, unknown>;
  #size: number | undefined;

  constructor(
    readonly policy: CompiledPolicy,
    readonly binding: Binding,
    readonly request: AdmissionRequest,
    readonly params: JsonObject | null,
    readonly paramsLabel: string,
    readonly sink: BindingSink,
    readonly cache: CelCache,
  ) {
    this.context = new EvaluationContext(
      request.celContext(),
      params === null ? null : cache.value(params),
      policy.variables.length === 0 ? {} : lazyVariables(this),
    ) as unknown as Record<string, unknown>;
  }

  inputSize(): number {
    this.#size ??= this.request.inputSize() + (this.params === null ? 1 : this.cache.size(this.params));
    return this.#size;
  }

  run(expression: CompiledExpression): unknown {
    const { shape } = expression;
    const cost = shape.loopDepth === 0 ? shape.nodes : estimatedCost(shape, this.inputSize());
    if (cost > COST_BUDGET)
      return new Failure(
        `over the cost budget: an estimated ${cost.toExponential(1)} steps against ${COST_BUDGET}`,
      );
    try {
      return expression.program(this.context);
    } catch (error) {
      return needsAuthorizerResult(error);
    }
  }

  /** Whether a Secret's values are within reach of an expression: then none of its output is shown. */
  secret(): boolean {
    return (
      this.request.isSecret || (this.params?.['kind'] === 'Secret' && this.params['apiVersion'] === 'v1')
    );
  }

  head(): string {
    return `ValidatingAdmissionPolicy '${this.policy.name}' with binding '${this.binding.name}'`;
  }

  push(ruleId: 'admission-policy' | 'admission-policy-error', severity: Severity, message: string): void {
    this.sink.findings.push({
      ruleId,
      severity,
      message,
      ...this.request.source,
      resource: this.request.ref,
    });
  }

  fail(expression: CompiledExpression, error: string): void {
    const { request, policy } = this;
    const action = strongest(this.binding);
    const detail = this.secret() ? 'the error is not shown: the object or its params are a Secret' : error;
    const ignored = policy.failurePolicy === 'Ignore';
    this.push(
      'admission-policy-error',
      ignored ? 'notice' : (SEVERITY[action] as Severity),
      `${this.head()}: ${expression.field} ${quoteExpression(expression.expression)} fails on ${request.label}${this.paramsLabel}: ${detail}; ` +
        (ignored
          ? 'failurePolicy Ignore lets the request through'
          : `failurePolicy Fail: it ${VERB[action]} the request`),
    );
  }

  deny(validation: CompiledValidation): void {
    const action = strongest(this.binding);
    let message = validation.message ?? `failed expression: ${validation.check.expression.trim()}`;
    if (validation.messageExpression !== undefined && !this.secret()) {
      const custom = this.run(validation.messageExpression);
      if (typeof custom === 'string' && custom.trim() !== '' && !/[\r\n]/.test(custom))
        message = custom.trim();
    }
    const reason = validation.reason === undefined ? '' : ` (reason: ${validation.reason})`;
    this.push(
      'admission-policy',
      SEVERITY[action] as Severity,
      `${this.head()} ${VERB[action]} ${this.request.label}${this.paramsLabel}: ${message}${reason}`,
    );
  }
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
  const evaluation = new Evaluation(policy, binding, request, params, paramsLabel, sink, cache);
  let matchError: [CompiledExpression, string] | undefined;
  for (const condition of policy.matchConditions) {
    const result = evaluation.run(condition);
    if (result === NEEDS_AUTHORIZER) return sink.authorizer(policy, binding, condition, request);
    if (result instanceof Failure) matchError ??= [condition, result.error];
    else if (result === false) return;
    else if (result !== true) matchError ??= [condition, 'a matchCondition must evaluate to a bool'];
  }
  if (matchError !== undefined) return evaluation.fail(...matchError);

  for (const validation of policy.validations) {
    const result = evaluation.run(validation.check);
    if (result === true) continue;
    if (result === NEEDS_AUTHORIZER) sink.authorizer(policy, binding, validation.check, request);
    else if (result instanceof Failure) evaluation.fail(validation.check, result.error);
    else if (result !== false) evaluation.fail(validation.check, 'a validation must evaluate to a bool');
    else evaluation.deny(validation);
  }
}
