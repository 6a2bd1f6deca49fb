/**
 * Text helpers for semantic notes: short values inline, long ones just "changed", and never a
 * value next to a redaction marker.
 */
import type { JsonValue } from '../manifests/json-value.ts';
import type { ChangeNote, NoteParts } from './types.ts';
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
  const values = printedPair(before, after);
  return values === undefined
    ? `${label} changed`
    : `${label}${colon ? ':' : ''} ${values.from} -> ${values.to}${values.suffix}`;
}

function typeName(value: JsonValue): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value === 'object' ? 'mapping' : typeof value;
}

/**
 * Two values as a note prints them, or undefined when one is too long. When they would print the
 * same (`8080` and `"8080"`), the type changed: both are JSON-quoted and the suffix names the types.
 */
export function printedPair(
  before: JsonValue,
  after: JsonValue,
): { from: string; to: string; suffix: string } | undefined {
  const a = inline(before);
  const b = inline(after);
  if (a === undefined || b === undefined) return undefined;
  if (a !== b) return { from: a, to: b, suffix: '' };
  const from = JSON.stringify(before);
  const to = JSON.stringify(after);
  return { from, to, suffix: ` (${typeName(before)} -> ${typeName(after)})` };
}

/**
 * A value-change note with its parts: `text` as changeText writes it (`label subject: a -> b`),
 * `parts` when both values are printed and neither is hidden. `suffix` follows the whole note.
 */
export function valueNote(
  kind: string,
  label: string,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  options: { subject?: string; colon?: boolean; suffix?: string } = {},
): ChangeNote {
  const { subject, colon = true, suffix = '' } = options;
  const words = [label, subject].filter((word) => word !== undefined && word !== '').join(' ');
  const text = `${changeText(words, before, after, colon)}${suffix}`;
  if (after === undefined || hidden(before, after) !== undefined) return { kind, text };
  if (before === undefined) {
    const to = inline(after);
    if (to === undefined) return { kind, text };
    return {
      kind,
      text,
      parts: {
        label,
        ...(subject === undefined ? {} : { subject }),
        to,
        ...(suffix === '' ? {} : { suffix }),
      },
    };
  }
  const values = printedPair(before, after);
  if (values === undefined) return { kind, text };
  const parts: NoteParts = { label, from: values.from, to: values.to };
  if (subject !== undefined) parts.subject = subject;
  if (values.suffix + suffix !== '') parts.suffix = values.suffix + suffix;
  return { kind, text, parts };
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
