import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { FieldSpecError, applyFieldSpecs, parseApiVersion, type FieldSpec } from '../field-specs.ts';
import { NAME_PREFIX_SUFFIX_FIELD_SPECS } from '../field-specs-defaults.ts';
import { transformEach, type TransformResult } from './transform-result.ts';

/** Options of the PrefixSuffixTransformer (`namePrefix:` and `nameSuffix:`). */
export interface PrefixSuffixOptions {
  prefix?: string;
  suffix?: string;
  /** Replaces NAME_PREFIX_SUFFIX_FIELD_SPECS. */
  fieldSpecs?: readonly FieldSpec[];
}

/** A resource renamed by the prefix or suffix, for the name references fixed later. */
export interface Rename {
  /** Index of the resource in the input (and the output). */
  index: number;
  apiVersion: string;
  kind: string;
  /** Namespace of the resource when it was renamed (`''` when none). */
  namespace: string;
  from: string;
  to: string;
}

export interface PrefixSuffixResult extends TransformResult {
  renames: Rename[];
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Kinds kustomize never prefixes or suffixes, whatever the field specs say. */
function isSkipped(resource: JsonObject): boolean {
  const kind = text(resource['kind']);
  if (kind === 'CustomResourceDefinition' || kind === 'Namespace') return true;
  return (
    kind === 'APIService' && parseApiVersion(text(resource['apiVersion'])).group === 'apiregistration.k8s.io'
  );
}

function metadataOf(resource: JsonObject): JsonObject {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata : {};
}

/**
 * kustomize's PrefixSuffixTransformer: `prefix + value + suffix` in every field the specs lead
 * to (by default metadata.name), except on CustomResourceDefinitions, Namespaces (any group) and
 * `apiregistration.k8s.io` APIServices. Returns each renamed resource's old and new name; fixing
 * the references to them is left to the name reference step.
 */
export function transformPrefixSuffix(
  resources: readonly JsonObject[],
  options: PrefixSuffixOptions,
): PrefixSuffixResult {
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';
  if (prefix === '' && suffix === '') return { resources: [...resources], errors: [], renames: [] };
  const specs = options.fieldSpecs ?? NAME_PREFIX_SUFFIX_FIELD_SPECS;
  const affix = (value: JsonValue | undefined): JsonValue => {
    if (value !== undefined && typeof value === 'object') throw new FieldSpecError('expected a scalar node');
    return `${prefix}${value === undefined ? '' : String(value)}${suffix}`;
  };
  const renames: Rename[] = [];
  const result = transformEach(resources, (resource, index) => {
    if (isSkipped(resource)) return resource;
    const renamed = applyFieldSpecs(resource, specs, affix);
    const before = metadataOf(resource)['name'];
    const after = metadataOf(renamed)['name'];
    if (before !== after) {
      renames.push({
        index,
        apiVersion: text(resource['apiVersion']),
        kind: text(resource['kind']),
        namespace: text(metadataOf(resource)['namespace']),
        from: text(before),
        to: text(after),
      });
    }
    return renamed;
  });
  return { ...result, renames };
}
