/**
 * Notes on ConfigMaps (keys with short values shown), Secrets (keys only: values are redacted
 * markers by now) and SealedSecrets (encrypted keys).
 */
import { type JsonValue, type JsonObject, jsonEqual, objectAt } from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { isChangedMarker } from './redact.ts';
import { addedText, nameList, note, valueNote, type TopicSummary } from './summary-format.ts';

function configMapNotes(before: JsonObject, after: JsonObject): ChangeNote[] {
  const notes: ChangeNote[] = [];
  for (const field of ['data', 'binaryData']) {
    const binary = field === 'binaryData';
    const a = objectAt(before, field) ?? {};
    const b = objectAt(after, field) ?? {};
    for (const key of Object.keys(a)) if (!(key in b)) notes.push(note('config-key', `key ${key} removed`));
    for (const [key, value] of Object.entries(b)) {
      if (!(key in a))
        notes.push(note('config-key', binary ? `key ${key} added (binary)` : addedText(`key ${key}`, value)));
      else if (!jsonEqual(a[key], value))
        notes.push(
          binary
            ? note('config-key', `key ${key} changed (binary)`)
            : valueNote('config-key', 'key', a[key], value, { subject: key }),
        );
    }
  }
  return notes;
}

/** Each key of a Secret and the field it is in (`data` or `stringData`), with its (redacted) value. */
function secretKeys(object: JsonObject): Map<string, { field: string; value: JsonValue }> {
  const keys = new Map<string, { field: string; value: JsonValue }>();
  for (const field of ['data', 'stringData']) {
    for (const [key, value] of Object.entries(objectAt(object, field) ?? {})) keys.set(key, { field, value });
  }
  return keys;
}

function secretNotes(
  before: JsonObject,
  after: JsonObject,
  word: string,
  keysOf: typeof secretKeys,
): ChangeNote[] {
  const a = keysOf(before);
  const b = keysOf(after);
  const notes: ChangeNote[] = [];
  const unchanged: string[] = [];
  for (const key of a.keys()) if (!b.has(key)) notes.push(note('secret-key', `${word} ${key} removed`));
  for (const [key, entry] of b) {
    const old = a.get(key);
    if (old === undefined) notes.push(note('secret-key', `${word} ${key} added`));
    else if (old.field !== entry.field || isChangedMarker(entry.value) || !jsonEqual(old.value, entry.value))
      notes.push(note('secret-key', `${word} ${key} changed`));
    else unchanged.push(key);
  }
  if (notes.length > 0 && unchanged.length > 0)
    notes.push(note('secret-key', `${word}s unchanged: ${nameList(unchanged)}`));
  return notes;
}

function sealedKeys(object: JsonObject): Map<string, { field: string; value: JsonValue }> {
  const keys = new Map<string, { field: string; value: JsonValue }>();
  for (const [key, value] of Object.entries(objectAt(object, 'spec', 'encryptedData') ?? {}))
    keys.set(key, { field: 'encryptedData', value });
  return keys;
}

/** Key notes of ConfigMaps, Secrets and SealedSecrets. */
export function summarizeConfig(before: JsonObject, after: JsonObject): TopicSummary {
  if (after.kind === 'ConfigMap')
    return { notes: configMapNotes(before, after), covered: ['data', 'binaryData'] };
  if (after.kind === 'Secret')
    return { notes: secretNotes(before, after, 'secret key', secretKeys), covered: ['data', 'stringData'] };
  if (after.kind === 'SealedSecret')
    return {
      notes: secretNotes(before, after, 'encrypted key', sealedKeys),
      covered: ['spec.encryptedData'],
    };
  return { notes: [], covered: [] };
}

/** The keys of an added ConfigMap, Secret or SealedSecret. */
export function describeConfig(object: JsonObject): ChangeNote[] {
  const keys =
    object.kind === 'ConfigMap'
      ? [...Object.keys(objectAt(object, 'data') ?? {}), ...Object.keys(objectAt(object, 'binaryData') ?? {})]
      : object.kind === 'Secret'
        ? [...secretKeys(object).keys()]
        : object.kind === 'SealedSecret'
          ? [...sealedKeys(object).keys()]
          : undefined;
  if (keys === undefined || keys.length === 0) return [];
  const kind = object.kind === 'ConfigMap' ? 'config-key' : 'secret-key';
  return [
    note(
      kind,
      object.kind === 'ConfigMap'
        ? `keys ${nameList(keys)}`
        : `secret keys ${nameList(keys)} (values hidden)`,
    ),
  ];
}
