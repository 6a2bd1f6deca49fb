/**
 * Notes about the containers of a pod spec: images, env, envFrom, resources, ports, and
 * containers added or removed.
 */
import {
  type JsonValue,
  type JsonObject,
  arrayAt,
  isJsonObject,
  jsonEqual,
  objectAt,
  stringAt,
} from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { formatStep, joinSteps } from './object-path.ts';
import { fieldChanges } from './summary-generic.ts';
import { stripHashSuffix } from './resource-identity.ts';
import { splitImage } from '../manifests/image-reference.ts';
import { inline, note, valueNote, type TopicSummary } from './summary-format.ts';

const LISTS = [
  ['initContainers', 'init container'],
  ['containers', 'container'],
] as const;

/** The elements of an array that have a string `name`, by name (the last one wins, as in Kubernetes). */
export function byName(items: readonly JsonValue[]): Map<string, JsonObject> {
  const map = new Map<string, JsonObject>();
  for (const item of items) if (isJsonObject(item) && typeof item.name === 'string') map.set(item.name, item);
  return map;
}

/** An env var's value as a note prints it: its value, or where it comes from. */
export function envValue(entry: JsonObject | undefined): JsonValue | undefined {
  if (entry === undefined) return undefined;
  const from = objectAt(entry, 'valueFrom');
  if (from === undefined) return entry.value ?? '';
  const secret = objectAt(from, 'secretKeyRef');
  if (secret !== undefined)
    return `secretKeyRef ${stringAt(secret, 'name') ?? '?'}/${stringAt(secret, 'key') ?? '?'}`;
  const config = objectAt(from, 'configMapKeyRef');
  if (config !== undefined)
    return `configMapKeyRef ${stringAt(config, 'name') ?? '?'}/${stringAt(config, 'key') ?? '?'}`;
  const field = objectAt(from, 'fieldRef');
  if (field !== undefined) return `fieldRef ${stringAt(field, 'fieldPath') ?? '?'}`;
  const resource = objectAt(from, 'resourceFieldRef');
  if (resource !== undefined) return `resourceFieldRef ${stringAt(resource, 'resource') ?? '?'}`;
  return 'valueFrom';
}

function envNotes(before: JsonObject, after: JsonObject, suffix: string): ChangeNote[] {
  const a = byName(arrayAt(before, 'env'));
  const b = byName(arrayAt(after, 'env'));
  const notes: ChangeNote[] = [];
  for (const name of a.keys()) if (!b.has(name)) notes.push(note('env', `env ${name} removed${suffix}`));
  for (const [name, entry] of b) {
    const old = a.get(name);
    if (old === undefined)
      notes.push(valueNote('env', 'env', undefined, envValue(entry), { subject: name, suffix }));
    else if (!jsonEqual(old, entry))
      notes.push(valueNote('env', 'env', envValue(old), envValue(entry), { subject: name, suffix }));
  }
  return notes;
}

interface EnvSource {
  /** `secret db` or `configmap web-config-5h7k2m9b4c`, with its prefix. */
  text: string;
  /** The same without a kustomize hash suffix, to pair a renamed generated source. */
  stem: string;
}

function envSource(item: JsonValue): EnvSource {
  if (!isJsonObject(item)) return { text: String(inline(item) ?? 'entry'), stem: '' };
  const prefix = typeof item.prefix === 'string' ? ` (prefix ${item.prefix})` : '';
  const secret = stringAt(item, 'secretRef', 'name');
  const kind = secret === undefined ? 'configmap' : 'secret';
  const name = secret ?? stringAt(item, 'configMapRef', 'name') ?? '?';
  return { text: `${kind} ${name}${prefix}`, stem: `${kind} ${stripHashSuffix(name)}${prefix}` };
}

function envFromNotes(before: JsonObject, after: JsonObject, suffix: string): ChangeNote[] {
  const a = arrayAt(before, 'envFrom').map(envSource);
  const b = arrayAt(after, 'envFrom').map(envSource);
  const removed = a.filter((x) => !b.some((y) => y.text === x.text));
  const added = b.filter((x) => !a.some((y) => y.text === x.text));
  const notes: ChangeNote[] = [];
  for (const source of removed) {
    const renamed = added.findIndex((x) => x.stem === source.stem);
    if (renamed === -1) {
      notes.push(note('env', `envFrom ${source.text} removed${suffix}`));
      continue;
    }
    const [to] = added.splice(renamed, 1) as [EnvSource];
    notes.push(note('env', `envFrom ${source.text} -> ${to.text.slice(to.text.indexOf(' ') + 1)}${suffix}`));
  }
  for (const source of added) notes.push(note('env', `envFrom ${source.text} added${suffix}`));
  return notes;
}

const RESOURCE_LABELS: Record<string, string> = { cpu: 'CPU', memory: 'memory' };

