/**
 * The image sites of a tree of Helm values, wherever it is written: a values file, a Flux
 * HelmRelease's `spec.values`, an Argo CD Application's `helm.valuesObject` or `helm.values`.
 * - every mapping shaped `{repository, tag}` (optionally with `registry` and `digest`), as
 *   Renovate's helm-values manager reads them: a tag is recognised through its sibling
 *   `repository`, never by a bare `tag:` key;
 * - a whole reference (`image: ghcr.io/acme/web:1.2.3`) under a key whose name ends in `image`
 *   (Renovate's helm-values rule for inline images, any case), when it carries a tag or a digest;
 * - `promotion.tagFields`: `{tag, repository}` or `{tag, image}` key paths, and `{reference}`, a
 *   key path holding a whole reference under any name.
 * https://docs.renovatebot.com/modules/manager/helm-values/
 */
import { isMap, isSeq, type Node } from 'yaml';
import { splitImage } from '../manifests/image-reference.ts';
import { mapValue, scalarSpot, scalarText, type YamlSource } from '../manifests/yaml-source.ts';
import type { TagField } from '../render/environments/types.ts';
import { combinePlans, editScalar, type ScalarPlace } from './edit-scalar.ts';
import { imageRefSite } from './image-ref-site.ts';
import type { ImageSite, SitePlan } from './image-site.ts';

/** Where a tree of values is: its file, its document and the path of its root in that document. */
export interface ValuesPlace {
  updater: string;
  file: string;
  source: YamlSource;
  document: number;
  /** Path of the values' root in the document (`[]` for a values file, `spec.values` for a HelmRelease). */
  path: (string | number)[];
  tagFields: readonly TagField[];
}

const INLINE_IMAGE_KEY = /image$/i;

/** A tag (and maybe a digest) beside the repository they version. */
export function tagSite(
  at: Pick<ValuesPlace, 'updater' | 'file' | 'source'>,
  image: string,
  tagPlace: ScalarPlace,
  digestPlace: ScalarPlace | undefined,
  field = tagPlace.path.join('.'),
): ImageSite {
  const { source } = at;
  const [tag = '', inlineDigest = ''] = tagPlace.spot.value.split('@');
  return {
    updater: at.updater,
    file: at.file,
    line: tagPlace.spot.line,
    offset: tagPlace.spot.start,
    field,
    image,
    aliases: [],
    current: { tag, digest: digestPlace?.spot.value ?? inlineDigest },
    plan(next): SitePlan {
      if (next.tag === '') return { ok: false, reason: `${field}: no tag is known` };
      if (digestPlace)
        return combinePlans(
          editScalar(source, tagPlace, next.tag),
          editScalar(source, digestPlace, next.digest),
        );
      return editScalar(source, tagPlace, `${next.tag}${next.digest === '' ? '' : `@${next.digest}`}`);
    },
  };
}

/** The place of a scalar that holds a non-empty value. */
export function placeOf(
  source: YamlSource,
  node: unknown,
  document: number,
  path: (string | number)[],
): ScalarPlace | undefined {
  const spot = scalarSpot(source, node);
  return spot && spot.value !== '' ? { spot, document, path } : undefined;
}

/** A whole image reference with a tag or a digest (a bare name says no version). */
export function referenceSite(
  at: Pick<ValuesPlace, 'updater' | 'file' | 'source'>,
  place: ScalarPlace | undefined,
  field = place?.path.join('.') ?? '',
): ImageSite | undefined {
  if (!place) return undefined;
  const { name, tag, digest } = splitImage(place.spot.value);
  if (name === '' || (tag === '' && digest === '') || /\s/.test(place.spot.value)) return undefined;
  return imageRefSite(at.updater, at.file, field, at.source, place);
}

function walk(
  at: ValuesPlace,
  node: Node | null | undefined,
  path: (string | number)[],
  out: ImageSite[],
  depth: number,
): void {
  if (depth > 64 || !node) return;
  if (isSeq(node)) {
    node.items.forEach((item, i) => walk(at, item as Node, [...path, i], out, depth + 1));
    return;
  }
  if (!isMap(node)) return;
  const repository = scalarText(mapValue(node, 'repository'));
  const tagPlace = placeOf(at.source, mapValue(node, 'tag'), at.document, [...path, 'tag']);
  if (repository !== undefined && repository !== '' && tagPlace) {
    const registry = scalarText(mapValue(node, 'registry'));
    const image = registry ? `${registry}/${repository}` : repository;
    const digest = placeOf(at.source, mapValue(node, 'digest'), at.document, [...path, 'digest']);
    out.push(tagSite(at, image, tagPlace, digest));
  }
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    if (key === undefined) continue;
    const value = pair.value as Node | null;
    if (INLINE_IMAGE_KEY.test(key) && scalarText(value) !== undefined) {
      const site = referenceSite(at, placeOf(at.source, value, at.document, [...path, key]));
      if (site) out.push(site);
      continue;
    }
    walk(at, value, [...path, key], out, depth + 1);
  }
}

/** The node at a dotted key path below `root`. */
export function nodeAt(root: unknown, dotted: string): unknown {
  let node = root;
  for (const key of dotted.split('.')) node = mapValue(node, key);
  return node;
}

function customSite(at: ValuesPlace, root: unknown, field: TagField): ImageSite | undefined {
  const placeAt = (dotted: string): ScalarPlace | undefined =>
    placeOf(at.source, nodeAt(root, dotted), at.document, [...at.path, ...dotted.split('.')]);
  if (field.reference !== undefined) return referenceSite(at, placeAt(field.reference));
  if (field.tag === undefined) return undefined;
  const tagPlace = placeAt(field.tag);
  const image =
    field.image ?? (field.repository === undefined ? undefined : scalarText(nodeAt(root, field.repository)));
  return tagPlace && image ? tagSite(at, image, tagPlace, undefined) : undefined;
}

/** Every image site of the values tree `root` (a site two rules find is listed once). */
export function valuesSites(at: ValuesPlace, root: Node | null | undefined): ImageSite[] {
  const sites: ImageSite[] = [];
  walk(at, root, at.path, sites, 0);
  for (const field of at.tagFields) {
    const site = customSite(at, root, field);
    if (site && !sites.some((other) => other.offset === site.offset)) sites.push(site);
  }
  return sites;
}
