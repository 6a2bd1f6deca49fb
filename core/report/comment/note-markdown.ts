import type { ChangeNote } from '../../diff/types.ts';
import { codeSpan, escapeMarkdown } from './escape-markdown.ts';

/** Text with the `->` of `1.2 -> 1.3` drawn as an arrow, each piece escaped. */
export function arrowText(text: string): string {
  return text.split(' -> ').map(escapeMarkdown).join(' → ');
}

/**
 * A change note as markdown: a value change with its values as code, the subject (an image
 * repository, a key, a field path) once, as code too: image `ghcr.io/acme/web` `1.3.0` → `1.4.2`.
 * Other notes are their escaped text.
 */
export function noteMarkdown(note: ChangeNote): string {
  const parts = note.parts;
  if (parts === undefined) return arrowText(note.text);
  const words = [
    ...(parts.label === '' ? [] : [escapeMarkdown(parts.label)]),
    ...(parts.subject === undefined ? [] : [codeSpan(parts.subject)]),
  ];
  const values =
    parts.from === undefined
      ? `added: ${codeSpan(parts.to)}`
      : `${codeSpan(parts.from)} → ${codeSpan(parts.to)}`;
  return `${[...words, values].join(' ')}${arrowText(parts.suffix ?? '')}`;
}
