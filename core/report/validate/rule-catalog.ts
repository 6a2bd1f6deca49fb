import type { Severity } from '../../findings.ts';

/** What a rule checks, for SARIF's `rules` (and any output that describes rules). */
export interface RuleDescription {
  shortDescription: string;
  level: Severity;
}

/** The rules `kubeproof validate` reports, by `ruleId`. Unknown ids get a generic description. */
export const VALIDATE_RULES: Readonly<Record<string, RuleDescription>> = {
  schema: { shortDescription: 'The resource does not match its JSON Schema.', level: 'error' },
  'yaml-syntax': { shortDescription: 'The document is not valid YAML.', level: 'error' },
  'duplicate-key': { shortDescription: 'A mapping holds the same key twice (-strict).', level: 'error' },
  'not-a-resource': { shortDescription: 'The document is not a Kubernetes object.', level: 'error' },
  'missing-type-meta': { shortDescription: 'The resource has no kind or no apiVersion.', level: 'error' },
  'rejected-kind': { shortDescription: 'The kind is rejected by -reject.', level: 'error' },
  'removed-api': {
    shortDescription: 'The apiVersion is no longer served by the target Kubernetes version.',
    level: 'error',
  },
  'deprecated-api': {
    shortDescription: 'The apiVersion is deprecated in the target Kubernetes version.',
    level: 'warning',
  },
  'schema-unavailable': { shortDescription: 'The schema could not be downloaded or read.', level: 'error' },
  'missing-schema': { shortDescription: 'No schema was found for the kind.', level: 'error' },
  'unreadable-file': { shortDescription: 'The file could not be read or decoded.', level: 'error' },
  'crd-schema': {
    shortDescription: 'A CustomResourceDefinition schema could not be used for validation.',
    level: 'warning',
  },
  'duplicate-resource': {
    shortDescription: 'The same resource is defined more than once.',
    level: 'warning',
  },
  'validation-error': { shortDescription: 'The resource failed validation.', level: 'error' },
};

/** `deprecated-api` -> `DeprecatedApi`: SARIF's readable rule name. */
export function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
