/**
 * Notes on HorizontalPodAutoscalers: replica bounds.
 */
import { type JsonObject, objectAt } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { inline, note, valueNote, type TopicSummary } from './summary-format.ts';

/** Min and max replicas of a changed HPA. */
export function summarizeAutoscaler(before: JsonObject, after: JsonObject): TopicSummary {
  if (after.kind !== 'HorizontalPodAutoscaler') return { notes: [], covered: [] };
  const notes: ChangeNote[] = [];
  for (const [field, label] of [
    ['minReplicas', 'min replicas'],
    ['maxReplicas', 'max replicas'],
  ] as const) {
    const a = objectAt(before, 'spec')?.[field];
    const b = objectAt(after, 'spec')?.[field];
    if (a !== b) notes.push(valueNote('hpa', label, a ?? 'unset', b ?? 'unset', { colon: false }));
  }
  return { notes, covered: ['spec.minReplicas', 'spec.maxReplicas'] };
}

/** The replica bounds of an added HPA. */
export function describeAutoscaler(object: JsonObject): ChangeNote[] {
  if (object.kind !== 'HorizontalPodAutoscaler') return [];
  const spec = objectAt(object, 'spec');
  return [
    note(
      'hpa',
      `min replicas ${inline(spec?.minReplicas) ?? '1'}, max replicas ${inline(spec?.maxReplicas) ?? '?'}`,
    ),
  ];
}
