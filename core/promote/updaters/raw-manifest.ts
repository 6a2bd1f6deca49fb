/**
 * Raw manifests an environment deploys: the `image:` of every container and init container of a
 * Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job or CronJob.
 */
import { imageRefSite } from '../image-ref-site.ts';
import { podImages } from '../pod-images.ts';
import type { SitesResult } from '../image-site.ts';
import type { Updater, UpdaterInput } from './updater.ts';

/** The container image sites of every workload document of a file. */
export function workloadSites(updater: string, input: UpdaterInput): SitesResult {
  const { source, path } = input;
  const sites = source.documents.flatMap((document, index) =>
    podImages(source, document.contents, index).map(({ place, field }) =>
      imageRefSite(updater, path, field, source, place),
    ),
  );
  return { sites, problems: [] };
}

export const rawManifest: Updater = {
  appliesTo: (input) => input.role === 'manifest',
  sites: (input) => workloadSites('raw-manifest', input),
};
