import { splitImage } from '../../manifests/image-reference.ts';
import { isMutableTag } from '../../promote/version-policy.ts';
import type { PolicyContext } from '../policy-context.ts';
import { type ContainerSite, type PodSpecSite } from '../pod-specs.ts';

/** One container's image, split, where the rules about images look at it. */
export interface ImageSite {
  pod: PodSpecSite;
  container: ContainerSite;
  image: string;
  name: string;
  tag: string;
  digest: string;
  pointer: string;
}

/** Every container image of the environment (init and ephemeral containers too). */
export function imageSites(context: PolicyContext): ImageSite[] {
  const sites: ImageSite[] = [];
  for (const pod of context.pods)
    for (const container of pod.containers) {
      const image = container.container['image'];
      if (typeof image !== 'string' || image === '') continue;
      sites.push({ pod, container, image, ...splitImage(image), pointer: `${container.pointer}/image` });
    }
  return sites;
}

/** Whether mutable-tag-protected reports this image (so latest-tag and unpinned-digest need not). */
export function refusedAsProtected(context: PolicyContext, site: ImageSite): boolean {
  return (
    context.protected &&
    context.enabled('mutable-tag-protected') &&
    site.digest === '' &&
    isMutableTag(site.tag, context.mutableTags)
  );
}

/** Whether the image moves with its tag: `latest` or no tag, and no digest. */
export function isLatest(site: ImageSite): boolean {
  return site.digest === '' && (site.tag === '' || site.tag === 'latest');
}
