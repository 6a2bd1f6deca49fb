import type { JsonObject } from '../../../manifests/json-value.ts';
import { FieldSpecError } from '../field-specs.ts';

/** A reason kustomize would stop the build, worded as kustomize words it. */
export interface TransformError {
  error: string;
  /** Index of the resource it is about, when it is about one. */
  index?: number;
}

/**
 * What a transformer returns: the transformed resources, in the input's order, and the reasons
 * kustomize would have stopped. When `errors` is not empty the build fails; `resources` then
 * holds every resource the transformer could handle, the others unchanged. Resources share their
 * unchanged parts with the input, which is never changed: treat both as immutable.
 */
export interface TransformResult {
  resources: JsonObject[];
  errors: TransformError[];
}

/**
 * Runs `transform` on each resource, turning a FieldSpecError into an error on that resource
 * (which is then left as it was).
 */
export function transformEach(
  resources: readonly JsonObject[],
  transform: (resource: JsonObject, index: number) => JsonObject,
): TransformResult {
  const errors: TransformError[] = [];
  const result = resources.map((resource, index) => {
    try {
      return transform(resource, index);
    } catch (error) {
      if (!(error instanceof FieldSpecError)) throw error;
      errors.push({ error: error.message, index });
      return resource;
    }
  });
  return { resources: result, errors };
}
