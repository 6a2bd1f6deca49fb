/**
 * Promotion as data: which image versions of which environments change, the minimal edits that
 * change them, each file's new content and the patch, or why it is refused. Nothing is written
 * here; a front door writes `files` (or commits them in a pull request) only when `refused` is
 * false. Used by `kubeproof bump` (a version given) and `kubeproof promote` (a source
 * environment's versions, or a `--tag` for a rollback).
 */
import type { FileSource } from '../files/file-source.ts';
import { applyTextEdits, verifyEdit, type TextEdit, type ValueChange } from '../manifests/scalar-edit.ts';
import { positionOf } from '../manifests/yaml-source.ts';
import type { Environment, PromotionConfig } from '../render/environments/types.ts';
import { environmentFiles } from './environment-files.ts';
import { showVersion, type ImageSite, type ImageVersion, type SiteProblem } from './image-site.ts';
import { versionPolicy } from './version-policy.ts';
import { environmentSites, fileReader, type EditableFile, type EnvironmentSites } from './read-sources.ts';
import { unifiedPatch } from './unified-patch.ts';
import type { OwnFile } from './updaters/updater.ts';

/** One environment to change: to `version`, or to what `source` runs. */
export interface PromotionPair {
  target: string;
  source?: string;
}

export interface PromotionRequest {
  pairs: PromotionPair[];
  /** Only these images (as written, or a kustomize `images[].name`); all when empty. */
  images: string[];
  /** The version to set (bump, rollback); without it, each source's. */
  version?: ImageVersion;
  settings: PromotionConfig;
}

export type RowStatus =
  'changed' | 'unchanged' | 'refused' | 'only-in-source' | 'only-in-target' | 'unpinned';

/** One line of the change table. */
export interface PromotionRow {
  environment: string;
  /** The environment the version comes from (promote). */
  source?: string;
  image: string;
  /** The version the target has (`(none)` when the image is not there). */
  from: string;
  /** The version it gets (`from` again when nothing changes). */
  to: string;
  file: string;
  line: number;
  field: string;
  status: RowStatus;
  /** Why it is refused or left alone. */
  message?: string;
}

/** One edit, with offsets in the file's text (UTF-16 code units) and in its bytes. */
export interface PlannedEdit extends TextEdit {
  line: number;
  column: number;
  byteStart: number;
  byteEnd: number;
}

export interface FileUpdate {
  path: string;
  edits: PlannedEdit[];
  /** The whole new file, as text (line breaks as they were) and as bytes (byte order mark kept). */
  text: string;
  content: Uint8Array;
}

export interface PromotionPlan {
  rows: PromotionRow[];
  /** Files to write, in path order: empty when refused (nothing is written then). */
  files: FileUpdate[];
  /** Unified diff of `files`. */
  patch: string;
  /** Something asked for cannot be done: nothing may be written. */
  refused: boolean;
  /** Places that look like image versions but could not be read (not tied to a row). */
  notes: SiteProblem[];
}

const encoder = new TextEncoder();

function matches(site: ImageSite, images: readonly string[]): boolean {
  return images.length === 0 || images.some((name) => name === site.image || site.aliases.includes(name));
}

function sameImage(a: ImageSite, b: ImageSite): boolean {
  return a.image === b.image || a.aliases.includes(b.image) || b.aliases.includes(a.image);
}

/** Groups sites by the image they write. */
function byImage(sites: readonly ImageSite[]): ImageSite[][] {
  const groups: ImageSite[][] = [];
  for (const site of sites) {
    const group = groups.find((candidate) => sameImage(candidate[0] as ImageSite, site));
    if (group) group.push(site);
    else groups.push([site]);
  }
  return groups;
}

/** What a group of sites says the image runs, or why that is unclear. */
function versionOf(sites: readonly ImageSite[]): { version: ImageVersion } | { conflict: string } {
  const tags = new Map<string, ImageSite>();
  const digests = new Map<string, ImageSite>();
  for (const site of sites) {
    if (site.current.tag !== undefined && !tags.has(site.current.tag)) tags.set(site.current.tag, site);
    if (site.current.digest !== undefined && !digests.has(site.current.digest))
      digests.set(site.current.digest, site);
  }
  const describe = (values: Map<string, ImageSite>): string =>
    [...values].map(([value, site]) => `${value || '(none)'} (${site.file}:${site.line})`).join(' and ');
  if (tags.size > 1) return { conflict: `writes two tags: ${describe(tags)}` };
  if (digests.size > 1) return { conflict: `writes two digests: ${describe(digests)}` };
  return { version: { tag: [...tags.keys()][0] ?? '', digest: [...digests.keys()][0] ?? '' } };
}

