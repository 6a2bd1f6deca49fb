/**
 * The files that are an environment's own, where promotion may edit its image versions: what its
 * rendering reads (its kustomization and, through resources, bases and components, the manifests,
 * patches and Helm values files of the kustomizations it reaches, with the files a
 * `configMapGenerator` turns into a HelmRelease's `valuesFrom` ConfigMap; for a Helm environment
 * its values files and the document of the Application or HelmRelease declaring it,
 * helm-declarations.ts; for a folder of plain manifests, every YAML file in it), less what
 * another environment reads too. A file in the environment's own folder stays its own even so
 * (an overlay used as the base of another is still that overlay); a shared base never is.
 */
import { isJsonObject, type JsonObject } from '../manifests/json-value.ts';
import { resolveKustomizeScalar } from '../manifests/resolve-scalar.ts';
import { FALLBACK, fastParseYaml } from '../manifests/fast-yaml.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import { documentJson } from '../manifests/yaml-source.ts';
import { dirnameRepoPath, joinRepoPath } from '../files/repo-paths.ts';
import type { FileSource } from '../files/file-source.ts';
import { kustomizationReferences } from '../render/environments/kustomization-references.ts';
import { folderPrefix, isWithin } from '../render/environments/repo-path.ts';
import type { Environment } from '../render/environments/types.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../render/kustomize/read-kustomization.ts';
import { fileValuesFrom, generatedValuesFiles, helmDeclarations } from './helm-declarations.ts';
import type { SiteProblem } from './image-site.ts';
import type { EditableFile } from './read-sources.ts';
import type { FileRole, OwnFile } from './updaters/updater.ts';

const YAML_FILE = /\.ya?ml$/i;

type Read = (path: string) => Promise<EditableFile | SiteProblem | undefined>;

async function kustomizationOf(
  read: Read,
  dir: string,
): Promise<{ path: string; content: JsonObject } | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const path = `${folderPrefix(dir)}${name}`;
    const file = await read(path);
    if (!file) continue;
    if (!('text' in file)) return { path, content: {} };
    const text = file.text.includes('\r') ? file.text.replace(/\r\n?/g, '\n') : file.text;
    const span = splitDocuments(text)[0];
    const fast = span
      ? fastParseYaml(text, span.bodyStart, span.end, { uniqueKeys: false, resolve: resolveKustomizeScalar })
      : null;
    const document = fast === FALLBACK ? file.source.documents[0] : undefined;
    const value = fast !== FALLBACK ? fast : document ? documentJson(document, resolveKustomizeScalar) : null;
    return { path, content: isJsonObject(value) ? value : {} };
  }
  return undefined;
}

/** Every file a kustomization folder's rendering reads that may hold an image version, with its role. */
async function kustomizeReads(
  files: FileSource,
  read: Read,
  start: string,
  allFiles: readonly string[],
): Promise<Map<string, FileRole>> {
  const found = new Map<string, FileRole>();
  const seen = new Set<string>();
  const generators: { dir: string; content: JsonObject }[] = [];
  const add = (path: string | undefined, role: FileRole): void => {
    if (path !== undefined && YAML_FILE.test(path) && !found.has(path)) found.set(path, role);
  };
  const visit = async (dir: string): Promise<void> => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const kustomization = await kustomizationOf(read, dir);
    if (!kustomization) {
      // No kustomization (Flux generates one): every manifest below.
      for (const file of allFiles) if (isWithin(file, dir)) add(file, 'manifest');
      return;
    }
    found.set(kustomization.path, 'kustomization');
    const content = kustomization.content;
    const references = kustomizationReferences(content);
    const patchFiles = new Set<string>();
    for (const patch of Array.isArray(content['patches']) ? content['patches'] : [])
      if (isJsonObject(patch) && typeof patch['path'] === 'string') patchFiles.add(patch['path']);
    for (const patch of Array.isArray(content['patchesStrategicMerge'])
      ? content['patchesStrategicMerge']
      : [])
      if (typeof patch === 'string' && !patch.includes('\n')) patchFiles.add(patch);
    const valuesFiles = new Set<string>();
    for (const chart of Array.isArray(content['helmCharts']) ? content['helmCharts'] : []) {
      if (!isJsonObject(chart)) continue;
      if (typeof chart['valuesFile'] === 'string') valuesFiles.add(chart['valuesFile']);
      for (const extra of Array.isArray(chart['additionalValuesFiles']) ? chart['additionalValuesFiles'] : [])
        if (typeof extra === 'string') valuesFiles.add(extra);
    }
    if (Array.isArray(content['configMapGenerator'])) generators.push({ dir, content });
    for (const file of references.files) {
      const role: FileRole | undefined = patchFiles.has(file)
        ? 'patch'
        : valuesFiles.has(file)
          ? 'helm-values'
          : undefined;
      if (role) add(joinRepoPath(dir, file), role);
    }
    for (const folder of references.folders) {
      const path = joinRepoPath(dir, folder);
      if (path !== undefined) await visit(path);
    }
    for (const entry of references.either) {
      const path = joinRepoPath(dir, entry);
      if (path === undefined) continue;
      if (await files.readFile(path)) add(path, 'manifest');
      else if (await files.listDirectory(path)) await visit(path);
    }
  };
  await visit(start);
  if (generators.length > 0) {
    // A HelmRelease the environment reads takes its valuesFrom ConfigMap from a generator's file.
    const references: { name: string; key: string }[] = [];
    for (const [path, role] of found) {
      if (role !== 'manifest' && role !== 'patch') continue;
      const file = await read(path);
      if (file && 'source' in file && file.text.includes('valuesFrom'))
        references.push(...fileValuesFrom(file.source));
    }
    for (const { dir, content } of generators)
      for (const path of generatedValuesFiles(content, dir, references)) add(path, 'helm-values');
  }
  return found;
}

