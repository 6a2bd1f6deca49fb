/**
 * What `.kubeproof.yaml` lets an environment receive: a protected environment refuses a mutable
 * tag (`latest`, no tag, or one `promotion.mutableTags` matches) unless a digest pins the image;
 * an environment in `promotion.requireDigest` takes an image only with its digest.
 */
import type { PromotionConfig } from '../render/environments/types.ts';
import type { ImageVersion } from './image-site.ts';

function globMatches(glob: string, text: string): boolean {
  const pattern = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(text);
}

/** Whether a tag can move (a new image pushed under the same name). */
export function isMutableTag(tag: string, mutableTags: readonly string[] = []): boolean {
  return tag === '' || tag === 'latest' || mutableTags.some((glob) => globMatches(glob, tag));
}

/** Why `environment` may not receive `version`, or undefined when it may. */
export function versionPolicy(
  environment: string,
  version: ImageVersion,
  settings: PromotionConfig,
): string | undefined {
  if (settings.requireDigest?.includes(environment) && version.digest === '')
    return `${environment} requires a digest (promotion.requireDigest): give --digest, or pin the source by digest`;
  if (
    settings.protected?.includes(environment) &&
    version.digest === '' &&
    isMutableTag(version.tag, settings.mutableTags)
  )
    return `${environment} is protected (promotion.protected) and ${version.tag === '' ? 'no tag' : `tag ${version.tag}`} is mutable: pin a version or a digest`;
  return undefined;
}
