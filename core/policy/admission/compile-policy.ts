/**
 * Reads a ValidatingAdmissionPolicy and compiles its expressions once (matchConditions,
 * variables, validations and their messageExpressions; auditAnnotations are compiled to report
 * mistakes but not evaluated: they only annotate the audit log). A malformed policy or an
 * expression that does not compile is an `admission-policy-invalid` finding at the policy's file
 * and line. A broken validation is left out and the others still run; a broken matchCondition or
 * variable leaves the whole policy out, since no validation could be decided without it.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { Finding } from '../../findings.ts';
import { arrayAt, isJsonObject, objectAt, stringAt, type JsonObject } from '../../manifests/json-value.ts';
import { expressionShape } from './cel/cel-cost.ts';
import { unsupportedName } from './cel/unsupported-name.ts';
import type {
  CompiledExpression,
  CompiledPolicy,
  CompiledValidation,
  SourcedObject,
} from './admission-types.ts';
import { selectorProblem } from './label-selector.ts';

/** An expression shortened for a message. */
export function quoteExpression(expression: string): string {
  const flat = expression.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 100 ? `${flat.slice(0, 97)}...` : flat);
}

/** The one-line text of a cel-js error. */
export function celErrorText(error: unknown): string {
  if (error instanceof Error)
    return ((error as { summary?: string }).summary ?? error.message).split('\n')[0] ?? '';
  return String(error);
}

export interface PolicyCompilation {
  policy?: CompiledPolicy;
  findings: Finding[];
}

/** Compiles one policy document. */
export function compilePolicy(env: Environment, doc: SourcedObject): PolicyCompilation {
  const name = stringAt(doc.object, 'metadata', 'name') ?? '';
  const findings: Finding[] = [];
  const source = { path: doc.path, ...(doc.line === undefined ? {} : { line: doc.line }) };
  const invalid = (message: string): void => {
    findings.push({
      ruleId: 'admission-policy-invalid',
      severity: 'error',
      message: `ValidatingAdmissionPolicy '${name}': ${message}`,
      ...source,
    });
  };
  const compile = (field: string, expression: unknown, outcome: string): CompiledExpression | undefined => {
    if (typeof expression !== 'string' || expression.trim() === '') {
      invalid(`${field} must be a non-empty CEL expression${outcome}`);
      return undefined;
    }
    try {
      const program = env.parse(expression);
      const checked = program.check();
      if (!checked.valid) throw checked.error;
      return { field, expression, program, shape: expressionShape(program.ast) };
    } catch (error) {
      const text = celErrorText(error);
      const unknown = unsupportedName(env, text);
      if (unknown === undefined)
        invalid(`${field} ${quoteExpression(expression)} does not compile: ${text}${outcome}`);
      else
        findings.push({
          ruleId: 'admission-policy-unchecked',
          severity: 'warning',
          message: `ValidatingAdmissionPolicy '${name}': ${field} ${quoteExpression(expression)} uses ${unknown}, which kubeproof's CEL does not have (or misspells a name)${outcome}`,
          ...source,
        });
      return undefined;
    }
  };

  const spec = objectAt(doc.object, 'spec');
  const matchConstraints = objectAt(spec, 'matchConstraints');
  if (name === '') invalid('metadata.name is missing');
  if (
    spec === undefined ||
    matchConstraints === undefined ||
    !Array.isArray(matchConstraints['resourceRules'])
  ) {
    invalid('spec.matchConstraints.resourceRules is required: the policy is not evaluated');
    return { findings };
  }
  for (const key of ['namespaceSelector', 'objectSelector'] as const) {
    const problem = selectorProblem(matchConstraints[key]);
    if (problem !== undefined) {
      invalid(`spec.matchConstraints.${key}: ${problem}: the policy is not evaluated`);
      return { findings };
    }
  }
  const failurePolicy = spec['failurePolicy'] ?? 'Fail';
  if (failurePolicy !== 'Fail' && failurePolicy !== 'Ignore')
    invalid('spec.failurePolicy must be Fail or Ignore: Fail is used');

  let usable = true;
  const named = (list: string): (CompiledExpression & { name: string })[] =>
    arrayAt(spec, list).flatMap((item, index) => {
      const field = `spec.${list}[${index}]`;
      const itemName = isJsonObject(item) ? item['name'] : undefined;
      if (typeof itemName !== 'string' || itemName === '') {
        invalid(`${field}.name is required: the policy is not evaluated`);
        usable = false;
        return [];
      }
      const compiled = compile(
        `${field}.expression`,
        isJsonObject(item) ? item['expression'] : undefined,
        ': the policy is not evaluated',
      );
      if (compiled === undefined) usable = false;
      return compiled === undefined ? [] : [{ ...compiled, name: itemName }];
    });
  const matchConditions = named('matchConditions');
  const variables = named('variables');

  const validations: CompiledValidation[] = arrayAt(spec, 'validations').flatMap((item, index) => {
    const field = `spec.validations[${index}]`;
    const entry: JsonObject = isJsonObject(item) ? item : {};
    const check = compile(`${field}.expression`, entry['expression'], ': this validation is not evaluated');
    if (check === undefined) return [];
    const messageExpression =
      entry['messageExpression'] === undefined
        ? undefined
        : compile(`${field}.messageExpression`, entry['messageExpression'], ': the message is used instead');
    const message = typeof entry['message'] === 'string' ? entry['message'] : undefined;
    const reason = typeof entry['reason'] === 'string' ? entry['reason'] : undefined;
    return [
      {
        index,
        check,
        ...(message === undefined ? {} : { message }),
        ...(messageExpression === undefined ? {} : { messageExpression }),
        ...(reason === undefined ? {} : { reason }),
      },
    ];
  });
  arrayAt(spec, 'auditAnnotations').forEach((item, index) => {
    compile(
      `spec.auditAnnotations[${index}].valueExpression`,
      isJsonObject(item) ? item['valueExpression'] : undefined,
      '',
    );
  });
  if (arrayAt(spec, 'validations').length === 0 && arrayAt(spec, 'auditAnnotations').length === 0)
    invalid('spec.validations or spec.auditAnnotations must hold at least one entry');

  const paramKind = objectAt(spec, 'paramKind');
  const paramApiVersion = stringAt(paramKind, 'apiVersion');
  const paramKindName = stringAt(paramKind, 'kind');
  if (paramKind !== undefined && (paramApiVersion === undefined || paramKindName === undefined)) {
    invalid('spec.paramKind needs apiVersion and kind: the policy is not evaluated');
    usable = false;
  }
  if (!usable || name === '') return { findings };
  return {
    findings,
    policy: {
      name,
      source: { path: doc.path, ...(doc.line === undefined ? {} : { line: doc.line }) },
      failurePolicy: failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
      ...(paramApiVersion === undefined || paramKindName === undefined
        ? {}
        : { paramKind: { apiVersion: paramApiVersion, kind: paramKindName } }),
      matchConstraints,
      matchConditions,
      variables,
      validations,
    },
  };
}
