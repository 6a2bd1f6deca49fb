import { type DiffOptions, type ResourceSelector, resolveDiffOptions } from '../diff/diff-options.ts';
import { KubeproofError } from '../errors.ts';
import type { Finding } from '../findings.ts';
import type { JsonObject } from '../manifests/json-value.ts';

/**
 * The `diff:` section of `.kubeproof.yaml` (already checked against the schema) as DiffOptions. A
 * path or pattern the diff engine cannot use is a finding on the config file, and the diff goes on
 * without that setting.
 */
export function configDiffOptions(
  section: JsonObject | undefined,
  configPath: string,
): { options: DiffOptions; findings: Finding[] } {
  const findings: Finding[] = [];
  if (section === undefined) return { options: {}, findings };
  const strings = (value: unknown): string[] =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const candidate: DiffOptions = {
    ignorePaths: strings(section['ignorePaths']),
    redactPaths: strings(section['redactPaths']),
    ignoreResources: Array.isArray(section['ignoreResources'])
      ? (section['ignoreResources'] as ResourceSelector[])
      : [],
    ...(typeof section['redactKeyPattern'] === 'string' || section['redactKeyPattern'] === false
      ? { redactKeyPattern: section['redactKeyPattern'] }
      : {}),
    ...(typeof section['contextLines'] === 'number' ? { contextLines: section['contextLines'] } : {}),
  };
  const options: DiffOptions = {};
  for (const key of Object.keys(candidate) as (keyof DiffOptions)[]) {
    const one = { [key]: candidate[key] } as DiffOptions;
    try {
      resolveDiffOptions(one);
      Object.assign(options, one);
    } catch (error) {
      if (!(error instanceof KubeproofError)) throw error;
      findings.push({
        ruleId: 'config',
        severity: 'error',
        message: `diff.${key}: ${error.message}; the diff ignores this setting`,
        path: configPath,
      });
    }
  }
  return { options, findings };
}
