/**
 * The updaters, one per kind of place where image versions live (docs/architecture.md,
 * convention 4). Order matters where two find the same value: the first one keeps it (a Flux
 * marker on a container's `image:` is the marker's).
 */
import { argocdApplication } from './argocd-application.ts';
import { fluxHelmRelease } from './flux-helm-release.ts';
import { fluxMarker } from './flux-marker.ts';
import { helmValues } from './helm-values.ts';
import { kustomizationImages } from './kustomization-images.ts';
import { rawManifest } from './raw-manifest.ts';
import type { Updater } from './updater.ts';
import { workloadPatch } from './workload-patch.ts';

export const UPDATERS = {
  'flux-marker': fluxMarker,
  'kustomization-images': kustomizationImages,
  'workload-patch': workloadPatch,
  'helm-values': helmValues,
  'raw-manifest': rawManifest,
  'flux-helm-release': fluxHelmRelease,
  'argocd-application': argocdApplication,
} as const satisfies Record<string, Updater>;

export type UpdaterId = keyof typeof UPDATERS;
