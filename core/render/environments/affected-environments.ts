import { decodeText } from '../../manifests/decode-text.ts';
import { FALLBACK, fastParseYaml } from '../../manifests/fast-yaml.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { dirnameRepoPath, joinRepoPath } from '../../files/repo-paths.ts';
import type { FileSource } from '../../files/file-source.ts';
import { kustomizationReferences, type KustomizationReferences } from './kustomization-references.ts';
import { folderPrefix, isWithin, normalizeRepoPath } from './repo-path.ts';
import { stableJson } from './merge-sightings.ts';
import type { Environment } from './types.ts';
import { isJsonObject } from '../../manifests/json-value.ts';

export interface AffectedEnvironmentsResult {
  /** Names of the environments a changed file reaches, in the order of `environments`. */
  affected: string[];
  /** Changed files that no environment reaches, in the order given. */
  unknown: string[];
}

/** What an environment's rendering reads. */
interface Reach {
  /** Single files (patches, generator sources, values files, declaring manifests). */
  files: Set<string>;
  /** Kustomization folders: every file directly inside counts (the kustomization, unlisted configs). */
  folders: Set<string>;
  /** Folders read whole, subfolders included (Helm charts, plain manifest folders). */
  trees: Set<string>;
  /** ApplicationSets that generate the environment: they count only when what they generate changed. */
  generated: Set<string>;
}

export interface AffectedOptions {
  /**
   * The environments of the other side of the change (the base's for the head, the head's for the
   * base). A change to an ApplicationSet affects a generated environment only when that
   * environment is new, gone or rendered differently on the other side; without them, always.
   */
  counterpart?: readonly Environment[];
  /** Receives, for each affected environment, the changed files that reach it. */
  sources?: Map<string, string[]>;
}

/** What decides an environment's rendering, to compare the two sides of a change. */
function renderingKey(environment: Environment): string {
  const { path, renderer, helm, directory, kubernetesVersion } = environment;
  return stableJson({ path, renderer, helm, directory, kubernetesVersion });
}

export type ReadReferences = (dir: string) => Promise<KustomizationReferences | undefined>;

const NO_REFERENCES: KustomizationReferences = { folders: [], files: [], either: [], trees: [] };

/**
 * The references a kustomization's text makes: with the fast subset parser when the file is one
 * plain document (nearly every kustomization), else with the full parser.
 */
function referencesOf(text: string): KustomizationReferences {
  const lf = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const single = !lf.startsWith('---') && !lf.startsWith('%') && !lf.includes('\n---') && !lf.includes('\r');
  const fast = single ? fastParseYaml(lf, 0, lf.length, { uniqueKeys: false }) : FALLBACK;
  const value = fast === FALLBACK ? parseYamlDocument(text, { uniqueKeys: false, firstLine: 1 }).value : fast;
  return isJsonObject(value) ? kustomizationReferences(value) : NO_REFERENCES;
}

/** The references of a folder's kustomization, undefined when the folder has none. */
export function referenceReader(files: FileSource): ReadReferences {
  const cache = new Map<string, Promise<KustomizationReferences | undefined>>();
  const read = async (dir: string): Promise<KustomizationReferences | undefined> => {
    for (const name of KUSTOMIZATION_FILE_NAMES) {
      const bytes = await files.readFile(`${folderPrefix(dir)}${name}`);
      if (!bytes) continue;
      const decoded = decodeText(bytes);
      if (!decoded.ok) return NO_REFERENCES;
      return referencesOf(decoded.text);
    }
    return undefined;
  };
  return (dir) => {
    let pending = cache.get(dir);
    if (!pending) {
      pending = read(dir);
      cache.set(dir, pending);
    }
    return pending;
  };
}

/** Follows a kustomization and everything it references, once per folder (cycles stop there). */
async function visit(
  dir: string,
  reach: Reach,
  seen: Set<string>,
  files: FileSource,
  read: ReadReferences,
): Promise<void> {
  if (seen.has(dir)) return;
  seen.add(dir);
  const references = await read(dir);
  if (!references) {
    // No kustomization: kustomize would fail, Flux would build every manifest below. Count them all.
    reach.trees.add(dir);
    return;
  }
  reach.folders.add(dir);
  const resolve = (relative: string): string | undefined => joinRepoPath(dir, relative);
  for (const file of references.files) {
    const path = resolve(file);
    if (path !== undefined) reach.files.add(path);
  }
  for (const tree of references.trees) {
    const path = resolve(tree);
    if (path !== undefined) reach.trees.add(path);
  }
  for (const folder of references.folders) {
    const path = resolve(folder);
    if (path !== undefined) await visit(path, reach, seen, files, read);
  }
  for (const entry of references.either) {
    const path = resolve(entry);
    if (path === undefined) continue;
    if (await files.readFile(path)) reach.files.add(path);
    else if (await files.listDirectory(path)) await visit(path, reach, seen, files, read);
    else {
      // Gone from the head (deleted in this change?): a file or a folder of that name counts.
      reach.files.add(path);
      reach.trees.add(path);
    }
  }
}

