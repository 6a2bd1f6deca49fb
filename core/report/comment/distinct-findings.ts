import type { Finding, ResourceRef } from '../../findings.ts';
import type { EnvironmentCheck } from '../check-report.ts';

/** One problem, found at one place of the sources, and every environment it shows up in. */
export interface DistinctFinding {
  finding: Finding;
  /** In report order. */
  environments: string[];
  /**
   * The resource, when every copy names the same one; its namespace left out when only the
   * namespaces differ (one base line, rendered into each environment's namespace).
   */
  resource?: ResourceRef;
}

const SEVERITY_ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, notice: 2 };

/** Copies of one finding: the same rule, severity, file, line, column and message. */
export function findingKey(finding: Finding): string {
  return JSON.stringify([
    finding.severity,
    finding.ruleId,
    finding.path,
    finding.line ?? null,
    finding.column ?? null,
    finding.message,
  ]);
}

function commonResource(refs: (ResourceRef | undefined)[]): ResourceRef | undefined {
  const [first] = refs;
  if (first === undefined || refs.some((ref) => ref === undefined)) return undefined;
  const same = (ref: ResourceRef | undefined, namespace: boolean): boolean =>
    ref !== undefined &&
    ref.kind === first.kind &&
    ref.name === first.name &&
    ref.apiVersion === first.apiVersion &&
    (!namespace || ref.namespace === first.namespace);
  if (refs.every((ref) => same(ref, true))) return first;
  if (!refs.every((ref) => same(ref, false))) return undefined;
  return { apiVersion: first.apiVersion, kind: first.kind, name: first.name };
}

/**
 * The findings of the environments, one per place in the sources: a base line that breaks eleven
 * environments is one finding listing the eleven. Errors first, then warnings and notices, each by
 * file and line.
 */
export function distinctFindings(
  environments: readonly { environment: string; findings: readonly Finding[] }[],
): DistinctFinding[] {
  const byKey = new Map<
    string,
    { finding: Finding; environments: string[]; refs: (ResourceRef | undefined)[] }
  >();
  for (const env of environments)
    for (const finding of env.findings) {
      const key = findingKey(finding);
      const entry = byKey.get(key) ?? { finding, environments: [], refs: [] };
      if (!entry.environments.includes(env.environment)) entry.environments.push(env.environment);
      entry.refs.push(finding.resource);
      byKey.set(key, entry);
    }
  return [...byKey.values()]
    .map(({ finding, environments: names, refs }): DistinctFinding => {
      const resource = commonResource(refs);
      return resource === undefined
        ? { finding, environments: names }
        : { finding, environments: names, resource };
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        (a.finding.path < b.finding.path ? -1 : a.finding.path > b.finding.path ? 1 : 0) ||
        (a.finding.line ?? 0) - (b.finding.line ?? 0),
    );
}

/** Distinct findings of some checks (validation or policy) of one severity: problems, not copies. */
export function distinctCount(
  checks: readonly EnvironmentCheck[] | undefined,
  keep: (finding: Finding) => boolean,
): number {
  const keys = new Set<string>();
  for (const check of checks ?? [])
    for (const finding of check.findings) if (keep(finding)) keys.add(findingKey(finding));
  return keys.size;
}
