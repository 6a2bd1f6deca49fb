import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { takeDirective } from './strategic-merge-directive.ts';
import { mergeAssociativeList } from './strategic-merge-list.ts';
import { isMissingOrNull, type Maybe, nodeKind, requireKind } from './strategic-merge-nodes.ts';
import { fieldSchema, mergesList, schemaOf, type SchemaNode } from './strategic-merge-schema.ts';

/** The resource's value and the patch's value at one place; the first is changed in place. */
export type Sources = [dest: Maybe, origin: Maybe];

/**
 * kyaml's walk.Walker with merge2's Merger visitor, ListIncreaseDirection prepend (what
 * kustomize's patchstrategicmerge filter uses). Merges `origin` (patch) into `dest` (resource),
 * changing both in place, and returns the merged value, or undefined (or null) to clear the field.
 */
export function walk(sources: Sources, parentSchema: SchemaNode | undefined): Maybe {
  const schema = parentSchema ?? schemaOf(sources);
  const first = sources.find((source) => !isMissingOrNull(source));
  if (first === undefined) return walkMap(sources, schema);
  const kind = nodeKind(first);
  for (const source of sources) requireKind(source, kind);
  if (kind === 'MappingNode') return walkMap(sources, schema);
  if (kind === 'ScalarNode') return sources[1] !== undefined ? sources[1] : sources[0];
  if (mergesList(schema)) return mergeAssociativeList(sources, schema as SchemaNode, walk);
  // NonAssociateList: the patch's list, as written, replaces the resource's.
  return sources[1] !== undefined ? sources[1] : sources[0];
}

/** merge2's VisitMap: the node whose fields are then merged, or undefined to clear the field. */
function visitMap([dest, origin]: Sources): Maybe {
  if (isMissingOrNull(dest)) {
    let directive = 'merge';
    try {
      directive = takeDirective(origin);
    } catch {
      // kyaml ignores a bad directive on a value the resource does not have.
    }
    return directive === 'delete' ? undefined : origin;
  }
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  return directive === 'replace' ? origin : dest;
}

function walkMap(sources: Sources, schema: SchemaNode | undefined): Maybe {
  const dest = visitMap(sources);
  if (!isJsonObject(dest)) return dest;
  const origin = sources[1];
  const names = new Set(Object.keys(dest));
  if (isJsonObject(origin)) for (const name of Object.keys(origin)) names.add(name);
  for (const name of [...names].sort()) {
    const value = walk(
      [dest[name], isJsonObject(origin) ? origin[name] : undefined],
      fieldSchema(schema, name),
    );
    setField(dest, name, value);
  }
  return dest;
}

/** kyaml's FieldSetter: sets the field, or clears it for a missing or null value. */
function setField(map: JsonObject, name: string, value: Maybe): void {
  if (isMissingOrNull(value)) delete map[name];
  else map[name] = value as JsonValue;
}
