/**
 * The part of Argo CD ApplicationSet templating that decides where an Application's manifests
 * live: parameters substituted into the template's strings.
 *
 * - Default (fasttemplate): `{{key}}` with the spaces inside trimmed, keys flat (`path.basename`,
 *   `path[0]`, `values.region`); an unknown key stays as written.
 * - `goTemplate: true` (Go text/template): `{{.key.sub}}`, `{{ index .path.segments 1 }}`, `"text"`
 *   literals, pipes into `normalize`, `lower`, `upper`, `trim`, and `{{-` / `-}}` trimming.
 *   Anything else (conditions, `printf`, variables) is left unresolved.
 *
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Template/
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/GoTemplate/
 */
import { type JsonValue, isJsonObject, scalarString } from '../../manifests/json-value.ts';

export interface RenderedTemplate<T> {
  value: T;
  /** The expressions that could not be resolved (they stay in the output as written). */
  unresolved: string[];
}

/** Argo CD's `normalize`: a DNS-1123 subdomain made of the text (lower case, other characters -> `-`). */
export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replaceAll(/[^-a-z0-9.]/g, '-')
    .slice(0, 253)
    .replaceAll(/^[-.]+|[-.]+$/g, '');
}

const FUNCTIONS: Record<string, (text: string) => string> = {
  normalize: normalizeName,
  lower: (text) => text.toLowerCase(),
  upper: (text) => text.toUpperCase(),
  trim: (text) => text.trim(),
};

function field(params: JsonValue, chain: string): JsonValue | undefined {
  let node: JsonValue | undefined = params;
  for (const key of chain.split('.').slice(1)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, key) ? node[key] : undefined;
  }
  return node;
}

/** Splits a Go template action into words, keeping quoted strings whole; undefined when it cannot. */
function words(text: string): string[] | undefined {
  const pattern = /"(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+/g;
  if (text.replaceAll(pattern, '').trim() !== '') return undefined;
  return text.match(pattern) ?? [];
}

function operand(word: string, params: JsonValue): JsonValue | undefined {
  if (word.startsWith('"')) {
    try {
      return JSON.parse(word) as string;
    } catch {
      return undefined;
    }
  }
  if (word.startsWith('`')) return word.slice(1, -1);
  if (/^-?\d+$/.test(word)) return Number(word);
  if (word === '.') return params;
  if (word.startsWith('.')) return field(params, word);
  return undefined;
}

/** Evaluates one `{{ ... }}` action of a Go template, or undefined when it is beyond this subset. */
function evaluateGo(action: string, params: JsonValue): string | undefined {
  const stages = action.split('|').map((stage) => stage.trim());
  const first = words(stages[0] ?? '');
  if (!first || first.length === 0) return undefined;
  let value: JsonValue | undefined;
  if (first[0] === 'index') {
    value = operand(first[1] ?? '', params);
    for (const key of first.slice(2)) {
      const index = operand(key, params);
      if (Array.isArray(value) && typeof index === 'number') value = value[index];
      else if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        typeof index === 'string'
      )
        value = Object.hasOwn(value, index) ? value[index] : undefined;
      else value = undefined;
    }
  } else if (first.length === 1) value = operand(first[0] as string, params);
  else if (first.length === 2 && FUNCTIONS[first[0] as string]) {
    const text = scalarString(operand(first[1] as string, params));
    value = text === undefined ? undefined : (FUNCTIONS[first[0] as string] as (t: string) => string)(text);
  }
  let text = scalarString(value);
  for (const stage of stages.slice(1)) {
    const fn = FUNCTIONS[stage];
    if (text === undefined || !fn) return undefined;
    text = fn(text);
  }
  return text;
}

function renderGoString(text: string, params: JsonValue, unresolved: string[]): string {
  let out = '';
  let at = 0;
  let trimNext = false;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    let literal = open === -1 ? text.slice(at) : text.slice(at, open);
    if (trimNext) literal = literal.trimStart();
    if (open === -1) return out + literal;
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return out + literal + text.slice(open);
    let action = text.slice(open + 2, close);
    if (action.startsWith('- ')) {
      literal = literal.trimEnd();
      action = action.slice(1);
    }
    trimNext = action.endsWith(' -');
    if (trimNext) action = action.slice(0, -1);
    out += literal;
    const value = evaluateGo(action.trim(), params);
    if (value === undefined) {
      unresolved.push(action.trim());
      out += text.slice(open, close + 2);
    } else out += value;
    at = close + 2;
  }
  return out;
}

function renderFastString(text: string, params: Record<string, string>, unresolved: string[]): string {
  return text.replaceAll(/\{\{(.*?)\}\}/g, (whole, inner: string) => {
    const key = inner.trim();
    if (key !== '' && Object.hasOwn(params, key)) return params[key] as string;
    unresolved.push(key);
    return whole;
  });
}

/**
 * Substitutes parameters into every string of `template` (keys are left alone, as Argo CD does).
 * `params` is a flat map of strings for fasttemplate, any JSON for Go templates.
 */
export function renderTemplate<T extends JsonValue>(
  template: T,
  params: JsonValue,
  goTemplate: boolean,
): RenderedTemplate<T> {
  const unresolved: string[] = [];
  const flat: Record<string, string> = {};
  if (!goTemplate && isJsonObject(params)) {
    for (const [key, value] of Object.entries(params)) flat[key] = scalarString(value) ?? '';
  }
  const walk = (node: JsonValue): JsonValue => {
    if (typeof node === 'string') {
      if (!node.includes('{{')) return node;
      return goTemplate ? renderGoString(node, params, unresolved) : renderFastString(node, flat, unresolved);
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, JsonValue> = {};
      for (const [key, value] of Object.entries(node)) out[key] = walk(value);
      return out;
    }
    return node;
  };
  return { value: walk(template) as T, unresolved };
}
