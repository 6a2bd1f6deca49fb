/**
 * Every local path a kustomization reads, relative to its folder, sorted by what kustomize
 * expects there. Remote targets (URLs, `github.com/...`, `?ref=`) are left out.
 * https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { isRemoteReference } from '../../files/repo-paths.ts';

export interface KustomizationReferences {
  /** Kustomization or component folders (`bases`, `components`). */
  folders: string[];
  /** Files (patches, generator sources, CRDs, replacements, configurations, Helm values). */
  files: string[];
  /** A file or a kustomization folder (`resources`, `generators`, `transformers`, `validators`). */
  either: string[];
  /** Folders read whole (local Helm charts under `helmGlobals.chartHome`). */
  trees: string[];
}

function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Strings that are YAML content rather than a path (inline patches, inline transformer configs). */
function isInline(text: string): boolean {
  return text.includes('\n') || /^\s*[\w./-]+\s*:(\s|$)/.test(text) || text.trim().startsWith('{');
}

function pathsOf(values: JsonValue[]): string[] {
  return values.filter((value): value is string => typeof value === 'string' && !isInline(value));
}

function fieldPaths(values: JsonValue[], field: string): string[] {
  return values
    .map((value) => (isJsonObject(value) ? value[field] : undefined))
    .filter((p) => typeof p === 'string');
}

function generatorSources(generators: JsonValue[]): string[] {
  const out: string[] = [];
  for (const generator of generators) {
    if (!isJsonObject(generator)) continue;
    // `files: [key=path]` or `[path]`; `envs: [path]`; `env: path` (deprecated).
    for (const entry of pathsOf(list(generator['files']))) out.push(entry.slice(entry.indexOf('=') + 1));
    out.push(...pathsOf(list(generator['envs'])));
    if (typeof generator['env'] === 'string') out.push(generator['env']);
  }
  return out;
}

function helmPaths(content: JsonObject, files: string[], trees: string[]): void {
  const globals = isJsonObject(content['helmGlobals']) ? content['helmGlobals'] : {};
  const chartHome = typeof globals['chartHome'] === 'string' ? globals['chartHome'] : 'charts';
  for (const chart of list(content['helmCharts'])) {
    if (!isJsonObject(chart)) continue;
    if (typeof chart['valuesFile'] === 'string') files.push(chart['valuesFile']);
    files.push(...pathsOf(list(chart['additionalValuesFiles'])));
    // A chart without `repo` is read from chartHome (kustomize pulls the others into it).
    if (typeof chart['name'] === 'string') trees.push(`${chartHome}/${chart['name']}`);
  }
}

export function kustomizationReferences(content: JsonObject): KustomizationReferences {
  const folders = [...pathsOf(list(content['bases'])), ...pathsOf(list(content['components']))];
  const either = [
    ...pathsOf(list(content['resources'])),
    ...pathsOf(list(content['generators'])),
    ...pathsOf(list(content['transformers'])),
    ...pathsOf(list(content['validators'])),
  ];
  const files = [
    ...fieldPaths(list(content['patches']), 'path'),
    ...pathsOf(list(content['patchesStrategicMerge'])),
    ...fieldPaths(list(content['patchesJson6902']), 'path'),
    ...fieldPaths(list(content['replacements']), 'path'),
    ...generatorSources(list(content['configMapGenerator'])),
    ...generatorSources(list(content['secretGenerator'])),
    ...pathsOf(list(content['crds'])),
    ...pathsOf(list(content['configurations'])),
  ];
  const openapi = content['openapi'];
  if (isJsonObject(openapi) && typeof openapi['path'] === 'string') files.push(openapi['path']);
  const trees: string[] = [];
  helmPaths(content, files, trees);
  const local = (paths: string[]): string[] =>
    paths.filter((path) => path !== '' && !isRemoteReference(path));
  return { folders: local(folders), files: local(files), either: local(either), trees: local(trees) };
}
