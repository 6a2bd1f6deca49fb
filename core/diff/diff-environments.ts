/**
 * The change prediction of environments: base and head rendered, resources matched, each changed
 * one summarised in notes and a unified diff, secrets redacted before anything is compared.
 */
import type { Finding } from '../findings.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import { type JsonObject, cloneJson, jsonEqual } from '../manifests/json-value.ts';
import { resolveDiffOptions, type DiffOptions, type ResolvedDiffOptions } from './diff-options.ts';
import { isIgnoredResource, removeIgnoredPaths } from './ignore.ts';
import { indexResources, matchResources, type ResourcePair, type SideResource } from './match-resources.ts';
import { redactPair } from './redact.ts';
import { scrubFindings } from './scrub-findings.ts';
import {
  compareIdentities,
  describeIdentity,
  toResourceRef,
  type ResourceIdentity,
} from './resource-identity.ts';
import { describeResource, semanticSummary } from './semantic-summary.ts';
import type { ChangeNote, EnvironmentDiff, ResourceDiff } from './types.ts';
import { unifiedDiff } from './unified-diff.ts';

export type { DiffOptions } from './diff-options.ts';

/** Base and head of one environment; undefined on the side where the environment does not exist. */
export interface EnvironmentPair {
  base?: RenderedEnvironment | undefined;
  head?: RenderedEnvironment | undefined;
}

function prefixed(side: 'base' | 'head', findings: readonly Finding[]): Finding[] {
  return findings.map((finding) => ({ ...finding, message: `${side}: ${finding.message}` }));
}

function withoutIgnored(side: SideResource, options: ResolvedDiffOptions): JsonObject {
  if (options.ignorePaths.length === 0) return side.resource.object;
  const copy = cloneJson(side.resource.object);
  removeIgnoredPaths(copy, options);
  return copy;
}

function diffPair(pair: ResourcePair, options: ResolvedDiffOptions): ResourceDiff {
  const main = (pair.head ?? pair.base) as SideResource;
  const before = pair.base === undefined ? undefined : withoutIgnored(pair.base, options);
  const after = pair.head === undefined ? undefined : withoutIgnored(pair.head, options);
  const renamed =
    pair.base !== undefined && pair.head !== undefined && pair.base.identity.name !== pair.head.identity.name
      ? { from: pair.base.identity.name, to: pair.head.identity.name }
      : undefined;
  const result: ResourceDiff = {
    resource: toResourceRef(main.identity),
    change: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed',
    origin: { path: main.resource.origin.path, line: main.resource.origin.line },
    notes: [],
    unifiedDiff: '',
  };
  if (renamed !== undefined) result.renamed = renamed;
  if (before !== undefined && after !== undefined && renamed === undefined && jsonEqual(before, after))
    return { ...result, change: 'unchanged' };
  const redacted = redactPair(before, after, options);
  const title = describeIdentity(main.identity);
  result.unifiedDiff = unifiedDiff(title, redacted.base, redacted.head, options.contextLines);
  if (redacted.base !== undefined && redacted.head !== undefined) {
    const notes: ChangeNote[] = [];
    if (renamed !== undefined)
      notes.push({
        kind: 'generated-name',
        text: `generated name ${renamed.from} -> ${renamed.to}`,
        parts: { label: 'generated name', from: renamed.from, to: renamed.to },
      });
    result.notes = [...notes, ...semanticSummary(redacted.base, redacted.head, options.maxFieldNotes)];
  } else if (redacted.head !== undefined) result.notes = describeResource(redacted.head);
  return result;
}

function sideResources(
  side: 'base' | 'head',
  rendered: RenderedEnvironment | undefined,
  options: ResolvedDiffOptions,
  findings: Finding[],
): Map<string, SideResource> {
  const { byKey, duplicates } = indexResources(rendered?.resources ?? []);
  for (const [key, entry] of byKey) if (isIgnoredResource(entry.identity, options)) byKey.delete(key);
  for (const duplicate of duplicates) {
    if (isIgnoredResource(duplicate.identity, options)) continue;
    findings.push({
      ruleId: 'diff-duplicate-resource',
      severity: 'warning',
      message: `${side}: ${describeIdentity(duplicate.identity)} is rendered more than once; the diff compares the last one`,
      path: duplicate.resource.origin.path,
      line: duplicate.resource.origin.line,
      resource: toResourceRef(duplicate.identity),
    });
  }
  return byKey;
}

function environmentFindings(
  base: RenderedEnvironment | undefined,
  head: RenderedEnvironment | undefined,
): Finding[] {
  const findings = [...prefixed('base', base?.findings ?? []), ...prefixed('head', head?.findings ?? [])];
  const environment = (head ?? base)?.environment;
  if (environment === undefined || (base !== undefined && head !== undefined)) return findings;
  const added = base === undefined;
  findings.push({
    ruleId: added ? 'diff-environment-added' : 'diff-environment-removed',
    severity: 'notice',
    message: added
      ? `environment ${environment.name} is new: every resource is added`
      : `environment ${environment.name} was removed: every resource is removed`,
    path: environment.path || '.',
  });
  return findings;
}

/**
 * Diffs one environment. Either side may be undefined (a new or removed environment: everything
 * added or removed); when a side did not render (`ok` false) the status is `error`, no resource is
 * compared, and the findings say why. Throws InvalidPathError on a bad path in the options.
 */
export function diffEnvironment(
  base: RenderedEnvironment | undefined,
  head: RenderedEnvironment | undefined,
  options: DiffOptions | ResolvedDiffOptions = {},
): EnvironmentDiff {
  const resolved = resolveDiffOptions(options);
  const environment = (head ?? base)?.environment;
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const findings = scrubFindings(environmentFindings(base, head), [base, head], resolved);
  const shell = { environment: environment?.name ?? '', path: environment?.path ?? '', counts, findings };
  if (base?.ok === false || head?.ok === false) return { ...shell, status: 'error', resources: [] };
  const pairs = matchResources(
    sideResources('base', base, resolved, findings),
    sideResources('head', head, resolved, findings),
  );
  const diffs: { identity: ResourceIdentity; diff: ResourceDiff }[] = [];
  for (const pair of pairs) {
    const diff = diffPair(pair, resolved);
    counts[diff.change]++;
    if (diff.change !== 'unchanged') diffs.push({ identity: (pair.head ?? pair.base)!.identity, diff });
  }
  diffs.sort((a, b) => compareIdentities(a.identity, b.identity));
  const changed = counts.added + counts.removed + counts.changed > 0;
  return { ...shell, status: changed ? 'changed' : 'unchanged', resources: diffs.map((entry) => entry.diff) };
}

/** Diffs environments pair by pair, in the order given (see pairEnvironments). */
export function diffEnvironments(
  pairs: readonly EnvironmentPair[],
  options: DiffOptions = {},
): EnvironmentDiff[] {
  const resolved = resolveDiffOptions(options);
  return pairs.map((pair) => diffEnvironment(pair.base, pair.head, resolved));
}

/** Pairs base and head environments by name: head order first, then environments only in base. */
export function pairEnvironments(
  base: readonly RenderedEnvironment[],
  head: readonly RenderedEnvironment[],
): EnvironmentPair[] {
  const byName = new Map(base.map((environment) => [environment.environment.name, environment]));
  const pairs: EnvironmentPair[] = head.map((environment) => ({
    base: byName.get(environment.environment.name),
    head: environment,
  }));
  const names = new Set(head.map((environment) => environment.environment.name));
  for (const environment of base)
    if (!names.has(environment.environment.name)) pairs.push({ base: environment });
  return pairs;
}
