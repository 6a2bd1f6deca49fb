/**
 * Helm settings from an Argo CD Application source's `helm` block, as Argo CD passes them to
 * `helm template`: value files relative to the source's path (`$ref/...` to the root of the
 * source with that `ref`, taken to be this repository), `valuesObject` over `values` as inline
 * values, `parameters` as `--set` (`--set-string` with `forceString`), `fileParameters` as
 * `--set-file`. `passCredentials` and `version` only matter for remote charts and are ignored.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 */
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { stringAt } from '../environments/gitops-target.ts';
import { normalizeRepoPath } from '../environments/repo-path.ts';
import type { HelmParameter, HelmSettings } from '../environments/types.ts';
import { joinRepoPath } from '../../files/repo-paths.ts';

export interface ArgoHelmSource {
  /** The Application's name: the default release name. */
  applicationName: string;
  /** Repository-relative folder of the source, the chart. */
  path: string;
  /** The source's `helm` block. */
  helm: JsonValue | undefined;
  /** Every source of the Application (`spec.sources`), to resolve `$ref/...` value files. */
  sources?: readonly JsonObject[];
  /** `spec.destination.namespace`: the namespace unless `helm.namespace` is set. */
  destinationNamespace?: string;
}

export interface ArgoHelmSettingsResult {
  settings: HelmSettings;
  /** What kubeproof could not apply or assumed, for the environment's detail. */
  notes: string[];
}

function valueFile(entry: string, source: ArgoHelmSource): string | undefined {
  const ref = /^\$([^/]+)\/(.*)$/.exec(entry);
  if (ref) {
    const known = (source.sources ?? []).some((s) => s['ref'] === ref[1]);
    return known ? normalizeRepoPath(ref[2] as string) : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) return undefined;
  return joinRepoPath(source.path, entry);
}

function listOf(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function parameters(helm: JsonObject, source: ArgoHelmSource, notes: string[]): HelmParameter[] {
  const out: HelmParameter[] = [];
  for (const entry of listOf(helm['parameters'])) {
    const name = stringAt(entry, 'name');
    if (name === undefined || !isJsonObject(entry)) continue;
    const value = entry['value'];
    const flag = entry['forceString'] === true ? 'set-string' : 'set';
    out.push({ flag, name, value: typeof value === 'string' ? value : value == null ? '' : String(value) });
  }
  for (const entry of listOf(helm['fileParameters'])) {
    const name = stringAt(entry, 'name');
    const written = stringAt(entry, 'path');
    if (name === undefined || written === undefined) continue;
    const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? undefined : joinRepoPath(source.path, written);
    if (path === undefined)
      notes.push(`Helm file parameter ${name} (${written}) is not in this repository: not applied`);
    else out.push({ flag: 'set-file', name, value: path });
  }
  return out;
}

function inlineValues(helm: JsonObject): string | undefined {
  const object = helm['valuesObject'];
  if (isJsonObject(object)) return `${JSON.stringify(object, null, 2)}\n`;
  const text = helm['values'];
  if (typeof text === 'string' && text.trim() !== '') return text;
  // Older manifests write `values` as a mapping; Argo CD's API reads it as such too.
  if (isJsonObject(text)) return `${JSON.stringify(text, null, 2)}\n`;
  return undefined;
}

/** The HelmSettings Argo CD would template the source with. */
export function argoHelmSettings(source: ArgoHelmSource): ArgoHelmSettingsResult {
  const helm = isJsonObject(source.helm) ? source.helm : {};
  const notes: string[] = [];
  const settings: HelmSettings = { chart: source.path, valuesFiles: [] };
  for (const entry of listOf(helm['valueFiles'])) {
    if (typeof entry !== 'string') continue;
    const resolved = valueFile(entry, source);
    if (resolved === undefined) notes.push(`Helm value file ${entry} is not in this repository: not applied`);
    else settings.valuesFiles.push(resolved);
  }
  settings.releaseName = stringAt(helm, 'releaseName') ?? source.applicationName;
  const namespace = stringAt(helm, 'namespace') ?? source.destinationNamespace;
  if (namespace) settings.namespace = namespace;
  const values = inlineValues(helm);
  if (values !== undefined) settings.values = values;
  const flags = parameters(helm, source, notes);
  if (flags.length > 0) settings.parameters = flags;
  const kubeVersion = stringAt(helm, 'kubeVersion');
  if (kubeVersion) settings.kubeVersion = kubeVersion;
  const apiVersions = listOf(helm['apiVersions']).filter((v): v is string => typeof v === 'string');
  if (apiVersions.length > 0) settings.apiVersions = apiVersions;
  if (helm['skipCrds'] === true) settings.skipCrds = true;
  if (helm['skipTests'] === true) settings.skipTests = true;
  if (helm['ignoreMissingValueFiles'] === true) settings.ignoreMissingValueFiles = true;
  if (helm['skipSchemaValidation'] === true) notes.push('skipSchemaValidation is not applied');
  return { settings, notes };
}
