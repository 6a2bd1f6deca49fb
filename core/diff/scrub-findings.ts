/**
 * The one place where findings are cut free of secrets before they leave core. A message that
 * quotes a manifest (a schema error on a Secret's `data`, a render error quoting a patch) could
 * quote a secret: every value the redaction rules would hide (and, for base64 values, the decoded
 * text) is replaced by `(redacted)`, in every form a message could print it (as is, JSON-escaped,
 * quoted, line by line).
 */
import type { Finding } from '../findings.ts';
import type { JsonValue, JsonObject } from '../manifests/json-value.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import type { ResolvedDiffOptions } from './diff-options.ts';
import { REDACTED } from './redact.ts';
import { findSensitiveValues } from './sensitive-values.ts';

/** Shorter values are not cut: they would match ordinary words (and guessing them is trivial anyway). */
const MIN_LENGTH = 4;

function decoded(value: string): string | undefined {
  try {
    const text = atob(value);
    return /^[\x20-\x7e\t\r\n]+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** A string in each form a message may print it. */
function forms(value: string, out: Set<string>): void {
  out.add(value);
  const json = JSON.stringify(value).slice(1, -1);
  out.add(json);
  out.add(json.replaceAll('\\"', '"').replaceAll("'", "\\'"));
  for (const line of value.split(/\r?\n/)) out.add(line.trim());
}

function texts(value: JsonValue, out: Set<string>): void {
  if (typeof value === 'string') {
    forms(value, out);
    const plain = decoded(value);
    if (plain !== undefined) forms(plain, out);
  } else if (typeof value === 'number') out.add(String(value));
  else if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) texts(item, out);
}

/** Every text that must not appear in a message about these resources, longest first. */
export function secretTexts(objects: Iterable<JsonValue>, options: ResolvedDiffOptions): string[] {
  const secrets = new Set<string>();
  for (const object of objects) {
    if (object === null || typeof object !== 'object' || Array.isArray(object)) continue;
    for (const found of findSensitiveValues(object, options)) {
      const value = (found.parent as Record<string | number, JsonValue>)[found.key] as JsonValue;
      texts(
        typeof value === 'string' && found.prefix !== undefined ? value.slice(found.prefix.length) : value,
        secrets,
      );
    }
  }
  return [...secrets].filter((text) => text.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
}

/** The text with every secret of `cut` replaced by `(redacted)`. */
export function scrubText(text: string, cut: readonly string[]): string {
  let scrubbed = text;
  for (const secret of cut) if (scrubbed.includes(secret)) scrubbed = scrubbed.split(secret).join(REDACTED);
  return scrubbed;
}

/** The findings with their messages scrubbed of `cut`; unchanged findings are returned as they are. */
export function scrubWith(findings: readonly Finding[], cut: readonly string[]): Finding[] {
  if (cut.length === 0) return [...findings];
  return findings.map((finding) => {
    const message = scrubText(finding.message, cut);
    return message === finding.message ? finding : { ...finding, message };
  });
}

function objectsOf(sides: readonly (RenderedEnvironment | undefined)[]): JsonObject[] {
  return sides.flatMap((side) => (side?.resources ?? []).map((resource) => resource.object));
}

/** The findings with every sensitive value of the given environments' resources replaced by `(redacted)`. */
export function scrubFindings(
  findings: readonly Finding[],
  sides: readonly (RenderedEnvironment | undefined)[],
  options: ResolvedDiffOptions,
): Finding[] {
  if (findings.length === 0) return [];
  return scrubWith(findings, secretTexts(objectsOf(sides), options));
}

/** A scrubber for many batches of findings about the same environments (the secrets are found once). */
export function createScrubber(
  sides: readonly (RenderedEnvironment | undefined)[],
  options: ResolvedDiffOptions,
): (findings: readonly Finding[]) => Finding[] {
  let cut: string[] | undefined;
  return (findings) => {
    if (findings.length === 0) return [];
    cut ??= secretTexts(objectsOf(sides), options);
    return scrubWith(findings, cut);
  };
}
