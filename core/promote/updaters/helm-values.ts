/**
 * Helm values files of an environment: every mapping shaped `{repository, tag}` (optionally with
 * `registry` and `digest`), as Renovate's helm-values manager reads them (`image.tag`,
 * `image.repository` + `tag`, `sidecar.image.{repository,tag}`): a tag is recognised through its
 * sibling `repository`, never by a bare `tag:` key. Custom key paths come from
 * `promotion.tagFields` (`{tag: imageVersion, repository: imageRepository}` or
 * `{tag: imageVersion, image: ghcr.io/acme/web}`).
 */
import { isMap, isSeq, type Node } from 'yaml';
import { mapValue, scalarSpot, scalarText, type YamlSource } from '../../manifests/yaml-source.ts';
import { combinePlans, editScalar, type ScalarPlace } from '../edit-scalar.ts';
import type { ImageSite, SitePlan } from '../image-site.ts';
import type { TagField } from '../../render/environments/types.ts';
import type { Updater, UpdaterInput } from './updater.ts';

function site(
  input: UpdaterInput,
  image: string,
  tagPlace: ScalarPlace,
  digestPlace: ScalarPlace | undefined,
): ImageSite {
  const { source, path } = input;
  const field = tagPlace.path.join('.');
  const [tag = '', inlineDigest = ''] = tagPlace.spot.value.split('@');
  return {
    updater: 'helm-values',
    file: path,
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

function placeOf(
  source: YamlSource,
  node: unknown,
  document: number,
  path: (string | number)[],
): ScalarPlace | undefined {
  const spot = scalarSpot(source, node);
  return spot && spot.value !== '' ? { spot, document, path } : undefined;
}

function walk(
  input: UpdaterInput,
  node: Node | null | undefined,
  document: number,
  path: (string | number)[],
  out: ImageSite[],
  depth: number,
): void {
  if (depth > 64 || !node) return;
  if (isSeq(node)) {
    node.items.forEach((item, i) => walk(input, item as Node, document, [...path, i], out, depth + 1));
    return;
  }
  if (!isMap(node)) return;
  const repository = scalarText(mapValue(node, 'repository'));
  const tagPlace = placeOf(input.source, mapValue(node, 'tag'), document, [...path, 'tag']);
  if (repository !== undefined && repository !== '' && tagPlace) {
    const registry = scalarText(mapValue(node, 'registry'));
    const image = registry ? `${registry}/${repository}` : repository;
    out.push(
      site(
        input,
        image,
        tagPlace,
        placeOf(input.source, mapValue(node, 'digest'), document, [...path, 'digest']),
      ),
    );
  }
  for (const pair of node.items) {
    const key = scalarText(pair.key);
    if (key !== undefined) walk(input, pair.value as Node, document, [...path, key], out, depth + 1);
  }
}

function nodeAt(root: unknown, dotted: string): unknown {
  let node = root;
  for (const key of dotted.split('.')) node = mapValue(node, key);
  return node;
}

function customSites(input: UpdaterInput, field: TagField): ImageSite[] {
  return input.source.documents.flatMap((document, index) => {
    const root = document.contents;
    const tagPlace = placeOf(input.source, nodeAt(root, field.tag), index, field.tag.split('.'));
    const image =
      field.image ??
      (field.repository === undefined ? undefined : scalarText(nodeAt(root, field.repository)));
    return tagPlace && image ? [site(input, image, tagPlace, undefined)] : [];
  });
}

export const helmValues: Updater = {
  appliesTo: (input) => input.role === 'helm-values',
  sites(input) {
    const sites: ImageSite[] = [];
    input.source.documents.forEach((document, index) =>
      walk(input, document.contents as Node | null, index, [], sites, 0),
    );
    for (const field of input.tagFields) sites.push(...customSites(input, field));
    return { sites, problems: [] };
  },
};
