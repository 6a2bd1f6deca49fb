/**
 * Whether a compile error comes from a name kubeproof's CEL does not have (a Kubernetes library
 * it lacks, such as `base64` or `math`, or a misspelling) rather than from a
 * mistake the API server would refuse too: then the expression is "not checked", not "invalid".
 */
import type { Environment } from '@marcbachmann/cel-js';
import { ADMISSION_VARIABLES } from './admission-environment.ts';

const KNOWN_VARIABLES = new Set<string>([...ADMISSION_VARIABLES, 'authorizer']);

/** The unknown name a compile error is about, or undefined when it is another error. */
export function unsupportedName(env: Environment, error: string): string | undefined {
  const variable = /^Unknown variable: ([\w.]+)/.exec(error)?.[1];
  if (variable !== undefined) return KNOWN_VARIABLES.has(variable) ? undefined : variable;
  const fn = /^found no matching overload for '(?:[^'(]*\.)?(\w+)\(/.exec(error)?.[1];
  if (fn === undefined) return undefined;
  const known = env.getDefinitions().functions.some((definition) => definition.name === fn);
  return known ? undefined : fn;
}
