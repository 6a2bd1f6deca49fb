/**
 * Helm settings from a Flux HelmRelease (helm.toolkit.fluxcd.io) whose chart is a folder of a
 * GitRepository or Bucket source, taken to be this repository: `spec.chart.spec.chart` is the
 * chart's path from the source's root, `valuesFiles` likewise; values as flux-values.ts merges
 * them. Charts from a HelmRepository or `spec.chartRef` are not in the repository and not rendered.
 * Release name `[targetNamespace-]name` shortened past 53 characters as Flux does; namespace
 * `targetNamespace`, else the HelmRelease's own; CRDs unless `install.crds: Skip`; tests only with
 * `test.enable`. https://fluxcd.io/flux/components/helm/helmreleases/
 */
import type { Finding } from '../../findings.ts';
import { DISCOVERY_RULE, stringAt } from '../environments/gitops-target.ts';
import type { Position } from '../environments/locate.ts';
import { folderPrefix, normalizeRepoPath } from '../environments/repo-path.ts';
import type { HelmSettings } from '../environments/types.ts';
import { type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { fluxValues, type FindValuesSource } from './flux-values.ts';

export interface FluxHelmReleaseDocument {
  /** Repository-relative path of the manifest. */
  file: string;
  content: JsonObject;
  /** Position of a JSON pointer of `content` (scan-manifests.ts's locator). */
  locate?(pointer: string): Position;
}

export interface FluxHelmReleaseResult {
  /** Absent when the chart is not in this repository. */
  settings?: HelmSettings;
  /** What kubeproof assumed or could not apply, for the environment's detail. */
  notes: string[];
  findings: Finding[];
}

const MAX_RELEASE_NAME = 53;

/**
 * helm-controller's release name: longer than 53 characters, the first 40, `-`, and the first 12
 * hex digits of the SHA-256 of the whole name. (internal/release ShortenName)
 */
export async function fluxReleaseName(name: string): Promise<string> {
  if (name.length <= MAX_RELEASE_NAME) return name;
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(name)),
  );
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${name.slice(0, 40)}-${hex.slice(0, 12)}`;
}

function finding(
  doc: FluxHelmReleaseDocument,
  severity: Finding['severity'],
  message: string,
  pointer: string,
): Finding {
  const result: Finding = { ruleId: DISCOVERY_RULE, severity, message, path: doc.file };
  const at = doc.locate?.(pointer);
  if (at) Object.assign(result, { line: at.line, column: at.column });
  return result;
}

/** The HelmSettings helm-controller would install the release with, as far as the repository tells. */
export async function fluxHelmReleaseSettings(
  doc: FluxHelmReleaseDocument,
  find?: FindValuesSource,
): Promise<FluxHelmReleaseResult> {
  const result: FluxHelmReleaseResult = { notes: [], findings: [] };
  const name = stringAt(doc.content['metadata'], 'name') ?? '';
  const ownNamespace = stringAt(doc.content['metadata'], 'namespace');
  const label = `Flux HelmRelease ${ownNamespace ? `${ownNamespace}/` : ''}${name}`;
  const spec = isJsonObject(doc.content['spec']) ? doc.content['spec'] : {};
  const chartSpec =
    isJsonObject(spec['chart']) && isJsonObject(spec['chart']['spec']) ? spec['chart']['spec'] : undefined;
  const sourceKind = stringAt(chartSpec?.['sourceRef'], 'kind');
  if (!chartSpec || (sourceKind !== 'GitRepository' && sourceKind !== 'Bucket')) {
    const ref = chartSpec ? chartSpec['sourceRef'] : spec['chartRef'];
    const source = `${stringAt(ref, 'kind') ?? '?'}/${stringAt(ref, 'name') ?? '?'}`;
    const from = chartSpec
      ? `chart ${stringAt(chartSpec, 'chart') ?? '?'} from ${source}`
      : `chartRef ${source}`;
    const message = `${label}: ${from} is not in this repository; not rendered`;
    result.findings.push(
      finding(doc, 'notice', message, chartSpec ? '/spec/chart/spec/sourceRef' : '/spec/chartRef'),
    );
    return result;
  }
  const written = stringAt(chartSpec, 'chart') ?? '';
  const chart = normalizeRepoPath(written);
  if (chart === undefined || written === '') {
    const message = `${label}: chart path ${JSON.stringify(written)} is not a folder of the source; not rendered`;
    result.findings.push(finding(doc, 'warning', message, '/spec/chart/spec/chart'));
    return result;
  }
  const refName = stringAt(chartSpec['sourceRef'], 'name');
  result.notes.push(`source ${sourceKind}/${refName ?? '?'} taken to be this repository`);

  const settings: HelmSettings = { chart, valuesFiles: [] };
  const files = [
    stringAt(chartSpec, 'valuesFile'),
    ...(Array.isArray(chartSpec['valuesFiles']) ? chartSpec['valuesFiles'] : []),
  ];
  for (const file of files) {
    if (typeof file !== 'string') continue;
    const path = normalizeRepoPath(file);
    if (path === undefined) result.notes.push(`values file ${file} leaves the source: not applied`);
    else settings.valuesFiles.push(path);
  }
  if (settings.valuesFiles.length > 0 && !settings.valuesFiles.includes(`${folderPrefix(chart)}values.yaml`))
    result.notes.push(
      "Flux replaces the chart's values.yaml with valuesFiles; kubeproof merges them over it",
    );

  const targetNamespace = stringAt(spec, 'targetNamespace');
  settings.releaseName = await fluxReleaseName(
    stringAt(spec, 'releaseName') ?? (targetNamespace ? `${targetNamespace}-${name}` : name),
  );
  settings.namespace = targetNamespace ?? ownNamespace ?? 'default';

  const lineOf = (index: number): number | undefined => doc.locate?.(`/spec/valuesFrom/${index}`).line;
  const values = fluxValues(spec, {
    file: doc.file,
    lineOf,
    ...(ownNamespace ? { namespace: ownNamespace } : {}),
    ...(find ? { find } : {}),
  });
  result.findings.push(...values.findings);
  if (Object.keys(values.values).length > 0) settings.values = `${JSON.stringify(values.values, null, 2)}\n`;

  if (stringAt(spec['install'], 'crds') === 'Skip') settings.skipCrds = true;
  if (!(isJsonObject(spec['test']) && spec['test']['enable'] === true)) settings.skipTests = true;
  if (spec['postRenderers'] !== undefined) result.notes.push('postRenderers are not applied');
  result.settings = settings;
  return result;
}
