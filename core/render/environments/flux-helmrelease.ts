/**
 * The chart folder a Flux HelmRelease (helm.toolkit.fluxcd.io v2, v2beta2, v2beta1) installs
 * from a GitRepository or Bucket source, taken to be this repository, with the settings
 * flux-helm-release.ts reads. A chart from a HelmRepository, an OCIRepository or `spec.chartRef`
 * is not in the repository: a notice, no environment.
 * https://fluxcd.io/flux/components/helm/helmreleases/#chart-template
 */
import { fluxHelmReleaseSettings } from '../external/flux-helm-release.ts';
import { discoveryFinding, stringAt, type TargetsResult } from './gitops-target.ts';
import type { GitOpsDocument } from './scan-manifests.ts';
import { valuesSourceFinder, type ValuesSource } from './values-sources.ts';
import { isJsonObject } from '../../manifests/json-value.ts';

const CHART_POINTER = '/spec/chart/spec/chart';

/** The chart path of a HelmRelease, when it has one. */
function chartPath(doc: GitOpsDocument): string | undefined {
  const chart = isJsonObject(doc.content['spec']) ? doc.content['spec']['chart'] : undefined;
  return isJsonObject(chart) ? stringAt(chart['spec'], 'chart') : undefined;
}

/** True when a HelmRelease reads `valuesFrom` (and so needs the repository's ConfigMaps and Secrets). */
export function readsValuesFrom(doc: GitOpsDocument): boolean {
  const spec = doc.content['spec'];
  return isJsonObject(spec) && Array.isArray(spec['valuesFrom']) && spec['valuesFrom'].length > 0;
}

/**
 * The environment a HelmRelease renders, or the finding that says why there is none.
 * `valuesSources`: the repository's ConfigMaps and Secrets, for `valuesFrom` (values-sources.ts).
 */
export async function fluxHelmReleaseTargets(
  doc: GitOpsDocument,
  valuesSources: readonly ValuesSource[] = [],
): Promise<TargetsResult> {
  const result: TargetsResult = { targets: [], findings: [] };
  const name = stringAt(doc.content['metadata'], 'name');
  if (name === undefined) return result;
  const namespace = stringAt(doc.content['metadata'], 'namespace');
  const label = `Flux HelmRelease ${namespace ? `${namespace}/` : ''}${name}`;
  // Neither chart nor chartRef: a kustomize patch over a HelmRelease (apps/staging/values.yaml), not one.
  const spec = isJsonObject(doc.content['spec']) ? doc.content['spec'] : {};
  if (spec['chart'] === undefined && spec['chartRef'] === undefined) return result;
  const at = doc.locate(CHART_POINTER);
  if (chartPath(doc)?.includes('${')) {
    const message = `${label}: chart ${JSON.stringify(chartPath(doc))} holds a variable substituted by a Kustomization's postBuild; not an environment`;
    result.findings.push(discoveryFinding('notice', message, doc.file, at));
    return result;
  }
  const used = new Set<string>();
  const found = await fluxHelmReleaseSettings(doc, valuesSourceFinder(valuesSources, doc.file, used));
  result.findings.push(...found.findings);
  if (!found.settings) return result;
  const notes = [...found.notes];
  if (JSON.stringify(doc.content['spec'] ?? null).includes('${'))
    notes.push('postBuild variables (${...}) are not substituted');
  result.targets.push({
    source: 'flux',
    name,
    path: found.settings.chart,
    renderer: 'helm',
    helm: found.settings,
    otherNames: namespace ? [`${namespace}/${name}`] : [],
    label,
    notes,
    file: doc.file,
    at,
    alsoReads: [...used].filter((file) => file !== doc.file),
  });
  return result;
}
