import type { JsonObject } from './crd-json.ts';

function nullable(type: string, extra: JsonObject = {}): JsonObject {
  return { type: [type, 'null'], ...extra };
}

function stringMap(): JsonObject {
  return nullable('object', { additionalProperties: nullable('string') });
}

function ownerReference(strict: boolean): JsonObject {
  const schema: JsonObject = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      name: { type: 'string' },
      uid: { type: 'string' },
      controller: nullable('boolean'),
      blockOwnerDeletion: nullable('boolean'),
    },
    required: ['apiVersion', 'kind', 'name', 'uid'],
  };
  if (strict) schema['additionalProperties'] = false;
  return schema;
}

/**
 * The schema of `metadata` (ObjectMeta) for a custom resource and for an
 * `x-kubernetes-embedded-resource`. A CRD cannot describe ObjectMeta itself: the API server always
 * decodes it as the built-in type (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema).
 * Types and nullability follow the built-in kinds' schemas (yannh/kubernetes-json-schema), so a CR and a
 * Deployment accept the same metadata: `creationTimestamp: null` from generators passes, a label value
 * that is a number (`version: 1.0`) fails. `strict` closes the object, as `-strict` does for built-in kinds.
 */
export function objectMetaSchema(strict: boolean): JsonObject {
  const schema: JsonObject = {
    type: ['object', 'null'],
    properties: {
      name: nullable('string'),
      generateName: nullable('string'),
      namespace: nullable('string'),
      labels: stringMap(),
      annotations: stringMap(),
      finalizers: nullable('array', { items: nullable('string') }),
      ownerReferences: nullable('array', { items: ownerReference(strict) }),
      managedFields: nullable('array', { items: nullable('object') }),
      creationTimestamp: nullable('string', { format: 'date-time' }),
      deletionTimestamp: nullable('string', { format: 'date-time' }),
      deletionGracePeriodSeconds: nullable('integer'),
      generation: nullable('integer'),
      resourceVersion: nullable('string'),
      selfLink: nullable('string'),
      uid: nullable('string'),
    },
  };
  if (strict) schema['additionalProperties'] = false;
  return schema;
}
