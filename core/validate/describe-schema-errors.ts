import type { ErrorObject } from 'ajv';
import type { SchemaViolation } from './result.ts';

/**
 * Turns ajv errors into violations worded like kubeconform v0.7.0 (santhosh-tekuri/jsonschema v6
 * messages: "got string, want null or integer", "missing property 'x'", "additional properties
 * 'a', 'b' not allowed"). Unlike kubeconform, every leaf is listed (not only the first level) and
 * combinator failures of plain type alternatives are explained ("got boolean, want integer or
 * string") instead of "'oneOf' failed, none matched".
 */

/** One violation plus the JSON pointer whose position should be shown (the offending key). */
export interface DescribedViolation extends SchemaViolation {
  /** Where to point in the source: for an unknown field, the field itself rather than its parent. */
  focus: string;
}

const TYPE_ORDER = ['null', 'boolean', 'number', 'integer', 'string', 'array', 'object'];

/** Go's %q, then the single-quote wrapping of jsonschema v6's `quote`. */
export function quote(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${json}'`;
}

function display(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value !== null && typeof value === 'object') return 'value';
  if (value === null) return '<nil>';
  return String(value);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value === 'number' ? 'number' : typeof value;
}

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The value a JSON pointer designates inside `root`. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[unescapeToken(raw)];
  }
  return node;
}

function wantTypes(types: readonly string[]): string {
  const unique = [...new Set(types)];
  return unique.sort((a, b) => TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b)).join(' or ');
}

function typesOf(error: ErrorObject): string[] {
  const type = (error.params as { type?: string | string[] }).type;
  if (type === undefined) return [];
  return Array.isArray(type) ? type : String(type).split(',');
}

function isBranchOf(error: ErrorObject, combinator: ErrorObject): boolean {
  if (error.schemaPath.startsWith(`${combinator.schemaPath}/`)) return true;
  return error.instancePath === combinator.instancePath && error.keyword === 'type';
}

function pointerJoin(base: string, key: string): string {
  return `${base}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function describeOne(error: ErrorObject, value: unknown): string {
  const params = error.params as Record<string, unknown>;
  const data = valueAt(value, error.instancePath);
  switch (error.keyword) {
    case 'type':
      return `got ${jsonType(data)}, want ${wantTypes(typesOf(error))}`;
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[] | undefined) ?? [];
      if (allowed.some((v) => v !== null && typeof v === 'object')) return "'enum' failed";
      return allowed.length === 1
        ? `value must be ${display(allowed[0])}`
        : `value must be one of ${allowed.map(display).join(', ')}`;
    }
    case 'const':
      return `value must be ${display(params['allowedValue'])}`;
    case 'format':
      return `${display(data)} is not valid ${String(params['format'])}`;
    case 'pattern':
      return `${display(data)} does not match pattern ${quote(String(params['pattern']))}`;
    case 'minLength':
    case 'maxLength':
      return `${error.keyword}: got ${[...String(data)].length}, want ${String(params['limit'])}`;
    case 'minItems':
    case 'maxItems':
      return `${error.keyword}: got ${Array.isArray(data) ? data.length : 0}, want ${String(params['limit'])}`;
    case 'minProperties':
    case 'maxProperties':
      return `${error.keyword}: got ${data && typeof data === 'object' ? Object.keys(data).length : 0}, want ${String(params['limit'])}`;
    case 'minimum':
    case 'maximum': {
      const exclusive = params['comparison'] === '>' || params['comparison'] === '<';
      const name = exclusive
        ? error.keyword === 'minimum'
          ? 'exclusiveMinimum'
          : 'exclusiveMaximum'
        : error.keyword;
      return `${name}: got ${String(data)}, want ${String(params['limit'])}`;
    }
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${error.keyword}: got ${String(data)}, want ${String(params['limit'])}`;
    case 'multipleOf':
      return `multipleOf: got ${String(data)}, want ${String(params['multipleOf'])}`;
    case 'uniqueItems': {
      const [i, j] = [Number(params['i']), Number(params['j'])].sort((a, b) => a - b);
      return `items at ${i} and ${j} are equal`;
    }
    case 'dependencies':
      return `properties ${quote(String(params['missingProperty']))} required, if ${quote(String(params['property']))} exists`;
    case 'not':
      return "'not' failed";
    case 'false schema':
      return 'false schema';
    default:
      return error.message ?? `'${error.keyword}' failed`;
  }
}

/** Describes the errors of one resource, merging per-object `required` and `additionalProperties`. */
export function describeSchemaErrors(errors: readonly ErrorObject[], value: unknown): DescribedViolation[] {
  const branch = new Set<ErrorObject>();
  const combined = new Map<ErrorObject, string>();
  for (const [index, error] of errors.entries()) {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') continue;
    const branches: ErrorObject[] = [];
    for (let j = index - 1; j >= 0; j--) {
      const candidate = errors[j] as ErrorObject;
      if (!isBranchOf(candidate, error)) break;
      branches.push(candidate);
    }
    for (const b of branches) branch.add(b);
    const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
    if (error.keyword === 'oneOf' && Array.isArray(passing)) {
      combined.set(error, `'oneOf' failed, subschemas ${passing.slice(0, 2).join(', ')} matched`);
    } else if (
      branches.length > 0 &&
      branches.every((b) => b.keyword === 'type' && b.instancePath === error.instancePath)
    ) {
      const data = valueAt(value, error.instancePath);
      combined.set(error, `got ${jsonType(data)}, want ${wantTypes(branches.flatMap(typesOf))}`);
    } else {
      combined.set(error, error.keyword === 'oneOf' ? "'oneOf' failed, none matched" : "'anyOf' failed");
    }
  }

  const violations: DescribedViolation[] = [];
  const required = new Map<string, string[]>();
  const additional = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const error of errors) {
    if (branch.has(error)) continue;
    const path = error.instancePath;
    if (error.keyword === 'required') {
      const name = String((error.params as { missingProperty: string }).missingProperty);
      const list = required.get(path) ?? [];
      if (!required.has(path)) required.set(path, list);
      if (!list.includes(name)) list.push(name);
      continue;
    }
    if (error.keyword === 'additionalProperties') {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const list = additional.get(path) ?? [];
      if (!additional.has(path)) additional.set(path, list);
      if (!list.includes(name)) list.push(name);
      continue;
    }
    const message = combined.get(error) ?? describeOne(error, value);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ path, message, focus: path });
  }
  for (const [path, names] of required) {
    const message =
      names.length === 1
        ? `missing property ${quote(names[0] as string)}`
        : `missing properties ${names.map(quote).join(', ')}`;
    violations.push({ path, message, focus: path });
  }
  for (const [path, names] of additional) {
    violations.push({
      path,
      message: `additional properties ${names.map(quote).join(', ')} not allowed`,
      focus: pointerJoin(path, names[0] as string),
    });
  }
  return violations;
}
