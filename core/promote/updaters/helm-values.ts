/**
 * Helm values files of an environment (its `.kubeproof.yaml` or Argo CD `helm.valueFiles`, a
 * kustomize `helmCharts` values file, the file a `configMapGenerator` turns into the ConfigMap a
 * Flux HelmRelease's `valuesFrom` reads): the image sites of every document, as values-sites.ts
 * finds them.
 */
import type { Node } from 'yaml';
import type { ImageSite } from '../image-site.ts';
import { valuesSites } from '../values-sites.ts';
import type { Updater } from './updater.ts';

export const helmValues: Updater = {
  appliesTo: (input) => input.role === 'helm-values',
  sites(input) {
    const sites: ImageSite[] = [];
    input.source.documents.forEach((document, index) => {
      const at = {
        updater: 'helm-values',
        file: input.path,
        source: input.source,
        document: index,
        path: [],
        tagFields: input.tagFields,
      };
      sites.push(...valuesSites(at, document.contents as Node | null));
    });
    return { sites, problems: [] };
  },
};
