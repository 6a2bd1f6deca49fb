/**
 * Render findings are passed through to the diff; a message that quotes a manifest could quote a
 * secret. Before they are returned, every value the redaction rules would hide (and, for Secret
 * `data`, its decoded text) is cut out of their messages.
 */
import type { Finding } from '../findings.ts';
import type { JsonValue } from '../manifests/resolve-scalar.ts';
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

function texts(value: JsonValue, out: Set<string>): void {
  if (typeof value === 'string') {
    out.add(value);
    const plain = decoded(value);
    if (plain !== undefined) out.add(plain);
    for (const line of value.split('\n')) out.add(line.trim());
  } else if (typeof value === 'number') out.add(String(value));
  else if (Array.isArray(value)) for (const item of value) texts(item, out);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) texts(item, out);
}

/** The findings with every sensitive value of the given environments' resources replaced by `(redacted)`. */
export function scrubFindings(
  findings: readonly Finding[],
  sides: readonly (RenderedEnvironment | undefined)[],
  options: ResolvedDiffOptions,
): Finding[] {
  if (findings.length === 0) return [];
  const secrets = new Set<string>();
  for (const side of sides) {
    for (const resource of side?.resources ?? []) {
      for (const found of findSensitiveValues(resource.object, options)) {
        const value = (found.parent as Record<string | number, JsonValue>)[found.key] as JsonValue;
        texts(
          typeof value === 'string' && found.prefix !== undefined ? value.slice(found.prefix.length) : value,
          secrets,
        );
      }
    }
  }
  const cut = [...secrets].filter((text) => text.length >= MIN_LENGTH).sort((a, b) => b.length - a.length);
  if (cut.length === 0) return [...findings];
  return findings.map((finding) => {
    let message = finding.message;
    for (const text of cut) if (message.includes(text)) message = message.split(text).join(REDACTED);
    return message === finding.message ? finding : { ...finding, message };
  });
}
