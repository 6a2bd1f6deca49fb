import type { RuleEntry } from './rule-entry.ts';

/** The rules of reading `.kubeproof.yaml` and finding the environments of a repository. */
export const CONFIG_RULES = {
  config: {
    group: 'config',
    defaultSeverity: 'error',
    description: 'The kubeproof configuration file (.kubeproof.yaml) is not valid.',
    help: 'Fix the field the finding points at; kubeproof-config.schema.json in schemas/ describes every field.',
    readme: 'how-environments-are-found',
  },
  environments: {
    group: 'config',
    defaultSeverity: 'warning',
    description: 'An Argo CD or Flux object could not be turned into an environment as written.',
    help: 'Read the message for what kubeproof assumed or skipped, or declare the environment in .kubeproof.yaml.',
    readme: 'how-environments-are-found',
  },
  'no-environment': {
    group: 'config',
    defaultSeverity: 'error',
    description: 'The folder holds no environment, so nothing was checked.',
    help: 'Declare the environments in .kubeproof.yaml, or point kubeproof at the folder that holds the overlays.',
    readme: 'how-environments-are-found',
  },
  'check-incomplete': {
    group: 'config',
    defaultSeverity: 'error',
    description: 'A step of the check could not be carried out, so what it covers was not checked.',
    help: 'Read the message for the step (a download from GitHub, for example) and why; then re-run the check.',
  },
} as const satisfies Record<string, RuleEntry>;
