import type { JsonValue } from '../../../manifests/json-value.ts';
import { FieldSpecError, type FieldVisitor } from '../field-specs.ts';

function nodeKind(value: JsonValue): string {
  if (Array.isArray(value)) return 'SequenceNode';
  return 'ScalarNode';
}

/**
 * A field visitor that sets entries in a map (labels, annotations), creating the map when the
 * field is being created. Values are always strings, as in kustomize.
 */
export function setMapEntries(entries: Readonly<Record<string, string>>): FieldVisitor {
  return (value) => {
    if (value === undefined) return { ...entries };
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      throw new FieldSpecError(`wrong node kind: expected MappingNode but got ${nodeKind(value)}`);
    return { ...value, ...entries };
  };
}
