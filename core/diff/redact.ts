/**
 * Secrets never leak: every value that may be secret is replaced by a marker before anything is
 * compared, summarised or printed. Downstream code (summaries, unified diffs) only ever sees the
 * redacted copies, so it cannot print a secret by mistake.
 *
 * Values are compared by their full SHA-256, computed here and never printed (short hashes of
 * low-entropy secrets can be brute-forced): the head side shows `(redacted, changed)` where the
 * base side's value at the same place differed, `(redacted)` otherwise. Encrypted values
 * (SealedSecret, SOPS) show `(encrypted)` / `(encrypted, changed)`: a re-encryption changes the
 * ciphertext even when the plaintext did not, so "changed" is all that can be said.
 *
 * What is redacted (see sensitive-values.ts for the rules): Secret `data`/`stringData` values
 * (any object of kind Secret, also inside Lists and templates), SealedSecret `spec.encryptedData`
 * values, strings starting `ENC[` (SOPS) and a resource's `sops` block, strings holding a PEM
 * private key, `kubectl.kubernetes.io/last-applied-configuration`, `redactPaths`, and values
 * named by `redactKeyPattern` (`{name, value}` entries such as env vars, object keys, `--flag=value`
 * arguments).
 */
import { type JsonValue, type JsonObject, cloneJson } from '../manifests/json-value.ts';
import type { ResolvedDiffOptions } from './diff-options.ts';
import { findSensitiveValues, type SensitiveValue } from './sensitive-values.ts';
import { sha256Hex } from './sha256.ts';

export const REDACTED = '(redacted)';
export const REDACTED_CHANGED = '(redacted, changed)';
export const ENCRYPTED = '(encrypted)';
export const ENCRYPTED_CHANGED = '(encrypted, changed)';

const MARKERS = new Set([REDACTED, REDACTED_CHANGED, ENCRYPTED, ENCRYPTED_CHANGED]);

/** Whether a value is (or ends with, for `--flag=(redacted)`) a redaction marker. */
export function isRedactionMarker(value: JsonValue | undefined): boolean {
  if (typeof value !== 'string') return false;
  if (MARKERS.has(value)) return true;
  const equals = value.indexOf('=');
  return equals !== -1 && MARKERS.has(value.slice(equals + 1));
}

/** Whether a marker says the value changed. */
export function isChangedMarker(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && (value.endsWith(REDACTED_CHANGED) || value.endsWith(ENCRYPTED_CHANGED));
}

interface Redaction {
  /** SHA-256 of the original value (JSON text), to compare with the other side. */
  hash: string;
  apply(changed: boolean): void;
}

function redactSide(object: JsonObject, options: ResolvedDiffOptions): [JsonObject, Map<string, Redaction>] {
  const copy = cloneJson(object);
  const redactions = new Map<string, Redaction>();
  for (const found of findSensitiveValues(copy, options)) redactions.set(found.location, toRedaction(found));
  for (const redaction of redactions.values()) redaction.apply(false);
  return [copy, redactions];
}

function marker(type: SensitiveValue['type'], changed: boolean): string {
  if (type === 'encrypted') return changed ? ENCRYPTED_CHANGED : ENCRYPTED;
  return changed ? REDACTED_CHANGED : REDACTED;
}

function toRedaction(found: SensitiveValue): Redaction {
  const parent = found.parent as Record<string | number, JsonValue>;
  const original = parent[found.key] as JsonValue;
  const line = found.line;
  if (line === undefined) {
    const prefix = found.prefix ?? '';
    return {
      hash: sha256Hex(JSON.stringify(original)),
      apply(changed) {
        parent[found.key] = `${prefix}${marker(found.type, changed)}`;
      },
    };
  }
  const lineCount = String(original).split('\n').length;
  return {
    hash: sha256Hex(String(original).split('\n')[line.index] as string),
    apply(changed) {
      const current = parent[found.key];
      // A rule that hid the whole string has already replaced it: nothing left to hide here.
      if (typeof current !== 'string') return;
      const lines = current.split('\n');
      if (lines.length !== lineCount) return;
      lines[line.index] = `${line.prefix}${marker(found.type, changed)}`;
      parent[found.key] = lines.join('\n');
    },
  };
}

/** One resource, redacted on its own (no "changed" information). */
export function redactResource(object: JsonObject, options: ResolvedDiffOptions): JsonObject {
  return redactSide(object, options)[0];
}

/**
 * Base and head of one resource, redacted together: head values that differ from the base's
 * value at the same place say `changed`. Returns copies; the inputs are not modified.
 */
export function redactPair(
  base: JsonObject | undefined,
  head: JsonObject | undefined,
  options: ResolvedDiffOptions,
): { base: JsonObject | undefined; head: JsonObject | undefined } {
  const left = base === undefined ? undefined : redactSide(base, options);
  const right = head === undefined ? undefined : redactSide(head, options);
  if (left !== undefined && right !== undefined) {
    for (const [location, redaction] of right[1]) {
      const before = left[1].get(location);
      if (before !== undefined && before.hash !== redaction.hash) redaction.apply(true);
    }
  }
  return { base: left?.[0], head: right?.[0] };
}
