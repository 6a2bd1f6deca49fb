import { type JsonValue, isJsonObject, yamlNodeText } from '../../../manifests/json-value.ts';
import { type Maybe, setElement, StrategicMergeFailure } from './strategic-merge-nodes.ts';

/** A `$patch` directive (kyaml merge2's smpDirective). */
export type Directive = 'merge' | 'replace' | 'delete';

const KEY = '$patch';

function known(value: string): value is Directive {
  return value === 'merge' || value === 'replace' || value === 'delete';
}

function unknown(value: string): StrategicMergeFailure {
  return new StrategicMergeFailure(`unknown patch strategy '${value}'`);
}

/**
 * kyaml's determineSmpDirective: reads the `$patch` directive of a patch mapping (its `$patch`
 * field) or sequence (a one-field `{$patch: ...}` element) and removes it from the patch, in place.
 * Throws on an unknown directive; a patch scalar has none.
 */
export function takeDirective(patch: Maybe): Directive {
  if (patch === undefined) return 'merge';
  if (Array.isArray(patch)) return takeSequenceDirective(patch);
  if (!isJsonObject(patch)) {
    throw new StrategicMergeFailure(
      `no implemented strategic merge patch strategy for '${tagOf(patch)}' ('${yamlNodeText(patch)}')`,
    );
  }
  if (!Object.hasOwn(patch, KEY)) return 'merge';
  const value = yamlNodeText(patch[KEY]);
  if (!known(value)) throw unknown(value);
  delete patch[KEY];
  return value;
}

function takeSequenceDirective(patch: JsonValue[]): Directive {
  const element = patch.find((item) => isJsonObject(item) && Object.hasOwn(item, KEY));
  if (!isJsonObject(element) || Object.keys(element).length > 1) return 'merge';
  const value = yamlNodeText(element[KEY]);
  if (!known(value)) throw unknown(value);
  setElement(patch, undefined, [KEY], [value]);
  return value;
}

function tagOf(value: JsonValue): string {
  if (value === null) return '!!null';
  if (typeof value === 'boolean') return '!!bool';
  if (typeof value === 'number') return Number.isInteger(value) ? '!!int' : '!!float';
  return '!!str';
}
