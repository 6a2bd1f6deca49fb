import type { Finding, ResourceRef } from '../findings.ts';
import { summarizeReport } from './comment/summarize-report.ts';
import type { CheckReport } from './check-report.ts';

/** One finding as the finding-based outputs (annotations, SARIF) report it, once for all environments. */
export interface ReportedFinding {
  /** The finding, its path relative to the repository root. */
  finding: Finding;
  /** Environments it was found in, in report order; empty for findings outside any environment. */
  environments: string[];
  /** Distinct resources it was found on. */
  resources: ResourceRef[];
}

export interface ReportFindingsOptions {
  /**
   * Where the report's paths are relative to, from the repository root (`working-directory`):
   * `clusters`, or `` / `.` for the root itself.
   */
  pathPrefix?: string;
  /** Findings outside the report's environments (`CheckResult.findings`: configuration, discovery). */
  findings?: readonly Finding[];
}

/** `path` from the repository root: forward slashes, no `./`; absolute paths stay as they are. */
export function repositoryPath(path: string, prefix = ''): string {
  const clean = (p: string): string => p.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  const slashed = clean(path);
  const base = clean(prefix).replace(/\/+$/, '');
  if (base === '' || base === '.' || slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return slashed;
  return `${base}/${slashed}`;
}

/** True when `path` names a file inside the repository, so GitHub can place an annotation on it. */
export function isRepositoryFile(path: string): boolean {
  return (
    path !== '' &&
    path !== 'stdin' &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:\//.test(path) &&
    !path.split('/').includes('..')
  );
}

function key(finding: Finding): string {
  const { ruleId, severity, path, line, column, message } = finding;
  return JSON.stringify([ruleId, severity, path, line ?? 0, column ?? 0, message]);
}

function sameResource(a: ResourceRef, b: ResourceRef): boolean {
  return (
    a.apiVersion === b.apiVersion && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name
  );
}

/**
 * Every finding of a report (the extra findings first, then per environment: render and diff,
 * validation, policy), with paths from the repository root. A shared base layer renders into every
 * environment, so the same finding at the same place comes once, listing the environments it came from.
 */
export function reportFindings(report: CheckReport, options: ReportFindingsOptions = {}): ReportedFinding[] {
  const byKey = new Map<string, ReportedFinding>();
  const add = (finding: Finding, environment: string | undefined): void => {
    const located = { ...finding, path: repositoryPath(finding.path, options.pathPrefix) };
    const id = key(located);
    let reported = byKey.get(id);
    if (reported === undefined) {
      reported = { finding: located, environments: [], resources: [] };
      byKey.set(id, reported);
    }
    if (environment !== undefined && !reported.environments.includes(environment)) {
      reported.environments.push(environment);
    }
    const resource = finding.resource;
    if (resource !== undefined && !reported.resources.some((other) => sameResource(other, resource))) {
      reported.resources.push(resource);
    }
  };
  for (const finding of options.findings ?? []) add(finding, undefined);
  for (const environment of summarizeReport(report).environments) {
    for (const finding of environment.findings) add(finding, environment.environment);
  }
  return [...byKey.values()];
}
