/**
 * The CEL environment of admission policies: the variables a ValidatingAdmissionPolicy sees and the
 * Kubernetes libraries, built once; expressions compile once and are evaluated per resource within
 * a cost budget (docs/architecture.md, convention 3: the environment is made by the caller).
 */
import { Environment } from '@marcbachmann/cel-js';
import { registerAuthorizer } from './authorizer.ts';
import { registerComprehensions } from './comprehensions.ts';
import { registerIpCidr } from './ip-cidr.ts';
import { registerLists } from './lists.ts';
import { registerNamedFormats } from './named-formats.ts';
import { registerQuantity } from './quantity.ts';
import { registerRegex } from './regex.ts';
import { registerSemver } from './semver.ts';
import { registerSets } from './sets.ts';
import { registerStrings } from './strings.ts';
import { registerUrls } from './urls.ts';

/** The variables of a validation, matchCondition, variable or messageExpression. */
export const ADMISSION_VARIABLES = [
  'object',
  'oldObject',
  'request',
  'params',
  'namespaceObject',
  'variables',
] as const;

/**
 * Parse-time limits. Kubernetes bounds each expression by a cost budget estimated from its schema
 * (https://kubernetes.io/docs/reference/using-api/cel/#resource-constraints); offline there is no
 * schema, so the AST size is bounded here and the work per input in `cel-cost.ts`.
 */
const LIMITS = {
  maxAstNodes: 5000,
  maxDepth: 100,
  maxListElements: 1000,
  maxMapEntries: 1000,
  maxCallArguments: 32,
};

/** A new environment with the admission variables and every supported library. */
export function admissionEnvironment(): Environment {
  const env = new Environment({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
    limits: LIMITS,
  });
  for (const name of ADMISSION_VARIABLES) env.registerVariable(name, 'dyn');
  registerAuthorizer(env);
  registerQuantity(env);
  registerLists(env);
  registerRegex(env);
  registerUrls(env);
  registerIpCidr(env);
  registerSemver(env);
  registerStrings(env);
  registerSets(env);
  registerNamedFormats(env);
  registerComprehensions(env);
  return env;
}