interface Planned {
  site: ImageSite;
  edits: TextEdit[];
  changes: ValueChange[];
  row: PromotionRow;
}

function rowOf(
  environment: string,
  site: ImageSite,
  to: ImageVersion | undefined,
  status: RowStatus,
  message?: string,
): PromotionRow {
  const row: PromotionRow = {
    environment,
    image: site.image,
    from: showVersion(site.current),
    to: to
      ? showVersion({
          tag: site.current.tag === undefined ? undefined : to.tag,
          digest: site.current.digest === undefined ? undefined : to.digest,
        })
      : showVersion(site.current),
    file: site.file,
    line: site.line,
    field: site.field,
    status,
  };
  if (message !== undefined) row.message = message;
  return row;
}

interface PairContext {
  pair: PromotionPair;
  target: EnvironmentSites;
  source: EnvironmentSites | undefined;
}

function planPair(
  context: PairContext,
  request: PromotionRequest,
  planned: Planned[],
  rows: PromotionRow[],
): void {
  const { pair } = context;
  const withSource = (row: PromotionRow): PromotionRow =>
    pair.source === undefined ? row : { ...row, source: pair.source };
  const targetSites = context.target.sites.filter((site) => matches(site, request.images));
  const sourceSites = (context.source?.sites ?? []).filter((site) => matches(site, request.images));
  const targetGroups = byImage(targetSites);
  for (const problem of context.target.problems) {
    const image = problem.image;
    const names = [image, ...(problem.aliases ?? [])];
    if (
      image === undefined ||
      (request.images.length > 0 && !request.images.some((name) => names.includes(name)))
    )
      continue;
    const row: PromotionRow = {
      environment: pair.target,
      image,
      from: '?',
      to: '?',
      file: problem.file,
      line: problem.line,
      field: '',
      status: 'refused',
      message: problem.message,
    };
    rows.push(withSource(row));
  }
  for (const group of targetGroups) {
    const first = group[0] as ImageSite;
    let version = request.version;
    if (!version) {
      const sourceGroup = sourceSites.filter((site) => group.some((t) => sameImage(t, site)));
      if (sourceGroup.length === 0) {
        for (const site of group)
          rows.push(
            withSource(
              rowOf(
                pair.target,
                site,
                undefined,
                'only-in-target',
                `${pair.source} has no image ${first.image}: left as it is`,
              ),
            ),
          );
        continue;
      }
      const found = versionOf(sourceGroup);
      if ('conflict' in found) {
        for (const site of group)
          rows.push(
            withSource(
              rowOf(
                pair.target,
                site,
                undefined,
                'refused',
                `${pair.source} ${found.conflict}; promote it with --tag`,
              ),
            ),
          );
        continue;
      }
      version = found.version;
      if (version.digest === '' && (version.tag === '' || version.tag === 'latest')) {
        for (const site of group)
          rows.push(
            withSource(
              rowOf(
                pair.target,
                site,
                undefined,
                'unpinned',
                `${pair.source} runs ${first.image} ${version.tag === '' ? 'without a tag' : 'as latest'}, which is not a version: not promoted`,
              ),
            ),
          );
        continue;
      }
    }
    const policy = versionPolicy(pair.target, version, request.settings);
    for (const site of group) {
      if (policy !== undefined) {
        rows.push(withSource(rowOf(pair.target, site, version, 'refused', policy)));
        continue;
      }
      const plan = site.plan(version);
      if (!plan.ok) {
        rows.push(withSource(rowOf(pair.target, site, version, 'refused', plan.reason)));
        continue;
      }
      const row = withSource(
        rowOf(pair.target, site, version, plan.edits.length > 0 ? 'changed' : 'unchanged'),
      );
      rows.push(row);
      planned.push({ site, edits: plan.edits, changes: plan.changes, row });
    }
  }
  if (!request.version) {
    for (const group of byImage(sourceSites)) {
      if (targetSites.some((site) => group.some((s) => sameImage(s, site)))) continue;
      const site = group[0] as ImageSite;
      rows.push({
        ...rowOf(
          pair.target,
          site,
          undefined,
          'only-in-source',
          `${pair.target} has no image ${site.image}: not added`,
        ),
        from: '(none)',
        ...(pair.source === undefined ? {} : { source: pair.source }),
      });
    }
  }
  for (const name of request.images) {
    if (targetSites.some((site) => site.image === name || site.aliases.includes(name))) continue;
    const problem = context.target.problems.some((p) => p.image === name || (p.aliases ?? []).includes(name));
    if (problem || rows.some((row) => row.environment === pair.target && row.image === name)) continue;
    rows.push(
      withSource({
        environment: pair.target,
        image: name,
        from: '(none)',
        to: '(none)',
        file: '',
        line: 0,
        field: '',
        status: 'refused',
        message: `${pair.target}'s own files write no image ${name} (a shared base is never edited)`,
      }),
    );
  }
}

