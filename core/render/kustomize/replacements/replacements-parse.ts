import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';
import { readSelector, type Selector } from '../targets/select-targets.ts';

/** kustomize's `types.FieldOptions`. */
export interface FieldOptions {
  delimiter: string;
  index: number;
  encoding: string;
  create: boolean;
}

/** kustomize's `types.SourceSelector`: an exact id (no patterns), a field path and options. */
export interface ReplacementSource {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
  fieldPath: string;
  options?: FieldOptions;
}

/** kustomize's `types.TargetSelector`. */
export interface ReplacementTarget {
  select?: Selector;
  reject: Selector[];
  fieldPaths: string[];
  options?: FieldOptions;
}

/** One entry of `replacements:` (kustomize's `types.Replacement`). */
export interface Replacement {
  source?: ReplacementSource;
  targets?: ReplacementTarget[];
}

class UnmarshalError extends Error {
  override name = 'UnmarshalError';
}

function goType(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

function mismatch(value: JsonValue, container: string, path: string, type: string): UnmarshalError {
  const shown = typeof value === 'number' ? `number ${value}` : goType(value);
  return new UnmarshalError(
    `json: cannot unmarshal ${shown} into Go struct field ${container}.${path} of type ${type}`,
  );
}

/** The entries of a Go struct as encoding/json reads them: keys matched ignoring case, unknown ones refused. */
function fields(
  value: JsonValue,
  names: readonly string[],
  container: string,
  path: string,
  type: string,
): Map<string, JsonValue> | undefined {
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, container, path, type);
  const result = new Map<string, JsonValue>();
  for (const [key, entry] of Object.entries(value as JsonObject)) {
    const name = names.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    if (name === undefined) throw new UnmarshalError(`json: unknown field ${JSON.stringify(key)}`);
    result.set(name, entry);
  }
  return result;
}

function stringField(map: Map<string, JsonValue>, name: string, container: string, path: string): string {
  const value = map.get(name);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw mismatch(value, container, `${path}.${name}`, 'string');
  return value;
}

function readOptions(
  value: JsonValue | undefined,
  container: string,
  path: string,
): FieldOptions | undefined {
  if (value === undefined) return undefined;
  const map = fields(
    value,
    ['delimiter', 'index', 'encoding', 'create'],
    container,
    path,
    'types.FieldOptions',
  );
  if (map === undefined) return undefined;
  const at = `${path}`;
  const index = map.get('index') ?? null;
  if (index !== null && (typeof index !== 'number' || !Number.isInteger(index)))
    throw mismatch(index, 'FieldOptions', `${at}.index`, 'int');
  const create = map.get('create') ?? null;
  if (create !== null && typeof create !== 'boolean')
    throw mismatch(create, 'FieldOptions', `${at}.create`, 'bool');
  return {
    delimiter: stringField(map, 'delimiter', 'FieldOptions', at),
    index: index ?? 0,
    encoding: stringField(map, 'encoding', 'FieldOptions', at),
    create: create ?? false,
  };
}

function readSource(value: JsonValue | undefined): ReplacementSource | undefined {
  if (value === undefined) return undefined;
  const path = 'replacements.source';
  const names = ['group', 'version', 'kind', 'name', 'namespace', 'fieldPath', 'options'];
  const map = fields(value, names, 'Replacement', path, 'types.SourceSelector');
  if (map === undefined) return undefined;
  const text = (name: string): string => stringField(map, name, 'SourceSelector', path);
  const options = readOptions(map.get('options'), 'SourceSelector', `${path}.options`);
  return {
    group: text('group'),
    version: text('version'),
    kind: text('kind'),
    name: text('name'),
    namespace: text('namespace'),
    fieldPath: text('fieldPath'),
    ...(options === undefined ? {} : { options }),
  };
}

function unwrap(result: { selector: Selector } | { error: string }): Selector {
  if ('error' in result) throw new UnmarshalError(result.error);
  return result.selector;
}

function list(value: JsonValue | undefined, container: string, path: string, type: string): JsonValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw mismatch(value, container, path, type);
  return value;
}

function readTarget(value: JsonValue): ReplacementTarget {
  const path = 'replacements.targets';
  const names = ['select', 'reject', 'fieldPaths', 'options'];
  const map =
    fields(value, names, 'Replacement', path, 'types.TargetSelector') ?? new Map<string, JsonValue>();
  const select = map.get('select');
  const at = { container: 'TargetSelector', path: `${path}.select` };
  const reject = list(map.get('reject'), 'TargetSelector', `${path}.reject`, '[]*types.Selector').map(
    (entry) => unwrap(readSelector(entry ?? {}, { container: 'TargetSelector', path: `${path}.reject` })),
  );
  const fieldPaths = list(map.get('fieldPaths'), 'TargetSelector', `${path}.fieldPaths`, '[]string').map(
    (entry) => {
      if (entry !== null && typeof entry !== 'string')
        throw mismatch(entry, 'TargetSelector', `${path}.fieldPaths`, 'string');
      return entry ?? '';
    },
  );
  const options = readOptions(map.get('options'), 'TargetSelector', `${path}.options`);
  return {
    ...(select === undefined || select === null ? {} : { select: unwrap(readSelector(select, at)) }),
    reject,
    fieldPaths,
    ...(options === undefined ? {} : { options }),
  };
}

/**
 * Reads one `replacements:` entry as kustomize unmarshals it (Go's `json:` errors for unknown
 * fields and wrong types). A `path:` key is accepted and ignored: the caller loads those files.
 */
export function readReplacement(value: JsonValue): { replacement: Replacement } | { error: string } {
  try {
    const map = fields(
      value,
      ['source', 'targets', 'path'],
      'Kustomization',
      'replacements',
      'types.ReplacementField',
    );
    if (map === undefined) return { replacement: {} };
    const source = readSource(map.get('source'));
    const targetList = map.get('targets');
    const targets =
      targetList === undefined || targetList === null
        ? undefined
        : list(targetList, 'Replacement', 'replacements.targets', '[]*types.TargetSelector').map(readTarget);
    return { replacement: { ...(source ? { source } : {}), ...(targets ? { targets } : {}) } };
  } catch (error) {
    if (error instanceof UnmarshalError) return { error: error.message };
    throw error;
  }
}
