import type { Finding } from '../../findings.ts';
import { emitYamlDocuments } from '../../manifests/emit-yaml.ts';
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import type { FileSource } from '../../files/file-source.ts';
import { accumulateTarget, loadRootKustomization } from './accumulate.ts';
import { createBuildCache, stopAt, type BuildCache, type BuildContext } from './build-context.ts';
import {
  BuildStop,
  currentId,
  recordRename,
  textOf,
  type ResourceOrigin,
  type TrackedResource,
} from './build-types.ts';
import { parseApiVersion } from './field-specs.ts';
import { withoutEmptyAnnotations } from './load-resources.ts';
import { nameHash } from './generators/name-hash.ts';
import { fixNameReferences, type Rename } from './name-references/name-reference.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import { sortResources, type LegacySortOptions } from './sort-resources.ts';

/** A resource of a rendered environment, with the file and line of the document it came from. */
export interface RenderedResource {
  object: JsonObject;
  origin: ResourceOrigin;
}

/** What building one kustomization gives: the resources and their YAML, or why it failed. */
export interface KustomizeBuild {
  ok: boolean;
  /** In output order; empty when the build failed. */
  resources: RenderedResource[];
  /** Exactly what `kustomize build` prints; `''` when the build failed. */
  yaml: string;
  /** Why the build failed (one error), plus notices. */
  findings: Finding[];
}

async function addHashSuffixes(resources: readonly TrackedResource[]): Promise<void> {
  for (const tracked of resources) {
    if (tracked.generated?.hash !== true) continue;
    const metadata = tracked.object['metadata'] as JsonObject;
    const name = `${textOf(metadata['name'])}-${await nameHash(tracked.object)}`;
    recordRename(tracked, { ...tracked.object, metadata: { ...metadata, name } });
  }
}

/** Every change of name or namespace the build made, for the name reference fix-up. */
function renamesOf(resources: readonly TrackedResource[]): Rename[] {
  const renames: Rename[] = [];
  for (const tracked of resources) {
    const first = tracked.previous[0];
    if (first === undefined) continue;
    const { group, version } = parseApiVersion(textOf(tracked.object['apiVersion']));
    const now = currentId(tracked.object);
    const names = new Set(tracked.previous.map((id) => id.name));
    for (const from of names) {
      renames.push({
        kind: textOf(tracked.object['kind']),
        group,
        version,
        ...(now.namespace === '' ? {} : { namespace: now.namespace }),
        ...(first.namespace === now.namespace ? {} : { fromNamespace: first.namespace }),
        from,
        to: now.name,
        prefixes: tracked.prefixes,
        suffixes: tracked.suffixes,
      });
    }
  }
  return renames;
}

/**
 * Whether kustomize leaves the resource out of its output (IgnoreLocal, once the whole build is
 * done, so bases still see it): a `config.kubernetes.io/local-config` annotation with any value
 * but `false`.
 */
function isLocalConfig(object: JsonObject): boolean {
  const metadata = object['metadata'];
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) return false;
  const annotations = metadata['annotations'];
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) return false;
  const value = annotations['config.kubernetes.io/local-config'];
  return value !== undefined && value !== 'false';
}

function order(file: KustomizationFile, resources: TrackedResource[]): TrackedResource[] {
  const sortOptions = file.content['sortOptions'];
  if (!isJsonObject(sortOptions)) return sortTracked(resources);
  // kustomize's SortOrderTransformer, run on the top kustomization's sortOptions only.
  const legacy = sortOptions['legacySortOptions'];
  const order = sortOptions['order'];
  if (order !== 'fifo' && order !== 'legacy')
    throw stopAt(file, '/sortOptions', "the field 'sortOptions.order' must be one of [fifo, legacy]");
  if (order === 'fifo') {
    if (legacy !== undefined && legacy !== null)
      throw stopAt(
        file,
        '/sortOptions/legacySortOptions',
        "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'",
      );
    return resources;
  }
  if (!isJsonObject(legacy)) return sortTracked(resources);
  const kinds = (value: JsonValue | undefined): string[] =>
    Array.isArray(value) ? value.map((kind) => (typeof kind === 'string' ? kind : '')) : [];
  return sortTracked(resources, {
    orderFirst: kinds(legacy['orderFirst']),
    orderLast: kinds(legacy['orderLast']),
  });
}

function sortTracked(resources: TrackedResource[], options?: LegacySortOptions): TrackedResource[] {
  const byObject = new Map(resources.map((tracked) => [tracked.object, tracked]));
  return sortResources(
    resources.map((tracked) => tracked.object),
    options,
  ).map((object) => byObject.get(object) as TrackedResource);
}

/**
 * Builds the kustomization in a folder of the repository, as `kustomize build` (v5.5.0) would,
 * in-process and without the network. A problem kustomize would stop on stops the build too, and
 * comes back as one error finding on the file and line that caused it; so does anything the
 * built-in engine does not support or refuses (remote bases, paths leaving the repository).
 */
export async function buildKustomization(
  files: FileSource,
  dir: string,
  options: { cache?: BuildCache } = {},
): Promise<KustomizeBuild> {
  const context: BuildContext = {
    files,
    stack: [],
    notes: [],
    listings: new Map(),
    cache: options.cache ?? createBuildCache(),
  };
  try {
    const file = await loadRootKustomization(context, dir);
    const accumulated = await accumulateTarget(context, file, []);
    await addHashSuffixes(accumulated);
    const fixed = fixNameReferences(
      accumulated.map((tracked) => tracked.object),
      renamesOf(accumulated),
      accumulated.map((tracked) => tracked.originalKind),
    );
    const problem = fixed.problems[0];
    if (problem !== undefined)
      throw new BuildStop({
        ruleId: 'kustomize-build',
        severity: 'error',
        message: problem,
        path: file.path,
        line: 1,
      });
    fixed.resources.forEach((object, index) => ((accumulated[index] as TrackedResource).object = object));
    for (const tracked of accumulated) tracked.object = withoutEmptyAnnotations(tracked.object);
    const ordered = order(
      file,
      accumulated.filter((tracked) => !isLocalConfig(tracked.object)),
    );
    return {
      ok: true,
      resources: ordered.map(({ object, origin }) => ({ object, origin })),
      yaml: emitYamlDocuments(ordered.map((tracked) => tracked.object)),
      findings: context.notes,
    };
  } catch (error) {
    if (!(error instanceof BuildStop)) throw error;
    return { ok: false, resources: [], yaml: '', findings: [...context.notes, error.finding] };
  }
}