async function reachOf(environment: Environment, files: FileSource, read: ReadReferences): Promise<Reach> {
  const generated = new Set(environment.generatedBy);
  const reach: Reach = {
    files: new Set((environment.declaredIn ?? []).filter((file) => !generated.has(file))),
    folders: new Set(),
    trees: new Set(),
    generated,
  };
  if (environment.renderer === 'helm') {
    reach.trees.add(environment.helm?.chart ?? environment.path);
    reach.folders.add(environment.path);
    for (const file of environment.helm?.valuesFiles ?? []) reach.files.add(file);
    for (const parameter of environment.helm?.parameters ?? [])
      if (parameter.flag === 'set-file') reach.files.add(parameter.value);
  } else if (environment.renderer === 'none') {
    // An Argo CD directory source without `recurse` reads the folder's own files only.
    if (environment.directory?.recurse === false) reach.folders.add(environment.path);
    else reach.trees.add(environment.path);
  } else await visit(environment.path, reach, new Set(), files, read);
  return reach;
}

/**
 * Every path a kustomization folder's rendering reads, transitively (folders, files, folders read
 * whole), repository-relative, `dir` first. Remote references are skipped; paths leaving the
 * source's root are left out.
 */
export async function kustomizationReads(dir: string, files: FileSource): Promise<string[]> {
  const reach: Reach = { files: new Set(), folders: new Set(), trees: new Set(), generated: new Set() };
  await visit(dir, reach, new Set(), files, referenceReader(files));
  return [...new Set([dir, ...reach.folders, ...reach.trees, ...reach.files])];
}

function reaches(reach: Reach, file: string): boolean {
  if (reach.files.has(file) || reach.folders.has(dirnameRepoPath(file))) return true;
  for (const tree of reach.trees) if (isWithin(file, tree)) return true;
  return false;
}

/**
 * Which environments a change touches, through what their rendering reads. A kustomize
 * environment reads its kustomization and, transitively, every `resources`, `bases` and
 * `components` folder, patch files (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`), generator sources (`configMapGenerator` / `secretGenerator` `files`,
 * `envs`, `env`), `crds`, `replacements[].path`, `configurations`, `openapi.path`, generator,
 * transformer and validator files, and `helmCharts` values files and local charts. A changed file
 * reaches an environment when it is one of those files, lies directly in one of those folders, or
 * lies in a folder read whole (a Helm chart, a folder of plain manifests, a folder without a
 * kustomization). A Helm environment reads its chart folder, its values files, its `--set-file`
 * files and its own folder. The manifests that declare an environment (Argo CD, Flux, and the
 * ConfigMaps and Secrets of a HelmRelease's `valuesFrom`) reach it too.
 * An ApplicationSet reaches the environments it generates only when, compared with
 * `options.counterpart` (the other side's environments), the environment is new, gone, or
 * rendered with other settings (folder, renderer, Helm or directory settings).
 * Remote references are skipped; paths leaving the repository are ignored. `files` is the side
 * of the change the environments come from. `options.sources`, when given, receives for each
 * affected environment the changed files that reach it (in the order given): what the report
 * names as where its change comes from.
 */
export async function affectedEnvironments(
  environments: Environment[],
  changedFiles: string[],
  files: FileSource,
  options: AffectedOptions = {},
): Promise<AffectedEnvironmentsResult> {
  const read = referenceReader(files);
  const reachList = await Promise.all(environments.map((environment) => reachOf(environment, files, read)));
  const changed = changedFiles.map((file) => ({ file, path: normalizeRepoPath(file) ?? file }));
  const { counterpart, sources = new Map<string, string[]>() } = options;
  const regenerated = environments.map((environment) => {
    const other = counterpart?.find((candidate) => candidate.name === environment.name);
    return (
      counterpart === undefined || other === undefined || renderingKey(other) !== renderingKey(environment)
    );
  });
  const touches = (i: number, path: string): boolean => {
    const reach = reachList[i] as Reach;
    return reaches(reach, path) || (reach.generated.has(path) && (regenerated[i] as boolean));
  };
  const affected: string[] = [];
  environments.forEach((environment, i) => {
    const reaching = changed.filter(({ path }) => touches(i, path));
    if (reaching.length === 0) return;
    affected.push(environment.name);
    sources.set(
      environment.name,
      reaching.map(({ path }) => path),
    );
  });
  const unknown = changed
    .filter(({ path }) => !environments.some((_, i) => touches(i, path)))
    .map(({ file }) => file);
  return { affected, unknown };
}
