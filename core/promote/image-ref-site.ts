/** A scalar holding a whole image reference (`repo:tag@sha256:...`): containers' `image:`, Flux full-ref markers. */
import { splitImage } from '../manifests/image-reference.ts';
import type { YamlSource } from '../manifests/yaml-source.ts';
import { editScalar, type ScalarPlace } from './edit-scalar.ts';
import type { ImageSite, ImageVersion } from './image-site.ts';

/** `name[:tag][@digest]`. */
export function joinImage(name: string, version: ImageVersion): string {
  return `${name}${version.tag === '' ? '' : `:${version.tag}`}${version.digest === '' ? '' : `@${version.digest}`}`;
}

export function imageRefSite(
  updater: string,
  file: string,
  field: string,
  source: YamlSource,
  place: ScalarPlace,
): ImageSite {
  const { name, tag, digest } = splitImage(place.spot.value);
  return {
    updater,
    file,
    line: place.spot.line,
    offset: place.spot.start,
    field,
    image: name,
    aliases: [],
    current: { tag, digest },
    plan(next) {
      if (next.tag === '' && next.digest === '')
        return { ok: false, reason: `${field} would lose its tag (no tag or digest given)` };
      return editScalar(source, place, joinImage(name, next));
    },
  };
}
