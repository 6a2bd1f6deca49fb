import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import {
  readReplacement,
  type FieldOptions,
  type Replacement,
  type ReplacementSource,
  type ReplacementTarget,
} from './replacements-parse.ts';
import {
  FieldPathError,
  lookupPath,
  matchPath,
  splitReplacementPath,
  type CreateKind,
} from './replacements-path.ts';
import { refineSourceValue, setFieldValue } from './replacements-value.ts';
import { matchesLabelRequirements, parseLabelSelector } from '../targets/select-targets-labels.ts';
import { effectiveNamespace, isClusterScoped, NOT_A_NAMESPACE } from '../targets/select-targets-namespace.ts';
import type { OriginalId, Selector } from '../targets/select-targets.ts';

const DEFAULT_FIELD_PATH = 'metadata.name';

interface Id {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

class ReplacementError extends Error {
  override name = 'ReplacementError';
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function metadataOf(resource: JsonObject): JsonObject {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata : {};
}

/** The current id of a resource and the ones it had (kustomize's MakeResIds). */
function idsOf(resource: JsonObject, previous: readonly OriginalId[] | undefined): Id[] {
  const apiVersion = text(resource['apiVersion']);
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = text(resource['kind']);
  const metadata = metadataOf(resource);
  const current = { name: text(metadata['name']), namespace: text(metadata['namespace']) };
  return [current, ...(previous ?? [])].map((id) => ({ group, version, kind, ...id }));
}

function selectorNamespace(selector: Omit<Id, 'name'>): string {
  const apiVersion = selector.group === '' ? selector.version : `${selector.group}/${selector.version}`;
  if (isClusterScoped(apiVersion, selector.kind)) return NOT_A_NAMESPACE;
  return selector.namespace === '' ? 'default' : selector.namespace;
}

/** kustomize's ResId.IsSelectedBy: exact group, version, kind, name and (effective) namespace. */
function isSelectedBy(resource: JsonObject, id: Id, selector: Partial<Id>): boolean {
  const wanted = { group: '', version: '', kind: '', name: '', namespace: '', ...selector };
  if (wanted.name !== '' && wanted.name !== id.name) return false;
  if (wanted.namespace !== '' && selectorNamespace(wanted) !== effectiveNamespace(resource, id.namespace))
    return false;
  if (wanted.group !== '' && wanted.group !== id.group) return false;
  if (wanted.version !== '' && wanted.version !== id.version) return false;
  return wanted.kind === '' || wanted.kind === id.kind;
}

function hasId(selector: Selector): boolean {
  return [selector.group, selector.version, selector.kind, selector.name, selector.namespace].some(
    (field) => field !== undefined && field !== '',
  );
}

/** A resource id as kustomize prints it: `Deployment.v1.apps/web.[noNs]`. */
function idString(id: Partial<Id>): string {
  const or = (value: string | undefined, empty: string): string =>
    value === undefined || value === '' ? empty : value;
  return `${or(id.kind, '[noKind]')}.${or(id.version, '[noVer]')}.${or(id.group, '[noGrp]')}/${or(id.name, '[noName]')}.${or(id.namespace, '[noNs]')}`;
}

function optionsString(options: FieldOptions | undefined): string {
  if (options === undefined || (options.delimiter === '' && !options.create)) return '';
  return `${options.delimiter}(${options.index}), create=${options.create}`;
}

function sourceString(source: ReplacementSource): string {
  return [idString(source), source.fieldPath, optionsString(source.options)]
    .filter((part) => part !== '')
    .join(':');
}

function isNilOrEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function sourceValue(
  resources: readonly JsonObject[],
  previous: readonly (readonly OriginalId[] | undefined)[] | undefined,
  source: ReplacementSource,
): JsonValue {
  const matches = resources.filter((resource, index) =>
    idsOf(resource, previous?.[index]).some((id) => isSelectedBy(resource, id, source)),
  );
  if (matches.length > 1) throw new ReplacementError(`multiple matches for selector ${sourceString(source)}`);
  const resource = matches[0];
  if (resource === undefined) throw new ReplacementError(`nothing selected by ${sourceString(source)}`);
  const fieldPath = source.fieldPath === '' ? DEFAULT_FIELD_PATH : source.fieldPath;
  let value: JsonValue | undefined;
  try {
    value = lookupPath(resource, splitReplacementPath(fieldPath));
  } catch (error) {
    if (!(error instanceof FieldPathError)) throw error;
    throw new ReplacementError(`error looking up replacement source: ${error.message}`);
  }
  if (value === undefined || isNilOrEmpty(value))
    throw new ReplacementError(
      `fieldPath \`${fieldPath}\` is missing for replacement source ${idString(source)}`,
    );
  const refined = refineSourceValue(source.options, value);
  if ('error' in refined) throw new ReplacementError(refined.error);
  return refined.value;
}

function stringMap(value: JsonValue | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return map;
  for (const [key, entry] of Object.entries(value))
    if (entry === null || typeof entry !== 'object') map.set(key, entry === null ? '' : String(entry));
  return map;
}

/** Whether the resource meets the selector's annotation and label selectors (errors stop the build). */
function matchesLabels(resource: JsonObject, selector: Selector): boolean {
  const metadata = metadataOf(resource);
  const annotations = parseLabelSelector(selector.annotationSelector ?? '');
  if ('error' in annotations) throw new ReplacementError(annotations.error);
  const labels = parseLabelSelector(selector.labelSelector ?? '');
  if ('error' in labels) throw new ReplacementError(labels.error);
  return (
    matchesLabelRequirements(annotations.requirements, stringMap(metadata['annotations'])) &&
    matchesLabelRequirements(labels.requirements, stringMap(metadata['labels']))
  );
}

function createKind(value: JsonValue): CreateKind {
  if (Array.isArray(value)) return 'list';
  return value !== null && typeof value === 'object' ? 'map' : 'scalar';
}

function copyToTarget(resource: JsonObject, value: JsonValue, target: ReplacementTarget): JsonObject {
  const root = {
    value: resource as JsonValue,
    set(next: JsonValue) {
      root.value = next;
    },
  };
  const paths = target.fieldPaths.length === 0 ? [DEFAULT_FIELD_PATH] : target.fieldPaths;
  const create = target.options?.create === true ? createKind(value) : undefined;
  for (const fieldPath of paths) {
    const problem = `unable to find${create === undefined ? '' : ' or create'} field ${JSON.stringify(fieldPath)} in replacement target`;
    let slots;
    try {
      slots = matchPath(root, splitReplacementPath(fieldPath), create);
    } catch (error) {
      if (!(error instanceof FieldPathError)) throw error;
      throw new ReplacementError(`${problem}: ${error.message}`);
    }
    if (slots.length === 0) throw new ReplacementError(problem);
    for (const slot of slots) {
      const error = setFieldValue(slot, value, target.options);
      if (error !== undefined) throw new ReplacementError(error);
    }
  }
  return root.value as JsonObject;
}

function applyTarget(
  resources: JsonObject[],
  previous: readonly (readonly OriginalId[] | undefined)[] | undefined,
  value: JsonValue,
  target: ReplacementTarget,
): void {
  const select = target.select;
  if (select === undefined) throw new ReplacementError('target must specify resources to select');
  resources.forEach((resource, index) => {
    if (!matchesLabels(resource, select)) return;
    for (const reject of target.reject)
      if ((reject.labelSelector ?? '') !== '' || (reject.annotationSelector ?? '') !== '')
        if (matchesLabels(resource, reject)) return;
    const ids = idsOf(resource, previous?.[index]);
    const rejected = target.reject.some(
      (reject) => hasId(reject) && ids.some((id) => isSelectedBy(resource, id, reject)),
    );
    if (rejected || !ids.some((id) => isSelectedBy(resource, id, select))) return;
    resources[index] = copyToTarget(resource, value, target);
  });
}

function run(
  resources: JsonObject[],
  replacements: readonly Replacement[],
  previous: readonly (readonly OriginalId[] | undefined)[] | undefined,
): void {
  for (const { source, targets } of replacements) {
    if (source === undefined || targets === undefined || targets.length === 0)
      throw new ReplacementError('replacements must specify a source and at least one target');
    const value = sourceValue(resources, previous, source);
    for (const target of targets) applyTarget(resources, previous, value, target);
  }
}

/**
 * kustomize v5.5.0's ReplacementTransformer over already-loaded `replacements:` entries (the
 * caller reads `path:` files). Sources and targets are chosen by exact id, by the resource's
 * current name and namespace or any it had (`previous[i]`, the earlier ids of resource `i`);
 * targets also by label and annotation selectors, minus `reject`. Returns new resources (the
 * input is not changed), or the unchanged resources and kustomize's reason to stop.
 */
export function applyReplacements(
  resources: readonly JsonObject[],
  replacements: readonly JsonValue[],
  previous?: readonly (readonly OriginalId[] | undefined)[],
): { resources: JsonObject[]; errors: string[] } {
  const parsed: Replacement[] = [];
  for (const entry of replacements) {
    const read = readReplacement(entry);
    if ('error' in read) return { resources: [...resources], errors: [read.error] };
    parsed.push(read.replacement);
  }
  const working = structuredClone(resources as JsonObject[]);
  try {
    run(working, parsed, previous);
  } catch (error) {
    if (!(error instanceof ReplacementError)) throw error;
    return { resources: [...resources], errors: [error.message] };
  }
  return { resources: working, errors: [] };
}
