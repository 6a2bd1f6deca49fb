/**
 * A kustomization's `images:` entries (`name`, `newName`, `newTag`, `digest`), and the workload
 * and Flux HelmRelease patches written inline in it (`patches: - patch: |`,
 * `patchesStrategicMerge: - |`), and the Helm values of its `helmCharts[].valuesInline`.
 *
 * What kustomize v5.5.0 makes of an entry (checked with `kubectl kustomize`): `newTag` alone sets
 * the tag and drops a digest the image had (`app:1.0@sha256:c` -> `app:2.0`); `digest` alone sets
 * the digest and drops the tag (`app@sha256:b`); both give `app:2.0@sha256:a`, where the container
 * runtime pulls by the digest and the tag is only a label. So an entry holding both is changed
 * only when the new digest is known: changing its `newTag` alone would change nothing that runs.
 */
import { isScalar } from 'yaml';
import { splitImage } from '../../manifests/image-reference.ts';
import { mapValue, scalarSpot, scalarText, seqItems } from '../../manifests/yaml-source.ts';
import { blockSites } from '../block-sites.ts';
import { combinePlans, editScalar, type ScalarPlace } from '../edit-scalar.ts';
import type { ImageSite, SitePlan, SiteProblem, SitesResult } from '../image-site.ts';
import { valuesSites } from '../values-sites.ts';
import { helmReleaseSites } from './flux-helm-release.ts';
import { workloadSites } from './raw-manifest.ts';
import type { Updater, UpdaterInput } from './updater.ts';

const BOTH =
  'holds both newTag and digest: kustomize v5.5.0 writes name:newTag@digest and the runtime pulls by the digest, so the tag alone cannot be changed; give the digest too (--digest), or remove one of the two fields';

function entrySite(input: UpdaterInput, entry: unknown, index: number): ImageSite | SiteProblem | undefined {
  const { source, path } = input;
  const name = scalarText(mapValue(entry, 'name'));
  if (name === undefined) return undefined;
  const newName = scalarText(mapValue(entry, 'newName'));
  const place = (key: string): ScalarPlace | undefined => {
    const spot = scalarSpot(source, mapValue(entry, key));
    return spot ? { spot, document: 0, path: ['images', index, key] } : undefined;
  };
  const tagPlace = place('newTag');
  const digestPlace = place('digest');
  const field = `images[${name}]`;
  const line = (tagPlace ?? digestPlace)?.spot.line ?? scalarSpot(source, mapValue(entry, 'name'))?.line ?? 1;
  const image = newName ?? name;
  if (!tagPlace && !digestPlace) {
    return {
      file: path,
      line,
      image,
      aliases: newName !== undefined && newName !== name ? [name] : [],
      message: `${field} sets no newTag or digest, so the tag comes from elsewhere (a base); add a newTag line to promote it here`,
    };
  }
  const inTag = tagPlace ? splitImage(`x:${tagPlace.spot.value}`) : undefined;
  const current = {
    tag: inTag?.tag ?? '',
    digest: digestPlace?.spot.value ?? inTag?.digest ?? '',
  };
  return {
    updater: 'kustomization-images',
    file: path,
    line,
    offset: (tagPlace ?? digestPlace)?.spot.start ?? 0,
    field: `${field}.${tagPlace && digestPlace ? 'newTag+digest' : tagPlace ? 'newTag' : 'digest'}`,
    image,
    aliases: newName !== undefined && newName !== name ? [name] : [],
    current,
    plan(next): SitePlan {
      if (tagPlace && digestPlace) {
        if (next.digest === '') return { ok: false, reason: `${field} ${BOTH}` };
        if (next.tag === '')
          return { ok: false, reason: `${field}: no tag is known for newTag; remove newTag or give one` };
        return combinePlans(
          editScalar(source, tagPlace, next.tag),
          editScalar(source, digestPlace, next.digest),
        );
      }
      if (digestPlace) {
        if (next.digest === '')
          return {
            ok: false,
            reason: `${field} pins a digest and no new digest is known; give --digest, or replace digest with newTag`,
          };
        return editScalar(source, digestPlace, next.digest);
      }
      if (next.tag === '') return { ok: false, reason: `${field}: no tag is known for newTag` };
      return editScalar(
        source,
        tagPlace as ScalarPlace,
        `${next.tag}${next.digest === '' ? '' : `@${next.digest}`}`,
      );
    },
  };
}

/**
 * Sites of the patches written inline (workloads' images, HelmReleases' values), their edits
 * mapped back into the kustomization.
 */
function inlinePatchSites(input: UpdaterInput): SitesResult {
  const { source, path } = input;
  const root = source.documents[0]?.contents;
  const out: SitesResult = { sites: [], problems: [] };
  const blocks: { node: unknown; path: (string | number)[] }[] = [];
  for (const [i, patch] of seqItems(mapValue(root, 'patches')).entries())
    blocks.push({ node: mapValue(patch, 'patch'), path: ['patches', i, 'patch'] });
  for (const [i, patch] of seqItems(mapValue(root, 'patchesStrategicMerge')).entries())
    blocks.push({ node: patch, path: ['patchesStrategicMerge', i] });
  for (const block of blocks) {
    const node = block.node;
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const value = node.value;
    const helmRelease = value.includes('HelmRelease');
    if (!value.includes('image') && !helmRelease) continue;
    const found = blockSites({ source, node, document: 0, path: block.path }, (inner) => {
      const innerInput = { ...input, source: inner, role: 'patch' as const };
      const workloads = workloadSites('workload-patch', innerInput);
      if (!helmRelease) return workloads;
      const releases = helmReleaseSites('flux-helm-release', innerInput);
      return { sites: [...workloads.sites, ...releases.sites], problems: [] };
    });
    if (found) {
      out.sites.push(...found.sites);
      out.problems.push(...found.problems);
      continue;
    }
    if (/^\s*image:/m.test(value) || (helmRelease && /^\s*tag:/m.test(value))) {
      const line = scalarSpot(source, node)?.line ?? 1;
      out.problems.push({
        file: path,
        line,
        message: `the inline patch at line ${line} is not a literal block (|) kubeproof can edit; its images are left alone`,
      });
    }
  }
  return out;
}

export const kustomizationImages: Updater = {
  appliesTo: (input) => input.role === 'kustomization',
  sites(input) {
    const root = input.source.documents[0]?.contents;
    const out: SitesResult = { sites: [], problems: [] };
    for (const [index, entry] of seqItems(mapValue(root, 'images')).entries()) {
      const found = entrySite(input, entry, index);
      if (found === undefined) continue;
      if ('plan' in found) out.sites.push(found);
      else out.problems.push(found);
    }
    const inline = inlinePatchSites(input);
    out.sites.push(...inline.sites);
    out.problems.push(...inline.problems);
    // helmCharts[].valuesInline: Helm values written in the kustomization.
    for (const [index, chart] of seqItems(mapValue(root, 'helmCharts')).entries()) {
      const at = {
        updater: 'kustomization-images',
        file: input.path,
        source: input.source,
        document: 0,
        path: ['helmCharts', index, 'valuesInline'],
        tagFields: input.tagFields,
      };
      out.sites.push(...valuesSites(at, mapValue(chart, 'valuesInline')));
    }
    return out;
  },
};
