import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { containerLabel, workloadLabel } from '../pod-specs.ts';
import { imageSites, refusedAsProtected } from './image-rules.ts';

/**
 * `mutable-tag-protected`: a protected environment (`promotion.protected`) runs an image by a
 * mutable tag (`latest`, none, `promotion.mutableTags`) without a digest: what promotion refuses
 * (core/promote/version-policy.ts), found in the rendered environment.
 */
export function mutableTagProtected(context: PolicyContext): PolicyHit[] {
  return imageSites(context)
    .filter((site) => refusedAsProtected(context, site))
    .map((site) => ({
      ruleId: 'mutable-tag-protected',
      resource: site.pod.resource,
      pointer: site.pointer,
      message: `${context.environment} is protected (promotion.protected) and ${workloadLabel(site.pod)}: ${containerLabel(site.container)} runs ${site.image}, ${site.tag === '' ? 'no tag' : `tag ${site.tag}`}, which is mutable: pin a version or a digest`,
    }));
}