function resourceNotes(before: JsonObject, after: JsonObject, suffix: string): ChangeNote[] {
  const notes: ChangeNote[] = [];
  for (const [field, word] of [
    ['requests', 'request'],
    ['limits', 'limit'],
  ] as const) {
    const a = objectAt(before, 'resources', field) ?? {};
    const b = objectAt(after, 'resources', field) ?? {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (jsonEqual(a[name], b[name])) continue;
      const label = `${RESOURCE_LABELS[name] ?? name} ${word}`;
      notes.push(
        b[name] === undefined
          ? note('resources', `${label} removed (was ${inline(a[name]) ?? '?'})${suffix}`)
          : valueNote('resources', label, a[name], b[name], { colon: false, suffix }),
      );
    }
  }
  return notes;
}

function portKey(port: JsonObject): string {
  if (typeof port.name === 'string') return port.name;
  return `${String(port.containerPort)}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
}

function portText(port: JsonObject): string {
  return `${String(port.containerPort)}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
}

/** A changed port: its new text, or, when that reads the same (`8080` became `"8080"`), each field. */
function portChange(key: string, old: JsonObject, port: JsonObject, suffix: string): ChangeNote[] {
  if (portText(old) !== portText(port))
    return [valueNote('port', 'port', portText(old), portText(port), { subject: key, suffix })];
  return fieldChanges(old, port).map((change) =>
    valueNote('port', `port ${key}`, change.before, change.after, { subject: change.path, suffix }),
  );
}

function portNotes(before: JsonObject, after: JsonObject, suffix: string): ChangeNote[] {
  const index = (c: JsonObject): Map<string, JsonObject> =>
    new Map(
      arrayAt(c, 'ports')
        .filter(isJsonObject)
        .map((p) => [portKey(p), p]),
    );
  const a = index(before);
  const b = index(after);
  const notes: ChangeNote[] = [];
  for (const [key, port] of a)
    if (!b.has(key)) notes.push(note('port', `port ${portText(port)} removed${suffix}`));
  for (const [key, port] of b) {
    const old = a.get(key);
    if (old === undefined) notes.push(note('port', `port ${portText(port)} added${suffix}`));
    else if (!jsonEqual(old, port)) notes.push(...portChange(key, old, port, suffix));
  }
  return notes;
}

/** The version part of an image reference: `1.4.2`, `@sha256:…`, `1.4.2@sha256:…`, empty when none. */
function version(parts: { tag: string; digest: string }): string {
  return `${parts.tag}${parts.digest === '' ? '' : `@${parts.digest}`}`;
}

/** `image ghcr.io/acme/web 1.3.0 -> 1.4.2` (the repository once) when only the version changed. */
function imageNote(before: JsonValue | undefined, after: JsonValue | undefined, suffix: string): ChangeNote {
  if (typeof before === 'string' && typeof after === 'string') {
    const a = splitImage(before);
    const b = splitImage(after);
    const from = version(a) || 'latest';
    const to = version(b) || 'latest';
    if (a.name === b.name && from !== to) {
      const text = `image ${a.name} ${from} -> ${to}${suffix}`;
      return {
        kind: 'image',
        text,
        parts: { label: 'image', subject: a.name, from, to, ...(suffix === '' ? {} : { suffix }) },
      };
    }
  }
  return valueNote('image', 'image', before, after, { colon: false, suffix });
}

/** Container fields these notes explain (the generic fallback leaves them out). */
const EXPLAINED = ['image', 'env', 'envFrom', 'resources', 'ports'];

/** Notes on the containers of two pod specs; `prefix` is the printed path of the pod spec. */
export function summarizeContainers(before: JsonObject, after: JsonObject, prefix: string): TopicSummary {
  const notes: ChangeNote[] = [];
  const covered: string[] = [];
  const total = new Set(
    LISTS.flatMap(([list]) =>
      [...arrayAt(before, list), ...arrayAt(after, list)].map((c) => `${list}/${stringAt(c, 'name')}`),
    ),
  ).size;
  for (const [list, word] of LISTS) {
    const a = byName(arrayAt(before, list));
    const b = byName(arrayAt(after, list));
    // A whole list added or removed is explained by its container notes.
    if ((before[list] === undefined) !== (after[list] === undefined))
      covered.push(joinSteps([prefix, formatStep(list)]));
    for (const [name, container] of b) {
      const path = joinSteps([prefix, formatStep(list), formatStep(0, container)]);
      const suffix = total > 1 || list === 'initContainers' ? ` (${word} ${name})` : '';
      const old = a.get(name);
      if (old === undefined) {
        const image = stringAt(container, 'image');
        notes.push(note('container', `new ${word} ${name}${image === undefined ? '' : ` (${image})`}`));
        covered.push(path);
        continue;
      }
      covered.push(...EXPLAINED.map((field) => `${path}.${field}`));
      if (old.image !== container.image) notes.push(imageNote(old.image, container.image, suffix));
      notes.push(
        ...envNotes(old, container, suffix),
        ...envFromNotes(old, container, suffix),
        ...resourceNotes(old, container, suffix),
        ...portNotes(old, container, suffix),
      );
    }
    for (const [name, container] of a) {
      if (b.has(name)) continue;
      notes.push(note('container', `${word} ${name} removed`));
      covered.push(joinSteps([prefix, formatStep(list), formatStep(0, container)]));
    }
  }
  return { notes, covered };
}
