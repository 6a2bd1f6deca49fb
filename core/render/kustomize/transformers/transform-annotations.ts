import type { JsonObject } from '../../../manifests/json-value.ts';
import { applyFieldSpecs, type FieldSpec } from '../field-specs.ts';
import { COMMON_ANNOTATIONS_FIELD_SPECS } from '../field-specs-defaults.ts';
import { setMapEntries } from './transform-map-entries.ts';
import { transformEach, type TransformResult } from './transform-result.ts';

/**
 * kustomize's AnnotationsTransformer (`commonAnnotations:`): sets each annotation on the resource
 * and, by default, on the pod and job templates of workloads (COMMON_ANNOTATIONS_FIELD_SPECS;
 * `fieldSpecs` replaces them), creating the maps when missing. Values are strings.
 */
export function transformAnnotations(
  resources: readonly JsonObject[],
  annotations: Readonly<Record<string, string>>,
  fieldSpecs: readonly FieldSpec[] = COMMON_ANNOTATIONS_FIELD_SPECS,
): TransformResult {
  if (Object.keys(annotations).length === 0) return { resources: [...resources], errors: [] };
  const visit = setMapEntries(annotations);
  return transformEach(resources, (resource) => applyFieldSpecs(resource, fieldSpecs, visit));
}
