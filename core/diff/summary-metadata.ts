/**
 * Notes on labels and annotations (what remains after the ignore rules).
 */
import { type JsonObject, jsonEqual, objectAt } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { note, valueNote, type TopicSummary } from './summary-format.ts';

function mapNotes(kind: string, before: JsonObject, after: JsonObject): ChangeNote[] {
  const notes: ChangeNote[] = [];
  for (const key of Object.keys(before))
    if (!(key in after)) notes.push(note(kind, `${kind} ${key} removed`));
  for (const [key, value] of Object.entries(after)) {
    if (!jsonEqual(before[key], value))
      notes.push(valueNote(kind, kind, before[key], value, { subject: key }));
  }
  return notes;
}

/** Labels and annotations added, removed or changed. */
export function summarizeMetadata(before: JsonObject, after: JsonObject): TopicSummary {
  return {
    notes: [
      ...mapNotes(
        'label',
        objectAt(before, 'metadata', 'labels') ?? {},
        objectAt(after, 'metadata', 'labels') ?? {},
      ),
      ...mapNotes(
        'annotation',
        objectAt(before, 'metadata', 'annotations') ?? {},
        objectAt(after, 'metadata', 'annotations') ?? {},
      ),
    ],
    covered: ['metadata.labels', 'metadata.annotations'],
  };
}
