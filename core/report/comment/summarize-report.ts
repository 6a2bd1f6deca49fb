import type { EnvironmentDiff } from '../../diff/types.ts';
import type { Finding, ResourceRef } from '../../findings.ts';
import type { CheckReport, EnvironmentCheck } from '../check-report.ts';
import { distinctCount } from './distinct-findings.ts';

/** One environment with everything known about it, in report order. */
export interface EnvironmentSummary {
  environment: string;
  /** `unchanged` too when the diff engine did not report the environment at all. */
  status: EnvironmentDiff['status'];
  diff?: EnvironmentDiff;
  validation?: EnvironmentCheck;
  policy?: EnvironmentCheck;
  /** Render and diff findings, then validation, then policy. */
  findings: Finding[];
}

export interface ReportSummary {
  environments: EnvironmentSummary[];
  /** Environments with a change (none without a base), and those that did not render. */
  changed: number;
  notRendered: number;
  validationErrors: number;
  validationWarnings: number;
  /** Resources not validated against the schemas asked for (no schema, schemas unusable). */
  notValidated: number;
  /** Of those, the ones that are errors (schemas unusable, not a kind without a schema). */
  notValidatedErrors: number;
  /** False when validation did not run (`kubeproof diff`). */
  validated: boolean;
  /** Environments whose rendered head was validated. */
  validatedEnvironments: number;
  /** False without a base: the environments' resources are what they hold, not changes. */
  compared: boolean;
  /** Resources the rendered environments hold (what a report without a base counts). */
  resources: number;
  /** Where kubeproof looked and how to declare environments, when the folder holds none. */
  noEnvironment?: string;
  /** GitOps manifests discovery did not understand, when the change reaches no environment. */
  notUnderstood?: string[];
  policyRan: boolean;
  /** Environments whose rendered head policy checked. */
  policyEnvironments: number;
  /** Policy findings the base already had, counted instead of listed. */
  policyExisting: number;
  policyErrors: number;
  policyWarnings: number;
  /** Environments the configuration marks as production. */
  production: string[];
}

function byName(checks: EnvironmentCheck[] | undefined): Map<string, EnvironmentCheck> {
  return new Map((checks ?? []).map((check) => [check.environment, check]));
}

function sum(checks: EnvironmentCheck[] | undefined, key: 'notValidated'): number {
  let total = 0;
  for (const check of checks ?? []) total += check[key] ?? 0;
  return total;
}

/** Errors that only say a resource was not validated (counted as "not validated", not as invalid). */
export function unvalidatedErrors(checks: EnvironmentCheck[] | undefined): number {
  let total = 0;
  for (const check of checks ?? [])
    for (const finding of check.findings)
      if (finding.ruleId === 'not-validated' && finding.severity === 'error') total++;
  return total;
}

/**
 * Joins diffs, validation and policy by environment name: diff order first, then environments known
 * only to a checker, so that no environment is ever left out of the report.
 */
export function summarizeReport(report: CheckReport): ReportSummary {
  const diffs = new Map(report.environments.map((diff) => [diff.environment, diff]));
  const validation = byName(report.validation);
  const policy = byName(report.policy);
  const names = [...new Set([...diffs.keys(), ...validation.keys(), ...policy.keys()])];
  const environments = names.map((environment): EnvironmentSummary => {
    const summary: EnvironmentSummary = {
      environment,
      status: diffs.get(environment)?.status ?? 'unchanged',
      findings: [
        ...(diffs.get(environment)?.findings ?? []),
        ...(validation.get(environment)?.findings ?? []),
        ...(policy.get(environment)?.findings ?? []),
      ],
    };
    const diff = diffs.get(environment);
    if (diff !== undefined) summary.diff = diff;
    const checked = validation.get(environment);
    if (checked !== undefined) summary.validation = checked;
    const judged = policy.get(environment);
    if (judged !== undefined) summary.policy = judged;
    return summary;
  });
  const compared = report.meta.compared !== false;
  const summary: ReportSummary = {
    environments,
    changed: compared ? environments.filter((env) => env.status === 'changed').length : 0,
    notRendered: environments.filter((env) => env.status === 'error').length,
    // Problems, not copies: a base line that breaks eleven environments is one error.
    validationErrors: distinctCount(
      report.validation,
      (finding) => finding.severity === 'error' && finding.ruleId !== 'not-validated',
    ),
    validationWarnings: distinctCount(report.validation, (finding) => finding.severity === 'warning'),
    notValidated: sum(report.validation, 'notValidated'),
    notValidatedErrors: unvalidatedErrors(report.validation),
    validated: report.meta.validated !== false,
    validatedEnvironments: report.validation.length,
    compared,
    resources: environments.reduce((total, env) => total + (env.diff ? heldResources(env.diff) : 0), 0),
    policyRan: report.policy !== undefined,
    policyEnvironments: report.policy?.length ?? 0,
    policyExisting: (report.policy ?? []).reduce((total, check) => total + (check.existing ?? 0), 0),
    policyErrors: distinctCount(report.policy, (finding) => finding.severity === 'error'),
    policyWarnings: distinctCount(report.policy, (finding) => finding.severity === 'warning'),
    production: report.production ?? [],
  };
  if (report.noEnvironment !== undefined) summary.noEnvironment = report.noEnvironment;
  if (report.notUnderstood !== undefined && report.notUnderstood.length > 0)
    summary.notUnderstood = report.notUnderstood;
  return summary;
}

/** How many resources an environment's rendered head holds (all of them `added` without a base). */
export function heldResources(diff: EnvironmentDiff): number {
  return diff.status === 'error' ? 0 : diff.counts.added + diff.counts.changed + diff.counts.unchanged;
}

/**
 * An environment's state in words: `not rendered`, `unchanged`, `1 added, 3 changed`, or without a
 * base what it holds, `14 resources`.
 */
export function environmentState(env: EnvironmentSummary, compared: boolean): string {
  if (env.status === 'error') return 'not rendered';
  if (!compared && env.diff !== undefined) return plural(heldResources(env.diff), 'resource');
  if (env.status === 'changed' && env.diff !== undefined) return changeCounts(env.diff.counts);
  return 'unchanged';
}

/** `1 error`, `3 errors`. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

/** `Deployment prod/web`, `ClusterRole admin` for cluster-scoped resources. */
export function resourceLabel(resource: ResourceRef): string {
  const namespace =
    resource.namespace === undefined || resource.namespace === '' ? '' : `${resource.namespace}/`;
  return `${resource.kind} ${namespace}${resource.name}`;
}

/** `envs/prod/kustomization.yaml:7`, or the path alone when the line is unknown. */
export function findingLocation(finding: Finding): string {
  return finding.line !== undefined && finding.line >= 1 ? `${finding.path}:${finding.line}` : finding.path;
}

/** `0.4 s`, `1 min 5 s`. */
export function formatDuration(durationMs: number): string {
  const seconds = Math.max(0, durationMs) / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** `65,536`: thousands separators without depending on the runtime's locale data. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 added, 3 changed` for an environment's counts; `changed` when all are zero. */
export function changeCounts(counts: EnvironmentDiff['counts']): string {
  const parts: string[] = [];
  if (counts.added > 0) parts.push(`${counts.added} added`);
  if (counts.changed > 0) parts.push(`${counts.changed} changed`);
  if (counts.removed > 0) parts.push(`${counts.removed} removed`);
  return parts.length === 0 ? 'changed' : parts.join(', ');
}
