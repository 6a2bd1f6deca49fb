/**
 * What kubeproof says when a folder holds no environment at all: where it looked and how to
 * declare one. A check that found nothing to check must say so, never "valid".
 */
import type { Finding } from '../../findings.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import { CONFIG_FILE_NAMES } from './load-config.ts';
import { ENVIRONMENT_CONTAINERS } from './name-environments.ts';

/** The rule id of the "no environment found" finding. */
export const NO_ENVIRONMENT_RULE = 'no-environment' satisfies RuleId;

const CONTAINERS = [...ENVIRONMENT_CONTAINERS].map((name) => `${name}/`);
const CONTAINER_LIST = `${CONTAINERS.slice(0, -1).join(', ')} or ${CONTAINERS.at(-1) ?? ''}`;

/** How to declare environments, as one line (the example is a whole, valid config file). */
export const DECLARE_ENVIRONMENTS = `declare them in ${CONFIG_FILE_NAMES[0]} in that folder, for example {version: 1, environments: [{name: prod, path: deploy/prod}]}`;

/**
 * `no environment found in WHERE: ...`, one line. `configFailed`: the config file exists but could
 * not be read (its own findings say why), so nothing was discovered either.
 */
export function noEnvironmentMessage(where: string, configFailed = false, notUnderstood = 0): string {
  if (configFailed)
    return `no environment found in ${where}: ${CONFIG_FILE_NAMES[0]} could not be read (see its errors); fix it to declare the environments`;
  const met =
    notUnderstood === 0
      ? ''
      : `; it met ${notUnderstood === 1 ? '1 GitOps manifest' : `${notUnderstood} GitOps manifests`} it could not turn into an environment (see the notices and warnings of rule environments)`;
  return (
    `no environment found in ${where}: kubeproof looked in ${CONFIG_FILE_NAMES[0]}, for kustomize overlays ` +
    `under ${CONTAINER_LIST} and sibling overlays over a shared base, and for Argo CD Applications and ` +
    `ApplicationSets and Flux Kustomizations and HelmReleases of this repository${met}; ${DECLARE_ENVIRONMENTS}`
  );
}

/** The finding of a repository without environments: an error, since nothing could be checked. */
export function noEnvironmentFinding(where: string, configFailed = false, notUnderstood = 0): Finding {
  return {
    ruleId: NO_ENVIRONMENT_RULE,
    severity: 'error',
    message: noEnvironmentMessage(where, configFailed, notUnderstood),
    path: CONFIG_FILE_NAMES[0],
  };
}
