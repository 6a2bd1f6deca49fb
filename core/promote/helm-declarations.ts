/**
 * The files of a Helm environment that its declaration holds: the documents of the Argo CD
 * Application or Flux HelmRelease that declare it (their inline values: Argo CD
 * `helm.valuesObject`, `helm.values`, `helm.parameters`; Flux `spec.values`), and the values
 * files a kustomize `configMapGenerator` turns into the ConfigMaps a HelmRelease's `valuesFrom`
 * reads (`files: [values.yaml=podinfo-values.yaml]`, Flux's guide). An ApplicationSet's template
 * is never an environment's own: it generates several.
 * https://fluxcd.io/flux/guides/helmreleases/#refer-to-values-in-configmaps-generated-with-kustomize
 */
import { dirnameRepoPath, joinRepoPath } from '../files/repo-paths.ts';
import { isJsonObject, type JsonObject } from '../manifests/json-value.ts';
import { mapValue, scalarText, seqItems, type YamlSource } from '../manifests/yaml-source.ts';
import { normalizeRepoPath } from '../render/environments/repo-path.ts';
import type { Environment } from '../render/environments/types.ts';
import { parseFileSource } from '../render/kustomize/generators/generator-sources.ts';
import type { SiteProblem } from './image-site.ts';
import type { EditableFile } from './read-sources.ts';
import { isHelmRelease } from './updaters/flux-helm-release.ts';
import type { OwnFile } from './updaters/updater.ts';

type Read = (path: string) => Promise<EditableFile | SiteProblem | undefined>;

const YAML_FILE = /\.ya?ml$/i;

/** The `valuesFrom` ConfigMaps of a HelmRelease document: name and the key read (`values.yaml`). */
export function valuesFromConfigMaps(root: unknown): { name: string; key: string }[] {
  const out: { name: string; key: string }[] = [];
  for (const item of seqItems(mapValue(mapValue(root, 'spec'), 'valuesFrom'))) {
    const name = scalarText(mapValue(item, 'name'));
    // `targetPath` sets one value from the key: not a values file.
    if (scalarText(mapValue(item, 'kind')) !== 'ConfigMap' || name === undefined) continue;
    if (mapValue(item, 'targetPath') !== undefined) continue;
    out.push({ name, key: scalarText(mapValue(item, 'valuesKey')) ?? 'values.yaml' });
  }
  return out;
}

/**
 * The YAML files a kustomization's `configMapGenerator` entries read as `references` say
 * (`files: [key=path]` or `[path]`, the key defaulting to the file's name, as kustomize parses
 * them), repository-relative.
 */
export function generatedValuesFiles(
  kustomization: JsonObject,
  dir: string,
  references: readonly { name: string; key: string }[],
): string[] {
  const out: string[] = [];
  const generators = kustomization['configMapGenerator'];
  for (const generator of Array.isArray(generators) ? generators : []) {
    if (!isJsonObject(generator) || typeof generator['name'] !== 'string') continue;
    if ((generator['behavior'] ?? 'create') !== 'create') continue;
    const name = generator['name'];
    const files = Array.isArray(generator['files']) ? generator['files'] : [];
    for (const entry of files) {
      if (typeof entry !== 'string') continue;
      const parsed = parseFileSource(entry);
      if ('error' in parsed) continue;
      const { key, path } = parsed;
      if (!YAML_FILE.test(path) || !references.some((ref) => ref.name === name && ref.key === key)) continue;
      const joined = joinRepoPath(dir, path);
      if (joined !== undefined) out.push(joined);
    }
  }
  return out;
}

/** The `valuesFrom` ConfigMaps of every HelmRelease document of a file. */
export function fileValuesFrom(
  source: YamlSource,
  documents?: readonly number[],
): { name: string; key: string }[] {
  return source.documents.flatMap((document, index) =>
    (documents === undefined || documents.includes(index)) && isHelmRelease(document.contents)
      ? valuesFromConfigMaps(document.contents)
      : [],
  );
}

/** Whether document `root` declares `environment` (by kind, name and folder). */
function declares(root: unknown, environment: Environment, exact: boolean): boolean {
  const metadata = mapValue(root, 'metadata');
  const name = scalarText(mapValue(metadata, 'name'));
  if (name === undefined) return false;
  const namespace = scalarText(mapValue(metadata, 'namespace'));
  const names = [name, ...(namespace ? [`${namespace}/${name}`] : [])];
  // Names that collided became `name@path`, `name-2`, or `name-<source>` for several sources.
  const named = exact
    ? names.includes(environment.name)
    : names.some(
        (each) => environment.name.startsWith(`${each}@`) || environment.name.startsWith(`${each}-`),
      );
  if (!named) return false;
  const kind = scalarText(mapValue(root, 'kind'));
  const apiVersion = scalarText(mapValue(root, 'apiVersion')) ?? '';
  const spec = mapValue(root, 'spec');
  const paths: (string | undefined)[] = [];
  if (kind === 'Application' && apiVersion.startsWith('argoproj.io/')) {
    paths.push(scalarText(mapValue(mapValue(spec, 'source'), 'path')));
    for (const source of seqItems(mapValue(spec, 'sources')))
      paths.push(scalarText(mapValue(source, 'path')));
  } else if (isHelmRelease(root)) {
    paths.push(scalarText(mapValue(mapValue(mapValue(spec, 'chart'), 'spec'), 'chart')));
  }
  return paths.some((path) => path !== undefined && normalizeRepoPath(path) === environment.path);
}

/** The declaration documents of a Helm environment in its `declaredIn` files, and what they read. */
export async function helmDeclarations(
  environment: Environment,
  read: Read,
  kustomizations: (path: string) => Promise<JsonObject | undefined>,
): Promise<OwnFile[]> {
  if (environment.renderer !== 'helm') return [];
  const generated = new Set(environment.generatedBy ?? []);
  const candidates = (environment.declaredIn ?? []).filter(
    (file) => YAML_FILE.test(file) && !generated.has(file),
  );
  const found: { path: string; source: YamlSource; exact: number[]; loose: number[] }[] = [];
  for (const path of candidates) {
    const file = await read(path);
    if (!file || !('source' in file) || !/kind:\s*["']?(Application|HelmRelease)/.test(file.text)) continue;
    const entry = { path, source: file.source, exact: [] as number[], loose: [] as number[] };
    file.source.documents.forEach((document, index) => {
      if (declares(document.contents, environment, true)) entry.exact.push(index);
      else if (declares(document.contents, environment, false)) entry.loose.push(index);
    });
    found.push(entry);
  }
  // An exact name wins; a collided name (`web@charts/web`) only when it is the only candidate.
  const exact = found.some((entry) => entry.exact.length > 0);
  const own: OwnFile[] = [];
  for (const entry of found) {
    const documents = exact ? entry.exact : entry.loose;
    if (documents.length > 0)
      own.push({ path: entry.path, role: 'declaration', documents, sourcePath: environment.path });
  }
  if (own.reduce((count, file) => count + (file.documents?.length ?? 0), 0) !== 1) return [];
  const declaration = own[0] as OwnFile;
  const source = (found.find((entry) => entry.path === declaration.path) as { source: YamlSource }).source;
  const references = fileValuesFrom(source, declaration.documents);
  if (references.length === 0) return own;
  for (const path of candidates) {
    const kustomization = await kustomizations(path);
    if (!kustomization) continue;
    for (const values of generatedValuesFiles(kustomization, dirnameRepoPath(path), references))
      own.push({ path: values, role: 'helm-values' });
  }
  return own;
}
