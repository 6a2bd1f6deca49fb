/**
 * Notes on Services (type and ports) and Ingresses (hosts and paths).
 */
import {
  type JsonObject,
  arrayAt,
  isJsonObject,
  jsonEqual,
  objectAt,
  stringAt,
} from '../manifests/json-value.ts';
import type { ChangeNote } from './types.ts';
import { changeText, nameList, note, valueNote, type TopicSummary } from './summary-format.ts';
import { fieldChanges } from './summary-generic.ts';

function servicePortText(port: JsonObject): string {
  const protocol = typeof port.protocol === 'string' && port.protocol !== 'TCP' ? `/${port.protocol}` : '';
  const extra = [
    ...(port.targetPort === undefined ? [] : [`target ${String(port.targetPort)}`]),
    ...(port.nodePort === undefined ? [] : [`node port ${String(port.nodePort)}`]),
  ];
  return `${String(port.port)}${protocol}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

function servicePorts(object: JsonObject): Map<string, string> {
  return new Map([...servicePortObjects(object)].map(([key, port]) => [key, servicePortText(port)]));
}

function servicePortObjects(object: JsonObject): Map<string, JsonObject> {
  const ports = new Map<string, JsonObject>();
  for (const port of arrayAt(object, 'spec', 'ports').filter(isJsonObject)) {
    const key =
      typeof port.name === 'string'
        ? port.name
        : `${String(port.port)}/${stringAt(port, 'protocol') ?? 'TCP'}`;
    ports.set(key, port);
  }
  return ports;
}

function serviceNotes(before: JsonObject, after: JsonObject): ChangeNote[] {
  const notes: ChangeNote[] = [];
  const typeA = stringAt(before, 'spec', 'type') ?? 'ClusterIP';
  const typeB = stringAt(after, 'spec', 'type') ?? 'ClusterIP';
  if (typeA !== typeB) notes.push(note('service-type', changeText('type', typeA, typeB, false)));
  const a = servicePortObjects(before);
  const b = servicePortObjects(after);
  for (const key of a.keys()) if (!b.has(key)) notes.push(note('service-port', `port ${key} removed`));
  for (const [key, port] of b) {
    const old = a.get(key);
    const text = servicePortText(port);
    if (old === undefined) notes.push(note('service-port', `port ${key} added: ${text}`));
    else if (servicePortText(old) !== text)
      notes.push(valueNote('service-port', 'port', servicePortText(old), text, { subject: key }));
    else if (!jsonEqual(old, port))
      // The same text, other values: a type changed (`8080` became `"8080"`).
      for (const change of fieldChanges(old, port))
        notes.push(
          valueNote('service-port', `port ${key}`, change.before, change.after, { subject: change.path }),
        );
  }
  return notes;
}

function backendText(backend: JsonObject | undefined): string {
  const service = objectAt(backend, 'service');
  if (service === undefined) return stringAt(backend, 'resource', 'name') ?? '?';
  const port = objectAt(service, 'port');
  const portText = port?.number ?? port?.name;
  return `${stringAt(service, 'name') ?? '?'}${portText === undefined ? '' : `:${String(portText)}`}`;
}

/** Host -> (path -> backend) of an Ingress. */
function routes(object: JsonObject): Map<string, Map<string, string>> {
  const hosts = new Map<string, Map<string, string>>();
  for (const rule of arrayAt(object, 'spec', 'rules').filter(isJsonObject)) {
    const host = stringAt(rule, 'host') ?? '*';
    const paths = hosts.get(host) ?? new Map<string, string>();
    for (const path of arrayAt(rule, 'http', 'paths').filter(isJsonObject))
      paths.set(stringAt(path, 'path') ?? '/', backendText(objectAt(path, 'backend')));
    hosts.set(host, paths);
  }
  return hosts;
}

function ingressNotes(before: JsonObject, after: JsonObject): ChangeNote[] {
  const notes: ChangeNote[] = [];
  const a = routes(before);
  const b = routes(after);
  for (const host of a.keys()) if (!b.has(host)) notes.push(note('ingress-host', `host ${host} removed`));
  for (const [host, paths] of b) {
    const old = a.get(host);
    if (old === undefined) {
      notes.push(
        note(
          'ingress-host',
          `host ${host} added (${nameList(
            [...paths].map(([p, s]) => `${p} -> ${s}`),
            5,
          )})`,
        ),
      );
      continue;
    }
    for (const path of old.keys())
      if (!paths.has(path)) notes.push(note('ingress-path', `path ${host}${path} removed`));
    for (const [path, backend] of paths) {
      const previous = old.get(path);
      if (previous === undefined) notes.push(note('ingress-path', `path ${host}${path} added (${backend})`));
      else if (previous !== backend)
        notes.push(note('ingress-path', `path ${host}${path}: ${previous} -> ${backend}`));
    }
  }
  return notes;
}

/** Service type and ports, Ingress hosts and paths. */
export function summarizeNetwork(before: JsonObject, after: JsonObject): TopicSummary {
  if (after.kind === 'Service')
    return { notes: serviceNotes(before, after), covered: ['spec.type', 'spec.ports'] };
  if (after.kind === 'Ingress') return { notes: ingressNotes(before, after), covered: ['spec.rules'] };
  return { notes: [], covered: [] };
}

/** An added Service's type and ports, an added Ingress's hosts. */
export function describeNetwork(object: JsonObject): ChangeNote[] {
  if (object.kind === 'Service') {
    const ports = [...servicePorts(object).values()];
    const type = stringAt(object, 'spec', 'type') ?? 'ClusterIP';
    return [note('service-port', `type ${type}${ports.length > 0 ? `, ports ${nameList(ports, 5)}` : ''}`)];
  }
  if (object.kind === 'Ingress') {
    const hosts = [...routes(object).keys()];
    return hosts.length > 0 ? [note('ingress-host', `hosts ${nameList(hosts, 5)}`)] : [];
  }
  return [];
}
