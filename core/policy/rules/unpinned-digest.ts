import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { imageSites, isLatest, refusedAsProtected } from './image-rules.ts';

/**
 * `unpinned-digest`: an image without its digest. Images latest-tag or mutable-tag-protected
 * already report are left to them.
 */
export function unpinnedDigest(context: PolicyContext): PolicyHit[] {
  return imageSites(context)
    .filter(
      (site) =>
        site.digest === '' &&
        !refusedAsProtected(context, site) &&
        !(isLatest(site) && context.enabled('latest-tag')),
    )
    .map((site) => ({
      ruleId: 'unpinned-digest',
      resource: site.pod.resource,
      pointer: site.pointer,
      message: `${workloadLabel(site.pod)}: ${containerLabel(site.container)} runs ${site.image} without a digest: a re-pushed tag would change what runs`,
    }));
}
