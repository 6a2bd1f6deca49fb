/**
 * Partial workload patches an environment's kustomization applies (`patches[].path`,
 * `patchesStrategicMerge`): the `envs/<env>/version.yml` pattern, a Deployment, StatefulSet,
 * DaemonSet or CronJob holding only a container's full `image: repo:tag`. Inline patches
 * (`patches: - patch: |`) are read by the kustomization updater through the same code.
 */
import { workloadSites } from './raw-manifest.ts';
import type { Updater } from './updater.ts';

export const workloadPatch: Updater = {
  appliesTo: (input) => input.role === 'patch',
  sites: (input) => workloadSites('workload-patch', input),
};
