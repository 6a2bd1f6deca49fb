/** The shapes the admission evaluator passes between its steps. */
import type { Environment } from '@marcbachmann/cel-js';
import type { JsonObject } from '../../manifests/json-value.ts';
import type { ExpressionShape } from './cel/cel-cost.ts';

/** Where an object was written: a policy file or a rendered resource's origin. */
export interface Source {
  path: string;
  line?: number;
}

/** An object with its source. */
export interface SourcedObject extends Source {
  object: JsonObject;
}

export type Program = ReturnType<Environment['parse']>;

/** One expression, compiled once. */
export interface CompiledExpression {
  /** The field it came from: `spec.validations[0].expression`. */
  field: string;
  expression: string;
  program: Program;
  shape: ExpressionShape;
}

export interface CompiledValidation {
  index: number;
  check: CompiledExpression;
  message?: string;
  messageExpression?: CompiledExpression;
  reason?: string;
}

/** A ValidatingAdmissionPolicy ready to evaluate. */
export interface CompiledPolicy {
  name: string;
  source: Source;
  failurePolicy: 'Fail' | 'Ignore';
  paramKind?: { apiVersion: string; kind: string };
  matchConstraints: JsonObject;
  matchConditions: (CompiledExpression & { name: string })[];
  variables: (CompiledExpression & { name: string })[];
  validations: CompiledValidation[];
}

export type ValidationAction = 'Deny' | 'Warn' | 'Audit';

/** A ValidatingAdmissionPolicyBinding as read. */
export interface Binding {
  name: string;
  source: Source;
  policyName: string;
  paramRef?: JsonObject;
  matchResources?: JsonObject;
  actions: ValidationAction[];
}
