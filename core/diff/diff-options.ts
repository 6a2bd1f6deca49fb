/**
 * Options of the diff engine, as the config gives them, and their parsed form.
 */
import { KubeproofError } from '../errors.ts';
import { type ObjectPath, parsePath } from './object-path.ts';

/**
 * Resources to leave out of the diff. Every given field must match; `*` and `?` are globs
 * (`name: 'cert-manager-*'`), anything else is compared exactly. `namespace: ''` selects
 * cluster-scoped resources.
 */
export interface ResourceSelector {
  kind?: string;
  name?: string;
  namespace?: string;
  /** API group (`apps`, `''` for the core group) or full apiVersion (`apps/v1`). */
  group?: string;
}

/**
 * Redactions always applied, whatever the options: Secret `data`/`stringData` values, SealedSecret
 * `spec.encryptedData` values, SOPS-encrypted strings (`ENC[AES256_GCM,...]`) and the `sops:`
 * block, PEM private keys anywhere, and `kubectl.kubernetes.io/last-applied-configuration`.
 */
export interface DiffOptions {
  /**
   * Fields removed on both sides before comparing (object-path.ts syntax), for example
   * `metadata.annotations["checksum/config"]` or `Deployment:spec.replicas`.
   */
  ignorePaths?: readonly string[];
  /** Resources left out on both sides. */
  ignoreResources?: readonly ResourceSelector[];
  /** Fields whose values are replaced by `(redacted)` (object-path.ts syntax). */
  redactPaths?: readonly string[];
  /**
   * Names whose values are redacted: env vars and other `{name, value}` entries, ConfigMap keys,
   * and any object key holding a string or number (keys ending in `Name`, `Ref`, `Namespace`,
   * `Path` or `File`, which name a reference rather than hold a value, are exempt).
   * Default DEFAULT_REDACT_KEY_PATTERN; `false` turns it off.
   */
  redactKeyPattern?: RegExp | string | false;
  /** Lines of context around each change in unified diffs (default 3). */
  contextLines?: number;
  /** Most generic `field: a -> b` notes per resource before `and N more fields` (default 5). */
  maxFieldNotes?: number;
}

/** The default of `redactKeyPattern`. */
export const DEFAULT_REDACT_KEY_PATTERN =
  /(passw(or)?d|passphrase|secret|token|api[_-]?key|private[_-]?key|credential|auth[_-]?key|access[_-]?key|client[_-]?key|signing[_-]?key|encryption[_-]?key|_pwd$|^pwd$|dsn$|connection[_-]?string)/i;

/** DiffOptions with paths parsed and defaults filled in. */
export interface ResolvedDiffOptions {
  resolved: true;
  ignorePaths: ObjectPath[];
  ignoreResources: readonly ResourceSelector[];
  redactPaths: ObjectPath[];
  redactKeyPattern: RegExp | undefined;
  contextLines: number;
  maxFieldNotes: number;
}

/** `redactKeyPattern` is not a regular expression. */
export class InvalidRedactPatternError extends KubeproofError {
  override name = 'InvalidRedactPatternError';
  readonly pattern: string;
  constructor(pattern: string, reason: string) {
    super(`invalid redactKeyPattern ${JSON.stringify(pattern)}: ${reason}`);
    this.pattern = pattern;
  }
}

function keyPattern(pattern: RegExp | string | false | undefined): RegExp | undefined {
  if (pattern === false) return undefined;
  if (pattern === undefined) return DEFAULT_REDACT_KEY_PATTERN;
  // Without g or y, test() keeps no state between calls.
  if (typeof pattern !== 'string') return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  try {
    return new RegExp(pattern, 'i');
  } catch (error) {
    throw new InvalidRedactPatternError(pattern, error instanceof Error ? error.message : String(error));
  }
}

/** Parses the paths of the options (throws InvalidPathError on a bad one) and fills in defaults. */
export function resolveDiffOptions(options: DiffOptions | ResolvedDiffOptions = {}): ResolvedDiffOptions {
  if (isResolved(options)) return options;
  return {
    resolved: true,
    ignorePaths: (options.ignorePaths ?? []).map(parsePath),
    ignoreResources: options.ignoreResources ?? [],
    redactPaths: (options.redactPaths ?? []).map(parsePath),
    redactKeyPattern: keyPattern(options.redactKeyPattern),
    contextLines: options.contextLines ?? 3,
    maxFieldNotes: options.maxFieldNotes ?? 5,
  };
}

function isResolved(options: DiffOptions | ResolvedDiffOptions): options is ResolvedDiffOptions {
  return (options as Partial<ResolvedDiffOptions>).resolved === true;
}
