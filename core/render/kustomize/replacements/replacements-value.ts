import { resolveKustomizeScalar } from '../../../manifests/resolve-scalar.ts';
import { type JsonValue, yamlNodeText } from '../../../manifests/json-value.ts';
import type { FieldOptions } from './replacements-parse.ts';
import { type FieldSlot } from './replacements-path.ts';

const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;

function isScalar(value: JsonValue): boolean {
  return value === null || typeof value !== 'object';
}

/** The YAML tag go-yaml v3 resolves a plain scalar's text to. */
function plainTag(text: string): string {
  const resolved = resolveKustomizeScalar(text);
  if (resolved === null) return '!!null';
  if (typeof resolved === 'boolean') return '!!bool';
  if (typeof resolved === 'number') return GO_INT.test(text.replaceAll('_', '')) ? '!!int' : '!!float';
  return '!!str';
}

/** The tag of a JSON scalar as it stands in a resource. */
function tagOf(value: JsonValue): string {
  if (value === null) return '!!null';
  if (typeof value === 'boolean') return '!!bool';
  if (typeof value === 'number') return Number.isInteger(value) ? '!!int' : '!!float';
  return '!!str';
}

/**
 * A scalar's new text under its old tag: kustomize keeps the tag of a scalar it replaces, and
 * fails when it turns the resource back into data if the text does not fit the tag.
 */
function retag(text: string, tag: string): { value: JsonValue } | { error: string } {
  if (tag === '!!str') return { value: text };
  const found = plainTag(text);
  const fits = found === tag || (tag === '!!float' && found === '!!int');
  if (!fits)
    return { error: `map[string]interface {}(nil): yaml: cannot decode ${found} \`${text}\` as a ${tag}` };
  return { value: resolveKustomizeScalar(text) };
}

/**
 * The part of a source value that `options.delimiter` and `options.index` pick, or kustomize's
 * error. Without a delimiter the value is used whole.
 */
export function refineSourceValue(
  options: FieldOptions | undefined,
  value: JsonValue,
): { value: JsonValue } | { error: string } {
  if (options === undefined || options.delimiter === '') return { value };
  if (!isScalar(value)) return { error: 'delimiter option can only be used with scalar nodes' };
  const parts = yamlNodeText(value).split(options.delimiter);
  if (options.index >= parts.length || options.index < 0)
    return { error: `options.index ${options.index} is out of bounds for value ${yamlNodeText(value)}` };
  return { value: parts[options.index] as string };
}

/**
 * Writes a replacement value into a target field (kustomize's setFieldValue): with a delimiter
 * the value replaces one part of the target's text (a negative index prepends, one past the end
 * appends); a scalar target keeps its type and takes the value's text; other targets are
 * replaced by a copy of the value.
 */
export function setFieldValue(
  slot: FieldSlot,
  value: JsonValue,
  options: FieldOptions | undefined,
): string | undefined {
  let text = isScalar(value) ? yamlNodeText(value) : '';
  let replacement = value;
  if (options !== undefined && options.delimiter !== '') {
    if (!isScalar(slot.value)) return 'delimiter option can only be used with scalar nodes';
    const parts = slot.fresh === true ? [''] : yamlNodeText(slot.value).split(options.delimiter);
    if (options.index < 0) parts.unshift(text);
    else if (options.index >= parts.length) parts.push(text);
    else parts[options.index] = text;
    text = parts.join(options.delimiter);
    replacement = text;
  }
  if (slot.fresh === true) {
    slot.set(isScalar(replacement) ? resolveKustomizeScalar(text) : structuredClone(replacement));
    return undefined;
  }
  if (isScalar(slot.value)) {
    const result = retag(text, tagOf(slot.value));
    if ('error' in result) return result.error;
    slot.set(result.value);
    return undefined;
  }
  slot.set(structuredClone(replacement));
  return undefined;
}
