/**
 * Image references (`registry:5000/team/app:1.2@sha256:...`): how they split into name, tag and
 * digest, and which `name` matches them, as kustomize v5.5.0 decides it. Shared by the Kustomize
 * images transformer and promotion.
 */

/**
 * Whether an image reference is `name` with an optional tag and an optional sha256 digest, as
 * kustomize v5.5.0 decides it: `name` is used as a regular expression, unescaped, so its dots
 * match any character (`registry.local` matches `registryXlocal`), and other digest algorithms
 * (`@sha512:`) never match.
 */
export function isImageMatched(image: string, name: string): boolean {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^${name}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    return false;
  }
  return pattern.test(image);
}

/**
 * Splits an image reference into name, tag and digest (kustomize's `image.Split`): a `:` or `@`
 * before the first `/` belongs to the registry (`host:5000/app`), not to a tag.
 */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  const slash = image.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const search = image.slice(offset);
  const at = search.indexOf('@');
  const colon = search.indexOf(':');
  if (at < 0 && colon < 0) return { name: image, tag: '', digest: '' };
  if (at >= 0 && (colon < 0 || at < colon))
    return { name: image.slice(0, offset + at), tag: '', digest: image.slice(offset + at + 1) };
  if (at >= 0) {
    return {
      name: image.slice(0, offset + colon),
      tag: image.slice(offset + colon + 1, offset + at),
      digest: image.slice(offset + at + 1),
    };
  }
  return { name: image.slice(0, offset + colon), tag: image.slice(offset + colon + 1), digest: '' };
}
