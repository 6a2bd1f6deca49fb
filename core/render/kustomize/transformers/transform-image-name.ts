import { isImageMatched, splitImage } from '../../../manifests/image-reference.ts';

/** One `images:` entry of a kustomization. */
export interface ImageSpec {
  /** The image to change, without tag or digest (`nginx`, `registry.local:5000/team/app`). */
  name: string;
  newName?: string;
  newTag?: string;
  /** `sha256:...`, written after `@`. */
  digest?: string;
}

/**
 * The image reference after one `images:` entry, or undefined when the entry does not match it.
 * A new tag drops the old digest and a new digest the old tag; both together give `name:tag@digest`.
 */
export function updateImage(image: string, spec: ImageSpec): string | undefined {
  if (!isImageMatched(image, spec.name)) return undefined;
  let { name, tag, digest } = splitImage(image);
  const newTag = spec.newTag ?? '';
  const newDigest = spec.digest ?? '';
  if (spec.newName !== undefined && spec.newName !== '') name = spec.newName;
  if (newTag !== '' || newDigest !== '') {
    tag = newTag;
    digest = newDigest;
  }
  return `${name}${tag === '' ? '' : `:${tag}`}${digest === '' ? '' : `@${digest}`}`;
}
