/**
 * How the review comment lays environments out: the changes that only some environment has, per
 * environment, first; then each set of changes several environments share, once, naming them;
 * then the unchanged environments in one line. Environments with errors come first, then
 * production-like ones, then the rest.
 */
import type { ResourceDiff } from '../../diff/types.ts';
import { lineCounts, type LineCounts } from './diff-stats.ts';
import { findingKey } from './distinct-findings.ts';
import { isProductionLike } from './production-like.ts';
import type { EnvironmentSummary, ReportSummary } from './summarize-report.ts';

export interface ChangeEntry {
  /** One environment, or (`shared`) several whose `resources` changes are the same. */
  environments: EnvironmentSummary[];
  shared: boolean;
  /** The changes shown: an environment's own, or the shared ones (as the first environment has them). */
  resources: ResourceDiff[];
  /** For one environment: how many environments each other entry it is part of holds. */
  alsoIn: number[];
  /** Some environment did not render or has an error finding. */
  errors: boolean;
  production: boolean;
  /** The changed files the entry's environments read, sorted. */
  sources: string[];
  /** Diff lines: of the whole environment, or of one environment of a shared entry. */
  lines: LineCounts;
  /** For a shared entry: false when the environments' diffs differ in their context lines. */
  sameContext: boolean;
}

export interface ChangeLayout {
  entries: ChangeEntry[];
  /** Environments that render the same on both sides, in report order. */
  unchanged: EnvironmentSummary[];
}

/** What makes environments' changes "the same": the environments agree on their checks too. */
function statusKey(env: EnvironmentSummary): string {
  const check = (c: EnvironmentSummary['validation']) =>
    c === undefined ? null : [c.errors, c.warnings, c.notValidated ?? 0];
  return JSON.stringify([
    env.status,
    check(env.validation),
    check(env.policy),
    (env.diff?.findings ?? []).map(findingKey),
  ]);
}

/** A resource change as compared across environments: its namespace and diff title left out. */
function changeKey(diff: ResourceDiff): string {
  const { apiVersion, kind, name } = diff.resource;
  return JSON.stringify([
    apiVersion,
    kind,
    name,
    diff.change,
    diff.notes.map((note) => note.text),
    diff.renamed ?? null,
    // The changed lines only: context lines may differ (each overlay's own values next to the change).
    diff.unifiedDiff
      .split('\n')
      .slice(1)
      .filter((line) => line.startsWith('+') || line.startsWith('-')),
  ]);
}

/** The diff without its title: what must be equal for one diff to stand for all, context included. */
function diffBody(diff: ResourceDiff): string {
  return diff.unifiedDiff.split('\n').slice(1).join('\n');
}

/** The resource as a shared entry shows it: without a namespace when the environments' differ. */
function sharedResource(diff: ResourceDiff, namespaces: Set<string | undefined>): ResourceDiff {
  if (namespaces.size <= 1) return diff;
  const resource = {
    apiVersion: diff.resource.apiVersion,
    kind: diff.resource.kind,
    name: diff.resource.name,
  };
  const [, ...body] = diff.unifiedDiff.split('\n');
  const unifiedDiff =
    diff.unifiedDiff === '' ? '' : [`# ${resource.kind} ${resource.name}`, ...body].join('\n');
  return { ...diff, resource, unifiedDiff };
}

function hasErrors(env: EnvironmentSummary): boolean {
  return env.status === 'error' || env.findings.some((finding) => finding.severity === 'error');
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sourcesOf(environments: EnvironmentSummary[]): string[] {
  return [...new Set(environments.flatMap((env) => env.diff?.sources ?? []))].sort(byName);
}

/** Errors first, then one environment before several, then production-like, then by name. */
function rank(entry: ChangeEntry): [number, number, number, string] {
  return [
    entry.errors ? 0 : 1,
    entry.shared ? 1 : 0,
    entry.production ? 0 : 1,
    entry.environments[0]?.environment ?? '',
  ];
}

function compareEntries(a: ChangeEntry, b: ChangeEntry): number {
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || byName(x[3], y[3]);
}

export function groupChanges(summary: ReportSummary): ChangeLayout {
  const production = (env: EnvironmentSummary): boolean =>
    isProductionLike(env.environment, summary.production);
  const changed = summary.environments.filter((env) => env.status === 'changed' && env.diff !== undefined);
  const keyOf = (env: EnvironmentSummary, diff: ResourceDiff): string =>
    `${statusKey(env)}\u0000${changeKey(diff)}`;
  const holders = new Map<string, EnvironmentSummary[]>();
  const namespaces = new Map<string, Set<string | undefined>>();
  const bodies = new Map<string, string>();
  for (const env of changed)
    for (const diff of env.diff?.resources ?? []) {
      const key = keyOf(env, diff);
      holders.set(key, [...(holders.get(key) ?? []), env]);
      if (!bodies.has(key)) bodies.set(key, diffBody(diff));
      namespaces.set(key, (namespaces.get(key) ?? new Set()).add(diff.resource.namespace));
    }
  const groups = new Map<string, ChangeEntry>();
  const entries: ChangeEntry[] = [];
  for (const env of summary.environments) {
    if (env.status === 'unchanged') continue;
    const own: ResourceDiff[] = [];
    const alsoIn = new Set<ChangeEntry>();
    for (const diff of env.diff?.resources ?? []) {
      const key = keyOf(env, diff);
      const sharers = holders.get(key) ?? [env];
      if (sharers.length < 2) {
        own.push(diff);
        continue;
      }
      const groupKey = sharers.map((sharer) => sharer.environment).join('\u0000');
      let group = groups.get(groupKey);
      if (group === undefined) {
        group = {
          environments: [...sharers].sort((a, b) => Number(production(b)) - Number(production(a))),
          shared: true,
          resources: [],
          alsoIn: [],
          errors: sharers.some(hasErrors),
          production: sharers.some(production),
          sources: sourcesOf(sharers),
          lines: { added: 0, removed: 0 },
          sameContext: true,
        };
        groups.set(groupKey, group);
      }
      // Each environment of the group has the same changes: the one named first stands for all.
      if (group.environments[0] === env)
        group.resources.push(sharedResource(diff, namespaces.get(key) ?? new Set()));
      if (bodies.get(key) !== diffBody(diff)) group.sameContext = false;
      alsoIn.add(group);
    }
    if (own.length === 0 && alsoIn.size > 0 && env.status !== 'error') continue;
    entries.push({
      environments: [env],
      shared: false,
      resources: own,
      alsoIn: [...alsoIn].map((group) => group.environments.length),
      errors: hasErrors(env),
      production: production(env),
      sources: sourcesOf([env]),
      lines: lineCounts(env.diff?.resources ?? []),
      sameContext: true,
    });
  }
  for (const group of groups.values()) {
    group.lines = lineCounts(group.resources);
    entries.push(group);
  }
  return {
    entries: entries.sort(compareEntries),
    unchanged: summary.environments.filter((env) => env.status === 'unchanged'),
  };
}
