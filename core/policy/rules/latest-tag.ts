import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { imageSites, isLatest, refusedAsProtected } from './image-rules.ts';

/**
 * `latest-tag`: an image with the `latest` tag or none (which pulls `latest`) and no digest. In a
 * protected environment mutable-tag-protected says it, as an error, instead.
 */
export function latestTag(context: PolicyContext): PolicyHit[] {
  return imageSites(context)
    .filter((site) => isLatest(site) && !refusedAsProtected(context, site))
    .map((site) => ({
      ruleId: 'latest-tag',
      resource: site.pod.resource,
      pointer: site.pointer,
      message: `${workloadLabel(site.pod)}: ${containerLabel(site.container)} runs ${site.image}, ${site.tag === '' ? 'with no tag, so latest,' : 'tag latest,'} which can point to another image at any time: pin a version`,
    }));
}
