/**
 * Flux HelmReleases (helm.toolkit.fluxcd.io) an environment owns: one in its folder, the
 * kustomize patch over a base's HelmRelease that sets its values (flux2-kustomize-helm-example's
 * `apps/staging/podinfo-values.yaml`, or an inline `patch: |`), or the HelmRelease that declares
 * a Helm environment. Their inline `spec.values` are Helm values (values-sites.ts). The files a
 * `valuesFrom` ConfigMap is generated from are values files (environment-files.ts).
 * https://fluxcd.io/flux/components/helm/helmreleases/#values
 */
import type { Node } from 'yaml';
import { mapValue, scalarText } from '../../manifests/yaml-source.ts';
import type { ImageSite, SitesResult } from '../image-site.ts';
import { valuesSites } from '../values-sites.ts';
import { inputDocuments, type Updater, type UpdaterInput } from './updater.ts';

/** Whether a document is a Flux HelmRelease. */
export function isHelmRelease(root: unknown): boolean {
  const apiVersion = scalarText(mapValue(root, 'apiVersion')) ?? '';
  return (
    scalarText(mapValue(root, 'kind')) === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')
  );
}

/** The image sites of the `spec.values` of every HelmRelease document of the input. */
export function helmReleaseSites(updater: string, input: UpdaterInput): SitesResult {
  const sites: ImageSite[] = [];
  for (const { index, root } of inputDocuments(input)) {
    if (!isHelmRelease(root)) continue;
    const values = mapValue(mapValue(root, 'spec'), 'values');
    const at = {
      updater,
      file: input.path,
      source: input.source,
      document: index,
      path: ['spec', 'values'],
      tagFields: input.tagFields,
    };
    sites.push(...valuesSites(at, values as Node | undefined));
  }
  return { sites, problems: [] };
}

export const fluxHelmRelease: Updater = {
  appliesTo: (input) =>
    (input.role === 'manifest' || input.role === 'patch' || input.role === 'declaration') &&
    input.source.text.includes('HelmRelease'),
  sites: (input) => helmReleaseSites('flux-helm-release', input),
};
