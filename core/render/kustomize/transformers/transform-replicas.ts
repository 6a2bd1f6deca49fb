import { type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { applyFieldSpecs, matchesFieldSpec, type FieldSpec } from '../field-specs.ts';
import { REPLICAS_FIELD_SPECS } from '../field-specs-defaults.ts';
import { type TransformError, type TransformResult, transformEach } from './transform-result.ts';

/** One `replicas:` entry of a kustomization. */
export interface ReplicaSpec {
  name: string;
  count: number;
}

export interface ReplicasOptions {
  /** Replaces REPLICAS_FIELD_SPECS. */
  fieldSpecs?: readonly FieldSpec[];
  /**
   * The names a resource had before earlier transformers renamed it (namePrefix, nameSuffix):
   * kustomize matches `replicas:` entries against the current name and every previous one.
   */
  previousNames?: (index: number) => readonly string[];
}

function currentName(resource: JsonObject): unknown {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata['name'] : undefined;
}

/** A field spec's group, version and kind as kustomize prints them: `Deployment.[noVer].[noGrp]`. */
function gvkString(spec: FieldSpec): string {
  return `${spec.kind || '[noKind]'}.${spec.version || '[noVer]'}.${spec.group || '[noGrp]'}`;
}

/**
 * kustomize's ReplicaCountTransformer, one `replicas:` entry after the other: sets `spec.replicas`
 * (created when missing) on the Deployments, ReplicationControllers, ReplicaSets and StatefulSets
 * of any group (REPLICAS_FIELD_SPECS) named `name` now or before a prefix or suffix. An entry that
 * matches no resource is an error, as in kustomize.
 */
export function transformReplicas(
  resources: readonly JsonObject[],
  replicas: readonly ReplicaSpec[],
  options: ReplicasOptions = {},
): TransformResult {
  const specs = options.fieldSpecs ?? REPLICAS_FIELD_SPECS;
  const previous = options.previousNames ?? (() => []);
  let current: JsonObject[] = [...resources];
  const errors: TransformError[] = [];
  for (const replica of replicas) {
    const named = (resource: JsonObject, index: number): boolean =>
      currentName(resource) === replica.name || previous(index).includes(replica.name);
    let found = false;
    for (const spec of specs) {
      if (!current.some((resource, index) => named(resource, index) && matchesFieldSpec(spec, resource)))
        continue;
      found = true;
      const step = transformEach(current, (resource, index) =>
        named(resource, index) ? applyFieldSpecs(resource, [spec], () => replica.count) : resource,
      );
      current = step.resources;
      errors.push(...step.errors);
    }
    if (!found) {
      const gvks = specs.map(gvkString).join(' ');
      errors.push({
        error: `resource with name ${replica.name} does not match a config with the following GVK [${gvks}]`,
      });
    }
  }
  return { resources: current, errors };
}
