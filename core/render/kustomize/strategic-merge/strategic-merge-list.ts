import { type JsonValue, isJsonObject, yamlNodeText } from '../../../manifests/json-value.ts';
import { takeDirective } from './strategic-merge-directive.ts';
import {
  findElement,
  isEmptyMap,
  isMissingOrNull,
  type Maybe,
  setElement,
  StrategicMergeFailure,
} from './strategic-merge-nodes.ts';
import { itemSchema, type SchemaNode } from './strategic-merge-schema.ts';

type Sources = [dest: Maybe, origin: Maybe];
type Walk = (sources: Sources, schema: SchemaNode | undefined) => Maybe;

/** merge2's VisitList for an associative list: the list to merge into, or undefined to clear. */
function visitList([dest, origin]: Sources): Maybe {
  if (isMissingOrNull(dest)) return origin;
  if (origin === null) return undefined;
  const directive = takeDirective(origin);
  if (directive === 'delete') return undefined;
  return directive === 'replace' ? origin : dest;
}

/** Each element's texts for the keys; patch elements first (prepend), without repeats. */
function keyValues(sources: Sources, keys: readonly string[]): string[][] {
  const result: string[][] = [];
  const seen = new Set<string>();
  for (const source of [sources[1], sources[0]]) {
    if (!Array.isArray(source)) continue;
    for (const element of source) {
      const values = keys.map((key) => {
        const field = isJsonObject(element) ? element[key] : undefined;
        return isEmptyValue(field) ? '' : yamlNodeText(field);
      });
      const id = JSON.stringify(values);
      if (values.length === 0 || seen.has(id)) continue;
      seen.add(id);
      result.push(values);
    }
  }
  return result;
}

/** Each element's text, patch elements first, without repeats (a set of scalars such as finalizers). */
function primitiveValues(sources: Sources): string[][] {
  const seen = new Set<string>();
  for (const source of [sources[1], sources[0]]) {
    if (Array.isArray(source)) for (const item of source) seen.add(yamlNodeText(item));
  }
  return [...seen].map((text) => [text]);
}

/** kyaml's IsNilOrEmpty on a field value. */
function isEmptyValue(value: Maybe): boolean {
  return isEmptyMap(value) || (Array.isArray(value) && value.length === 0);
}

/**
 * kyaml's validateKeys: the keys that some element of `all` has, with this element's values for
 * them; all keys when no element has any.
 */
function validKeys(all: string[][], values: string[], keys: readonly string[]): [string[], string[]] {
  const present = new Set(
    all.flatMap((list) => list.flatMap((value, index) => (value === '' ? [] : [keys[index]]))),
  );
  if (present.size === 0) return [[...keys], values];
  return [
    keys.filter((key) => present.has(key)),
    values.filter((value, index) => value !== '' || present.has(keys[index] as string)),
  ];
}

/** kyaml's mergeValues: key tuples that differ only where one is empty become one tuple. */
function mergeValues(list: string[][]): string[][] {
  for (const [i, first] of list.entries()) {
    for (const [j, second] of list.entries()) {
      const merged = matchValues(list[i] ?? first, list[j] ?? second);
      if (merged === undefined) continue;
      list[i] = merged;
      list[j] = merged;
    }
  }
  return list;
}

function matchValues(first: string[], second: string[]): string[] | undefined {
  if (first.length !== second.length) return undefined;
  let common = false;
  const result: string[] = [];
  for (const [index, value] of first.entries()) {
    const other = second[index] as string;
    if (value === other) {
      common = true;
      result.push(value);
    } else if (value !== '' && other !== '') return undefined;
    else result.push(value !== '' ? value : other);
  }
  return common ? result : undefined;
}

/** kyaml's appendListNode: sets each element of `from` into `into`, in place. */
function appendList(into: JsonValue[], from: JsonValue[], keys: string[]): JsonValue[] {
  for (const element of [...from]) {
    if (keys[0] === '') {
      setElement(into, element, [''], [yamlNodeText(element)]);
      continue;
    }
    const values: string[] = [];
    for (const key of keys) {
      if (isMissingOrNull(element)) {
        into.push(element as JsonValue);
        continue;
      }
      if (!isJsonObject(element)) throw wrongKind(element);
      if (!Object.hasOwn(element, key)) into.push(element);
      else values.push(yamlNodeText(element[key]));
    }
    // With several keys kyaml's ElementSetter would add a duplicate: remove the match first.
    if (keys.length > 1) setElement(into, undefined, keys, values);
    setElement(into, element, keys, values);
  }
  return into;
}

function wrongKind(value: JsonValue): StrategicMergeFailure {
  return new StrategicMergeFailure(
    `wrong node kind: expected MappingNode but got ${Array.isArray(value) ? 'SequenceNode' : 'ScalarNode'}`,
  );
}

/** kyaml's elementValueList: each source's element with these key values. */
function elementsAt(sources: Sources, keys: string[], values: string[]): Sources {
  const [names, texts] = validKeys([values], values, keys);
  return [findElement(sources[0], names, texts), findElement(sources[1], names, texts)];
}

/** kyaml's setAssociativeSequenceElements. */
function setElements(
  sources: Sources,
  all: string[][],
  keys: string[],
  schema: SchemaNode,
  walk: Walk,
): Maybe {
  const dest = sources[0] as JsonValue[];
  const list = keys.length > 1 ? mergeValues(all) : all;
  const added: JsonValue[] = [];
  let names: string[] = [];
  for (const values of list) {
    if (values.length === 0) continue;
    let texts: string[];
    [names, texts] = validKeys(list, values, keys);
    const merged = walk(elementsAt(sources, names, texts), itemSchema(schema));
    if (isEmptyMap(merged)) {
      setElement(dest, undefined, names, texts);
      continue;
    }
    for (const [index, name] of names.entries()) {
      const scalarElement = name === '' && !isJsonObject(merged) && !Array.isArray(merged);
      if (texts[index] === '' || scalarElement || (isJsonObject(merged) && Object.hasOwn(merged, name)))
        continue;
      if (!isJsonObject(merged)) throw wrongKind(merged as JsonValue);
      merged[name] = texts[index] as string;
    }
    setElement(added, merged as JsonValue, names, texts);
  }
  return list.length > 0 ? appendList(added, dest, names) : dest;
}

/**
 * kyaml's walkAssociativeSequence: merges a list whose schema has the `merge` patch strategy,
 * element by element on its merge keys (or, without keys, as a set of scalars). Patch elements
 * come first, in patch order, then the resource's other elements, in their order.
 */
export function mergeAssociativeList(sources: Sources, schema: SchemaNode, walk: Walk): Maybe {
  const dest = visitList(sources);
  if (!Array.isArray(dest)) return dest;
  const merged: Sources = [dest, sources[1]];
  const keys = [...(schema.keys ?? [])];
  const values = keyValues(merged, keys);
  if (values.length > 0 || keys.length > 0) return setElements(merged, values, keys, schema, walk);
  return setElements(merged, primitiveValues(merged), [''], schema, walk);
}
