/**
 * The one-line notes a reviewer reads for a resource: topic summaries by kind (workloads, config,
 * network, autoscaling, metadata), then a generic `path: a -> b` fallback for the rest. Works on
 * redacted resources only (redact.ts), so no note can hold a secret value.
 */
import type { JsonObject } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { describeAutoscaler, summarizeAutoscaler } from './summary-autoscaling.ts';
import { describeConfig, summarizeConfig } from './summary-config.ts';
import { type TopicSummary } from './summary-format.ts';
import { genericNotes } from './summary-generic.ts';
import { summarizeMetadata } from './summary-metadata.ts';
import { describeNetwork, summarizeNetwork } from './summary-network.ts';
import { describeWorkload, summarizeWorkload } from './summary-workloads.ts';

const TOPICS: ((before: JsonObject, after: JsonObject) => TopicSummary)[] = [
  summarizeWorkload,
  summarizeConfig,
  summarizeNetwork,
  summarizeAutoscaler,
  summarizeMetadata,
];

/** Paths every summary leaves to others: the name (a rename note explains it). */
const ALWAYS_COVERED = ['metadata.name'];

/**
 * Notes on a changed resource, most important first. `maxFieldNotes` caps the generic notes.
 * Both resources must already be redacted.
 */
export function semanticSummary(before: JsonObject, after: JsonObject, maxFieldNotes = 5): ChangeNote[] {
  const notes: ChangeNote[] = [];
  const covered = [...ALWAYS_COVERED];
  for (const topic of TOPICS) {
    const result = topic(before, after);
    notes.push(...result.notes);
    covered.push(...result.covered);
  }
  notes.push(...genericNotes(before, after, covered, maxFieldNotes));
  return notes;
}

/** A short description of an added resource (images, replicas, keys, ports, hosts, bounds). */
export function describeResource(object: JsonObject): ChangeNote[] {
  return [
    ...describeWorkload(object),
    ...describeConfig(object),
    ...describeNetwork(object),
    ...describeAutoscaler(object),
  ];
}
