import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import {
  matchesLabelRequirements,
  parseLabelSelector,
  type LabelRequirement,
} from './select-targets-labels.ts';
import { compileSelectorPattern } from './select-targets-regex.ts';
import { effectiveNamespace } from './select-targets-namespace.ts';

/**
 * kustomize's `types.Selector`, as `patches[].target`, `patchesJson6902[].target` and replacement
 * `select` / `reject` give it. Empty or absent fields match everything.
 */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** The name and namespace a resource had first (kustomize's OrgId), when it has been renamed. */
export interface OriginalId {
  name: string;
  namespace: string;
}

const FIELDS: readonly (keyof Selector)[] = [
  'group',
  'version',
  'kind',
  'name',
  'namespace',
  'labelSelector',
  'annotationSelector',
];

function goType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

/**
 * Reads a selector the way kustomize unmarshals one, without compiling anything: keys match field
 * names ignoring case, null leaves a field empty, other non-strings and unknown keys are errors in
 * Go's `json:` wording. `at` is where the selector sits, for messages (`TargetSelector`, `replacements.targets.select`).
 */
export function readSelector(
  value: JsonValue,
  at?: { container: string; path: string },
): { selector: Selector } | { error: string } {
  const where = at === undefined ? '' : `.${at.path}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return {
      error:
        at === undefined
          ? `json: cannot unmarshal ${goType(value)} into Go value of type types.Selector`
          : `json: cannot unmarshal ${goType(value)} into Go struct field ${at.container}.${at.path} of type types.Selector`,
    };
  const selector: Selector = {};
  for (const [key, field] of Object.entries(value)) {
    const name = FIELDS.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (name === undefined) return { error: `json: unknown field ${JSON.stringify(key)}` };
    if (field === null) continue;
    if (typeof field !== 'string')
      return {
        error: `json: cannot unmarshal ${goType(field)} into Go struct field Selector${where}.${name} of type string`,
      };
    if (field !== '') selector[name] = field;
  }
  return { selector };
}

/**
 * Reads a patch target selector (see readSelector) and compiles its patterns and label
 * selectors, so a malformed one is reported here with kustomize's wording.
 */
export function parseSelector(value: JsonValue): { selector: Selector } | { error: string } {
  const read = readSelector(value);
  if ('error' in read) return read;
  const compiled = compileSelector(read.selector);
  return 'error' in compiled ? compiled : read;
}

interface CompiledSelector {
  patterns: { field: 'group' | 'version' | 'kind' | 'name' | 'namespace'; pattern: RegExp }[];
  labels: LabelRequirement[];
  annotations: LabelRequirement[];
}

function compileSelector(selector: Selector): CompiledSelector | { error: string } {
  const compiled: CompiledSelector = { patterns: [], labels: [], annotations: [] };
  for (const field of ['group', 'version', 'kind', 'name', 'namespace'] as const) {
    const text = selector[field];
    if (text === undefined || text === '') continue;
    const pattern = compileSelectorPattern(text);
    if ('error' in pattern) return pattern;
    compiled.patterns.push({ field, pattern });
  }
  // kustomize checks the annotation selector after the label selector.
  for (const field of ['labelSelector', 'annotationSelector'] as const) {
    const parsed = parseLabelSelector(selector[field] ?? '');
    if ('error' in parsed) return parsed;
    compiled[field === 'labelSelector' ? 'labels' : 'annotations'] = parsed.requirements;
  }
  return compiled;
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function metadataOf(resource: JsonObject): JsonObject {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata : {};
}

/** A string map of metadata.labels or metadata.annotations, scalars read as their text. */
function stringMap(value: JsonValue | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return map;
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) map.set(key, '');
    else if (typeof entry !== 'object') map.set(key, String(entry));
  }
  return map;
}

/** kyaml's ParseGroupVersion: `apps/v1` is group and version, a bare `v1` or `foo` a version. */
function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function matchesCompiled(resource: JsonObject, compiled: CompiledSelector, original?: OriginalId): boolean {
  const metadata = metadataOf(resource);
  const current = { name: text(metadata['name']), namespace: text(metadata['namespace']) };
  const first = original ?? current;
  const { group, version } = groupVersion(text(resource['apiVersion']));
  const kind = text(resource['kind']);
  for (const { field, pattern } of compiled.patterns) {
    let candidates: string[];
    if (field === 'namespace')
      candidates = [
        effectiveNamespace(resource, first.namespace),
        effectiveNamespace(resource, current.namespace),
      ];
    else if (field === 'name') candidates = [first.name, current.name];
    else candidates = [{ group, version, kind }[field]];
    if (!candidates.some((candidate) => pattern.test(candidate))) return false;
  }
  return (
    matchesLabelRequirements(compiled.labels, stringMap(metadata['labels'])) &&
    matchesLabelRequirements(compiled.annotations, stringMap(metadata['annotations']))
  );
}

/**
 * Whether kustomize's resource selection (`resWrangler.Select`) picks the resource: group, version
 * and kind, name and namespace are patterns anchored to the whole value; name and namespace match
 * the current ones or the first ones the resource had (`original`); a namespace is compared as
 * kustomize's effective namespace (`default` for none, `_non_namespaceable_` for cluster-scoped
 * kinds). Label and annotation selectors use Kubernetes label selector syntax. A selector that
 * does not compile matches nothing (parseSelector reports it).
 */
export function matchesSelector(resource: JsonObject, selector: Selector, original?: OriginalId): boolean {
  const compiled = compileSelector(selector);
  return !('error' in compiled) && matchesCompiled(resource, compiled, original);
}

/**
 * Indices of the resources the selector picks, in order. `originals[i]` is the first name and
 * namespace of resource `i` when it has been renamed (kustomize matches those too).
 */
export function selectResources(
  resources: readonly JsonObject[],
  selector: Selector,
  originals?: readonly (OriginalId | undefined)[],
): number[] {
  const compiled = compileSelector(selector);
  if ('error' in compiled) return [];
  return resources.flatMap((resource, index) =>
    matchesCompiled(resource, compiled, originals?.[index]) ? [index] : [],
  );
}
