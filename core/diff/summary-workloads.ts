/**
 * Notes on workloads: replicas and the containers of their pod template.
 */
import { type JsonObject, arrayAt, objectAt, stringAt } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { inline, note, valueNote, type TopicSummary } from './summary-format.ts';
import { summarizeContainers } from './summary-containers.ts';

/** The keys from the resource to its pod spec, or undefined when it has none. */
export function podSpecKeys(object: JsonObject): string[] | undefined {
  const candidates = [
    ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    ['spec', 'template', 'spec'],
  ];
  for (const keys of candidates) if (objectAt(object, ...keys) !== undefined) return keys;
  return object.kind === 'Pod' && objectAt(object, 'spec') !== undefined ? ['spec'] : undefined;
}

/** Replicas and container notes of a changed workload. */
export function summarizeWorkload(before: JsonObject, after: JsonObject): TopicSummary {
  const notes: ChangeNote[] = [];
  const covered: string[] = [];
  const a = objectAt(before, 'spec')?.replicas;
  const b = objectAt(after, 'spec')?.replicas;
  if (a !== b) {
    notes.push(
      b === undefined
        ? note('replicas', `replicas unset (was ${inline(a) ?? '?'})`)
        : valueNote('replicas', 'replicas', a ?? 'unset', b, { colon: false }),
    );
    covered.push('spec.replicas');
  }
  const keys = podSpecKeys(after) ?? podSpecKeys(before);
  if (keys === undefined) return { notes, covered };
  const result = summarizeContainers(
    objectAt(before, ...keys) ?? {},
    objectAt(after, ...keys) ?? {},
    keys.join('.'),
  );
  return { notes: [...notes, ...result.notes], covered: [...covered, ...result.covered] };
}

/** What an added workload runs: its images and replicas. */
export function describeWorkload(object: JsonObject): ChangeNote[] {
  const notes: ChangeNote[] = [];
  const keys = podSpecKeys(object);
  if (keys !== undefined) {
    const containers = arrayAt(objectAt(object, ...keys), 'containers');
    const images = containers.map((c) => [stringAt(c, 'name') ?? '?', stringAt(c, 'image') ?? '?'] as const);
    if (images.length === 1) notes.push(note('image', `image ${images[0]?.[1] ?? '?'}`));
    else if (images.length > 1)
      notes.push(note('image', `images ${images.map(([n, i]) => `${n}=${i}`).join(', ')}`));
  }
  const replicas = objectAt(object, 'spec')?.replicas;
  if (replicas !== undefined) notes.push(note('replicas', `replicas ${inline(replicas) ?? '?'}`));
  const schedule = stringAt(object, 'spec', 'schedule');
  if (object.kind === 'CronJob' && schedule !== undefined)
    notes.push(note('schedule', `schedule ${schedule}`));
  return notes;
}
