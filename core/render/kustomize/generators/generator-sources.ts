import type { FileSource } from '../../../files/file-source.ts';
import { parseEnvFile } from './env-file.ts';
import { decodeUtf8 } from './generator-encoding.ts';
import { goPathBase, readGeneratorFile } from './generator-paths.ts';
import type { GeneratorArgs, KeyValuePair } from './generator-types.ts';

type Loaded = { pairs: KeyValuePair[] } | { error: string };

/** Go's `%v` of a string slice, which kustomize's messages use. */
function list(items: string[]): string {
  return `[${items.join(' ')}]`;
}

/** Removes one pair of matching surrounding quotes (`"` or `'`), as kustomize's removeQuotes. */
function removeQuotes(value: string): string {
  if (value.length < 2 || value[0] !== value[value.length - 1]) return value;
  return value[0] === '"' || value[0] === "'" ? value.slice(1, -1) : value;
}

/** A `KEY=value` literal: the key must not be empty, the value may hold `=` and may be empty. */
export function parseLiteral(source: string): KeyValuePair | { error: string } {
  const equals = source.indexOf('=');
  // kustomize quotes the whole entry here; it may be a secret typed without its key, so it is not shown.
  if (equals <= 0)
    return {
      error: `invalid literal source (${equals === 0 ? 'no key before "="' : 'no "="'}; the entry is not shown, it may hold a secret), expected key=value`,
    };
  return { key: source.slice(0, equals), value: removeQuotes(source.slice(equals + 1)) };
}

/** A `files` entry: `path` (its last element is the key) or `key=path`. */
export function parseFileSource(source: string): { key: string; path: string } | { error: string } {
  const equals = source.indexOf('=');
  if (equals === -1) return { key: goPathBase(source), path: source };
  if (equals === 0) {
    const path = source.slice(1);
    return {
      error: `missing key name for file path ${JSON.stringify(path)} in source ${JSON.stringify(source)}`,
    };
  }
  const key = source.slice(0, equals);
  const path = source.slice(equals + 1);
  if (path.includes('=') && !/^https?:\/\//.test(path))
    return { error: `source ${JSON.stringify(source)} key name or file path contains '='` };
  if (path === '')
    return {
      error: `missing file path for key name ${JSON.stringify(key)} in source ${JSON.stringify(source)}`,
    };
  return { key, path };
}

async function loadEnvs(paths: string[], dir: string, files: FileSource): Promise<Loaded> {
  const pairs: KeyValuePair[] = [];
  for (const path of paths) {
    const read = await readGeneratorFile(dir, path, files);
    const parsed = 'error' in read ? read : parseEnvFile(read.bytes);
    if ('error' in parsed) return { error: `env source files: ${list(paths)}: ${parsed.error}` };
    pairs.push(...parsed.pairs);
  }
  return { pairs };
}

function loadLiterals(literals: string[]): Loaded {
  const pairs: KeyValuePair[] = [];
  for (const literal of literals) {
    const pair = parseLiteral(literal);
    if ('error' in pair)
      return {
        error: `literal source ${literals.indexOf(literal) + 1} of ${literals.length}: ${pair.error}`,
      };
    pairs.push(pair);
  }
  return { pairs };
}

async function loadFiles(sources: string[], dir: string, files: FileSource): Promise<Loaded> {
  const pairs: KeyValuePair[] = [];
  for (const source of sources) {
    const parsed = parseFileSource(source);
    if ('error' in parsed) return { error: `file sources: ${list(sources)}: ${parsed.error}` };
    const read = await readGeneratorFile(dir, parsed.path, files);
    if ('error' in read) return { error: `file sources: ${list(sources)}: ${read.error}` };
    pairs.push({ key: parsed.key, value: decodeUtf8(read.bytes) ?? read.bytes });
  }
  return { pairs };
}

/**
 * The key/value pairs of a generator entry, in kustomize's order: env files (`envs`, then the
 * legacy `env`), then literals, then files. A file that is not valid UTF-8 keeps its bytes.
 */
export async function loadKeyValuePairs(
  args: GeneratorArgs,
  dir: string,
  files: FileSource,
): Promise<Loaded> {
  const envs = [...(args.envs ?? []), ...(args.env !== undefined && args.env !== '' ? [args.env] : [])];
  const all: KeyValuePair[] = [];
  for (const step of [
    () => loadEnvs(envs, dir, files),
    () => loadLiterals(args.literals ?? []),
    () => loadFiles(args.files ?? [], dir, files),
  ]) {
    const loaded = await step();
    if ('error' in loaded) return { error: `loading KV pairs: ${loaded.error}` };
    all.push(...loaded.pairs);
  }
  return { pairs: all };
}
