/**
 * The values of a Flux HelmRelease: every `spec.valuesFrom` entry merged in order, then
 * `spec.values` on top, maps merged key by key and anything else replaced (helm-controller's
 * `chartutil.ChartValuesFromReferences`). Only ConfigMaps and Secrets written in this repository
 * can be read; the others are left out with a warning.
 * https://fluxcd.io/flux/components/helm/helmreleases/#values-references
 */
import type { Finding } from '../../findings.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { DISCOVERY_RULE, stringAt } from '../environments/gitops-target.ts';

export interface FluxValuesReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The HelmRelease's namespace, when its manifest says. */
  namespace?: string;
}

/** A ConfigMap or Secret manifest of the repository, found by the caller; undefined when there is none. */
export type FindValuesSource = (reference: FluxValuesReference) => JsonObject | undefined;

/** `overlay` merged into `base`: maps key by key, anything else replaced (Helm's and Flux's MergeMaps). */
export function mergeValues(base: JsonObject, overlay: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isJsonObject(value) && isJsonObject(current) ? mergeValues(current, value) : value;
  }
  return out;
}

/** Sets a plain dotted path (`a.b.c`) to `value`, creating maps on the way; false for other syntax. */
export function setDottedPath(target: JsonObject, path: string, value: JsonValue): boolean {
  if (!/^[\w-]+(\.[\w-]+)*$/.test(path)) return false;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (!isJsonObject(next)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys[keys.length - 1] as string] = value;
  return true;
}

function decodeBase64(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text under `key` of a ConfigMap or Secret, or why there is none. */
function dataOf(
  resource: JsonObject,
  kind: FluxValuesReference['kind'],
  key: string,
): string | { problem: string } {
  if (resource['sops'] !== undefined) return { problem: 'is encrypted with SOPS' };
  const stringData = stringAt(resource['stringData'], key);
  if (kind === 'Secret' && stringData !== undefined) return stringData;
  const data = stringAt(resource['data'], key);
  if (data === undefined) return { problem: `has no key ${key}` };
  if (kind === 'ConfigMap') return data;
  return decodeBase64(data) ?? { problem: `key ${key} is not base64-encoded UTF-8` };
}

export interface FluxValuesContext {
  file: string;
  /** Line of `spec.valuesFrom[index]` in the file, when known. */
  lineOf?(index: number): number | undefined;
  namespace?: string;
  find?: FindValuesSource;
}

/** The values a HelmRelease spec gives its chart, and warnings for the references not resolved. */
export function fluxValues(
  spec: JsonObject,
  context: FluxValuesContext,
): { values: JsonObject; findings: Finding[] } {
  let values: JsonObject = {};
  const findings: Finding[] = [];
  const entries = Array.isArray(spec['valuesFrom']) ? spec['valuesFrom'] : [];
  for (const [index, entry] of entries.entries()) {
    const kind = stringAt(entry, 'kind');
    const name = stringAt(entry, 'name');
    if ((kind !== 'ConfigMap' && kind !== 'Secret') || name === undefined || !isJsonObject(entry)) continue;
    const key = stringAt(entry, 'valuesKey') ?? 'values.yaml';
    const targetPath = stringAt(entry, 'targetPath');
    const reference: FluxValuesReference = {
      kind,
      name,
      ...(context.namespace ? { namespace: context.namespace } : {}),
    };
    const resource = context.find?.(reference);
    const data =
      resource === undefined ? { problem: 'is not in this repository' } : dataOf(resource, kind, key);
    let problem = typeof data === 'string' ? undefined : data.problem;
    if (typeof data === 'string' && targetPath !== undefined) {
      if (!setDottedPath(values, targetPath, data))
        problem = `targetPath ${targetPath} is not a plain dotted path kubeproof can apply`;
    } else if (typeof data === 'string') {
      const parsed = parseYamlDocument(data, { uniqueKeys: false, firstLine: 1 });
      if (isJsonObject(parsed.value ?? null)) values = mergeValues(values, parsed.value as JsonObject);
      else problem = `key ${key} does not hold a YAML mapping`;
    }
    if (problem === undefined) continue;
    const optional = entry['optional'] === true;
    const message = `valuesFrom ${kind}/${name} ${problem}: rendered without it${optional ? ' (optional)' : ''}`;
    const finding: Finding = {
      ruleId: DISCOVERY_RULE,
      severity: optional ? 'notice' : 'warning',
      message,
      path: context.file,
    };
    const line = context.lineOf?.(index);
    if (line !== undefined) finding.line = line;
    findings.push(finding);
  }
  if (isJsonObject(spec['values'])) values = mergeValues(values, spec['values']);
  return { values, findings };
}