/** Applies the planned edits file by file, verifying each file; a failure refuses its rows. */
function applyEdits(planned: readonly Planned[], editable: ReadonlyMap<string, EditableFile>): FileUpdate[] {
  const byFile = new Map<string, Planned[]>();
  for (const item of planned) {
    if (item.edits.length === 0) continue;
    byFile.set(item.site.file, [...(byFile.get(item.site.file) ?? []), item]);
  }
  const updates: FileUpdate[] = [];
  for (const [path, items] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = editable.get(path);
    const refuse = (message: string): void => {
      for (const item of items) Object.assign(item.row, { status: 'refused', message });
    };
    if (!file) {
      refuse('internal: file not read');
      continue;
    }
    // The same value found twice (two environments' promotions of one shared file) is one edit.
    const edits = new Map<number, TextEdit>();
    const changes: ValueChange[] = [];
    let conflict: string | undefined;
    for (const item of items) {
      for (const edit of item.edits) {
        const other = edits.get(edit.start);
        if (other && other.newText !== edit.newText)
          conflict = `two promotions write different values at line ${item.site.line}`;
        edits.set(edit.start, edit);
      }
      changes.push(...item.changes);
    }
    const sorted = [...edits.values()].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++)
      if ((sorted[i] as TextEdit).start < (sorted[i - 1] as TextEdit).end) conflict = 'two edits overlap';
    if (conflict) {
      refuse(conflict);
      continue;
    }
    const text = applyTextEdits(file.source.text, sorted);
    const problem = verifyEdit(file.source, text, changes);
    if (problem !== undefined) {
      refuse(`${path}: edit refused: ${problem}`);
      continue;
    }
    const bom = file.bom ? '\uFEFF' : '';
    const planned: PlannedEdit[] = sorted.map((edit) => {
      const { line, column } = positionOf(file.source, edit.start);
      const byteStart = encoder.encode(bom + file.source.text.slice(0, edit.start)).length;
      return { ...edit, line, column, byteStart, byteEnd: byteStart + encoder.encode(edit.oldText).length };
    });
    updates.push({ path, edits: planned, text, content: encoder.encode(bom + text) });
  }
  return updates;
}

/**
 * Plans a promotion over `environments` (as discovery found them) in the repository `files`
 * (`allFiles`: every file path, from walkRepository).
 */
export async function planPromotion(
  environments: readonly Environment[],
  files: FileSource,
  allFiles: readonly string[],
  request: PromotionRequest,
): Promise<PromotionPlan> {
  const read = fileReader(files);
  const own = await environmentFiles(environments, files, allFiles, read);
  const tagFields = request.settings.tagFields ?? [];
  const sitesCache = new Map<string, Promise<EnvironmentSites>>();
  const sitesOf = (name: string): Promise<EnvironmentSites> => {
    let pending = sitesCache.get(name);
    if (!pending) {
      pending = environmentSites(own.get(name) ?? ([] as OwnFile[]), read, tagFields);
      sitesCache.set(name, pending);
    }
    return pending;
  };
  const rows: PromotionRow[] = [];
  const planned: Planned[] = [];
  const notes: SiteProblem[] = [];
  for (const pair of request.pairs) {
    const target = await sitesOf(pair.target);
    const source = pair.source === undefined ? undefined : await sitesOf(pair.source);
    notes.push(...target.problems.filter((problem) => problem.image === undefined));
    planPair({ pair, target, source }, request, planned, rows);
  }
  const editable = new Map<string, EditableFile>();
  for (const path of new Set(planned.map((item) => item.site.file))) {
    const file = await read(path);
    if (file && 'source' in file) editable.set(path, file);
  }
  const updates = applyEdits(planned, editable);
  const refused = rows.some((row) => row.status === 'refused');
  const written = refused ? [] : updates;
  const patch = written
    .map((update) => unifiedPatch(update.path, editable.get(update.path)?.source.text ?? '', update.text))
    .join('');
  return { rows, files: written, patch, refused, notes };
}
