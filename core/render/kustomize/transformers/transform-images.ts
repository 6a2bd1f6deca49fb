import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';
import { FieldSpecError, applyFieldSpecs, type FieldSpec, type FieldVisitor } from '../field-specs.ts';
import { IMAGES_FIELD_SPECS } from '../field-specs-defaults.ts';
import { updateImage, type ImageSpec } from './transform-image-name.ts';
import { transformEach, type TransformResult } from './transform-result.ts';

export type { ImageSpec } from './transform-image-name.ts';

const CONTAINER_LISTS = new Set(['containers', 'initContainers']);

function imageVisitor(spec: ImageSpec): FieldVisitor {
  return (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'object') throw new FieldSpecError('wrong node kind: expected ScalarNode');
    return updateImage(String(value), spec) ?? value;
  };
}

function updateContainers(list: JsonValue[], visit: FieldVisitor): JsonValue[] {
  return list.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return item;
    const image = item['image'];
    if (image === undefined || image === null) return item;
    const next = visit(image);
    return next === image ? item : { ...item, image: next };
  });
}

/** Every `image` of the elements of a `containers` or `initContainers` list, anywhere in the resource. */
function walk(node: JsonValue, visit: FieldVisitor): JsonValue {
  if (Array.isArray(node)) return node.map((item) => walk(item, visit));
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      const walked = walk(value, visit);
      return [
        key,
        CONTAINER_LISTS.has(key) && Array.isArray(walked) ? updateContainers(walked, visit) : walked,
      ];
    }),
  );
}

/**
 * kustomize's ImageTagTransformer, one `images:` entry after the other: changes the name, tag or
 * digest of every matching image (see isImageMatched) of every `containers` and `initContainers`
 * list anywhere in a resource, whatever its kind, then of the fields the specs lead to (by default
 * `spec/containers[]/image` and the pod template's; `fieldSpecs` replaces them, and never creates
 * a field). CustomResourceDefinitions are left alone; `ephemeralContainers` are not changed.
 */
export function transformImages(
  resources: readonly JsonObject[],
  images: readonly ImageSpec[],
  fieldSpecs: readonly FieldSpec[] = IMAGES_FIELD_SPECS,
): TransformResult {
  const specs = fieldSpecs.map(({ create: _create, ...spec }) => spec);
  let current: JsonObject[] = [...resources];
  const errors: TransformResult['errors'] = [];
  for (const image of images) {
    const visit = imageVisitor(image);
    const step = transformEach(current, (resource) => {
      if (resource['kind'] === 'CustomResourceDefinition') return resource;
      return applyFieldSpecs(walk(resource, visit) as JsonObject, specs, visit);
    });
    current = step.resources;
    errors.push(...step.errors);
  }
  return { resources: current, errors };
}
