import { UsageError } from '../../core/errors.ts';
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_SCHEMA_LOCATIONS, DEFAULT_STRICT } from '../check-defaults.ts';

/**
 * Reads one action input by its `action.yml` name, trimmed, `''` when unset: `core.getInput` in
 * the Actions, a plain map in the tests. The runner passes `with:` values (or their defaults) as
 * `INPUT_<NAME>` environment variables.
 */
export type ReadInput = (name: string) => string;

export const FAIL_ON = ['error', 'warning', 'never'] as const;
/** When the step fails: on errors, on errors or warnings, or never (the report is still published). */
export type FailOn = (typeof FAIL_ON)[number];

// The YAML 1.2 core schema booleans, as `core.getBooleanInput` accepts them.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** A string input, or `fallback` when it is empty. */
export function stringInput(read: ReadInput, name: string, fallback: string): string {
  const value = read(name).trim();
  return value === '' ? fallback : value;
}

/** An optional string input: undefined when empty. */
export function optionalInput(read: ReadInput, name: string): string | undefined {
  const value = read(name).trim();
  return value === '' ? undefined : value;
}

/** `true` or `false` (as YAML writes them); an error naming the input otherwise. */
export function booleanInput(read: ReadInput, name: string, fallback: boolean): boolean {
  const value = read(name).trim();
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new UsageError(`input ${name} must be true or false, got ${JSON.stringify(value)}`);
}

/** One of `allowed`; the error names the input and lists the values ("must be error, warning or never"). */
export function enumInput<T extends string>(
  read: ReadInput,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = read(name).trim();
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''}`;
  throw new UsageError(`input ${name} must be ${list}, got ${JSON.stringify(value)}`);
}

/** One value per line (YAML `|` block); blank lines and `#` comment lines are skipped. */
export function multilineInput(read: ReadInput, name: string, fallback: readonly string[]): string[] {
  const lines = read(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return lines.length === 0 ? [...fallback] : lines;
}

/** A comma- or newline-separated list (kubeconform's `-skip` and `-reject` are comma-separated). */
export function listInput(read: ReadInput, name: string): string[] {
  return read(name)
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `x.y.z` or `master`, as kubeconform's `-kubernetes-version` accepts. */
export function kubernetesVersionInput(read: ReadInput): string {
  const value = stringInput(read, 'kubernetes-version', DEFAULT_KUBERNETES_VERSION);
  if (!/^(master|\d+\.\d+\.\d+)$/.test(value)) {
    throw new UsageError(
      `input kubernetes-version must be a full version x.y.z (e.g. 1.31.0) or master, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** The inputs every kubeproof action reads, with the same names and meaning. */
export interface CommonInputs {
  /** Folder of the repository to check, relative to the workspace. */
  workingDirectory: string;
  failOn: FailOn;
}

export function commonInputs(read: ReadInput): CommonInputs {
  return {
    workingDirectory: stringInput(read, 'working-directory', '.'),
    failOn: enumInput(read, 'fail-on', FAIL_ON, 'error'),
  };
}

/** The schema inputs of the actions that validate. */
export interface SchemaInputs {
  kubernetesVersion: string;
  schemaLocations: string[];
  strict: boolean;
  /**
   * A folder (relative to the workspace) where schemas downloaded over HTTP are kept between runs,
   * as kubeconform's `-cache`; created when missing. Undefined: no cache.
   */
  schemaCache: string | undefined;
}

export function schemaInputs(read: ReadInput): SchemaInputs {
  return {
    kubernetesVersion: kubernetesVersionInput(read),
    schemaLocations: multilineInput(read, 'schema-locations', DEFAULT_SCHEMA_LOCATIONS),
    strict: booleanInput(read, 'strict', DEFAULT_STRICT),
    schemaCache: optionalInput(read, 'schema-cache'),
  };
}
