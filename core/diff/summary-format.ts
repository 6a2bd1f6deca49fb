/**
 * Text helpers for semantic notes: short values inline, long ones just "changed", and never a
 * value next to a redaction marker.
 */
import type { JsonValue } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { ENCRYPTED, ENCRYPTED_CHANGED, isRedactionMarker } from './redact.ts';

/** Longest value printed inline in a note. */
export const MAX_INLINE = 60;

/** A value as a note prints it, or undefined when it is too long or not a short scalar. */
export function inline(value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    if (value.includes('\n') || value.length > MAX_INLINE) return undefined;
    return value === '' || value.trim() !== value ? JSON.stringify(value) : value;
  }
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  return text.length > MAX_INLINE ? undefined : text;
}

function hidden(...values: (JsonValue | undefined)[]): string | undefined {
  const markers = values.filter(isRedactionMarker) as string[];
  if (markers.length === 0) return undefined;
  return markers.some((m) => m.endsWith(ENCRYPTED) || m.endsWith(ENCRYPTED_CHANGED))
    ? 'encrypted'
    : 'redacted';
}

/** `label: a -> b` (or `label a -> b` with `colon` false), `label changed` for long or hidden values. */
export function changeText(
  label: string,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  colon = true,
): string {
  const secret = hidden(before, after);
  if (secret !== undefined) return `${label} changed (${secret})`;
  if (before === undefined) return addedText(label, after);
  if (after === undefined) return `${label} removed`;
  const a = inline(before);
  const b = inline(after);
  return a !== undefined && b !== undefined ? `${label}${colon ? ':' : ''} ${a} -> ${b}` : `${label} changed`;
}

/** `label added: value`, or `label added` when the value is long, `label added (redacted)` when hidden. */
export function addedText(label: string, value: JsonValue | undefined): string {
  const secret = hidden(value);
  if (secret !== undefined) return `${label} added (${secret})`;
  const text = inline(value);
  return text === undefined ? `${label} added` : `${label} added: ${text}`;
}

/** A note. */
export function note(kind: string, text: string): ChangeNote {
  return { kind, text };
}

/** Names in a note, capped: `a, b, c and 4 more`. */
export function nameList(names: readonly string[], max = 10): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** Result of one summary topic: its notes, and the printed paths it explained (for the generic fallback). */
export interface TopicSummary {
  notes: ChangeNote[];
  covered: string[];
}
