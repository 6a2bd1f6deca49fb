import { UsageError } from '../core/errors.ts';

/** A flag definition, as Go's `flag` package knows it. */
export interface FlagSpec {
  name: string;
  kind: 'bool' | 'string' | 'int' | 'list';
  /** Shown after the name in the help, Go style (`string`, `int`, `value`). */
  typeName?: string;
  usage: string;
  /** Default shown in the help (` (default "text")`). */
  defaultText?: string;
}

export type FlagValues = Map<string, string | boolean | number | string[]>;

export interface ParsedFlags {
  values: FlagValues;
  args: string[];
}

function parseBool(name: string, raw: string): boolean {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(raw)) return false;
  throw new UsageError(`invalid boolean value ${JSON.stringify(raw)} for -${name}: parse error`);
}

/**
 * Parses arguments the way Go's `flag` package does, which is what kubeconform uses: `-name` and
 * `--name`, `-name=value` or `-name value`, booleans only as `-name` or `-name=false`, parsing stops
 * at the first argument that is not a flag (or after `--`).
 */
export function parseFlags(
  specs: readonly FlagSpec[],
  argv: readonly string[],
  options: { interspersed?: boolean } = {},
): ParsedFlags {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values: FlagValues = new Map();
  const positional: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      // kubeproof's own commands take flags after arguments too (`diff BASE HEAD -o json`).
      if (options.interspersed) {
        positional.push(arg);
        continue;
      }
      break;
    }
    const body = arg.startsWith('--') ? arg.slice(2) : arg.slice(1);
    if (body === '' || body.startsWith('-') || body.startsWith('='))
      throw new UsageError(`bad flag syntax: ${arg}`);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`flag provided but not defined: -${name}`);
    let raw: string | undefined = eq === -1 ? undefined : body.slice(eq + 1);
    if (spec.kind === 'bool') {
      values.set(name, raw === undefined ? true : parseBool(name, raw));
      continue;
    }
    if (raw === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: -${name}`);
      raw = argv[++i] as string;
    }
    if (spec.kind === 'int') {
      if (!/^[-+]?\d+$/.test(raw))
        throw new UsageError(`invalid value ${JSON.stringify(raw)} for flag -${name}: parse error`);
      values.set(name, Number(raw));
    } else if (spec.kind === 'list') {
      const list = values.get(name);
      values.set(name, Array.isArray(list) ? [...list, raw] : [raw]);
    } else {
      values.set(name, raw);
    }
  }
  return { values, args: [...positional, ...argv.slice(i)] };
}

/** Typed reads of parsed flags: a flag of another kind, or an unset one, reads as undefined. */
export interface FlagReader {
  string(name: string): string | undefined;
  bool(name: string): boolean | undefined;
  int(name: string): number | undefined;
  list(name: string): string[] | undefined;
}

/** The typed view of `values`, for a command's `parse*Options` (no casts from the untyped map). */
export function flagReader(values: FlagValues): FlagReader {
  return {
    string: (name) => {
      const value = values.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    bool: (name) => {
      const value = values.get(name);
      return typeof value === 'boolean' ? value : undefined;
    },
    int: (name) => {
      const value = values.get(name);
      return typeof value === 'number' ? value : undefined;
    },
    list: (name) => {
      const value = values.get(name);
      return Array.isArray(value) ? value : undefined;
    },
  };
}

/** Go's `flag.PrintDefaults` layout: sorted, `  -name type` then the usage on the next line. */
export function formatFlagHelp(specs: readonly FlagSpec[]): string {
  const lines: string[] = [];
  for (const spec of [...specs].sort((a, b) => a.name.localeCompare(b.name))) {
    const type = spec.typeName ?? (spec.kind === 'bool' ? '' : spec.kind === 'list' ? 'value' : spec.kind);
    const head = `  -${spec.name}${type ? ` ${type}` : ''}`;
    const defaults = spec.defaultText ? ` (default ${spec.defaultText})` : '';
    const usage = `${spec.usage}${defaults}`;
    lines.push(spec.name.length === 1 && !type ? `${head}\t${usage}` : `${head}\n    \t${usage}`);
  }
  return `${lines.join('\n')}\n`;
}