/** The content of the kustomization file at `path`, when it is one. */
async function kustomizationAt(read: Read, path: string): Promise<JsonObject | undefined> {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (!(KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(name)) return undefined;
  const found = await kustomizationOf(read, dirnameRepoPath(path));
  return found?.path === path ? found.content : undefined;
}

/**
 * A file an environment reads, and what two environments must both read for it to be shared: the
 * file, or one declaration's documents. The values file of a HelmRelease's generated `valuesFrom`
 * ConfigMap is shared only with another Helm environment: the folder environment that deploys the
 * HelmRelease deploys this very release.
 */
interface Reading {
  file: OwnFile;
  key: string;
}

async function readsOf(
  environment: Environment,
  files: FileSource,
  read: Read,
  allFiles: readonly string[],
): Promise<Reading[]> {
  if (environment.renderer === 'helm') {
    const valuesFiles = environment.helm?.valuesFiles ?? [];
    const readings: Reading[] = valuesFiles.map((path) => ({
      file: { path, role: 'helm-values' },
      key: path,
    }));
    for (const file of await helmDeclarations(environment, read, (path) => kustomizationAt(read, path))) {
      if (valuesFiles.includes(file.path)) continue;
      const key = file.documents ? `${file.path}#${file.documents.join(',')}` : `${file.path}#helm`;
      readings.push({ file, key });
    }
    return readings;
  }
  if (environment.renderer === 'none') {
    return allFiles
      .filter((file) => isWithin(file, environment.path) && YAML_FILE.test(file))
      .map((file) => ({ file: { path: file, role: 'manifest' }, key: file }));
  }
  const found = await kustomizeReads(files, read, environment.path, allFiles);
  return [...found].map(([path, role]) => ({ file: { path, role }, key: path }));
}

/** Each environment's own files, by environment name, in path order. */
export async function environmentFiles(
  environments: readonly Environment[],
  files: FileSource,
  allFiles: readonly string[],
  /** Reads a file for editing (read-sources.ts fileReader), so each file is parsed once. */
  read: Read,
): Promise<Map<string, OwnFile[]>> {
  const reads = await Promise.all(
    environments.map((environment) => readsOf(environment, files, read, allFiles)),
  );
  const readers = new Map<string, number>();
  for (const read of reads) for (const { key } of read) readers.set(key, (readers.get(key) ?? 0) + 1);
  const out = new Map<string, OwnFile[]>();
  environments.forEach((environment, index) => {
    const own: OwnFile[] = [];
    for (const { file, key } of reads[index] ?? []) {
      // A folder environment's files are its own; a Helm environment's folder is its chart's.
      const inFolder =
        environment.renderer !== 'helm' && isWithin(dirnameRepoPath(file.path), environment.path);
      if (inFolder || readers.get(key) === 1) own.push(file);
    }
    own.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    out.set(environment.name, own);
  });
  return out;
}
