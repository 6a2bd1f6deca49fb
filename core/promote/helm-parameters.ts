/**
 * The image sites of Argo CD Helm `parameters` (`{name: image.tag, value: "1.2.3"}`, Helm's
 * `--set`): a `P.tag` parameter is a tag when a `P.repository` parameter (or the values beside
 * it, `helm.valuesObject`) names its repository, as in a values file; `P.registry` and `P.digest`
 * parameters go with it. A parameter whose last key ends in `image` holding a whole reference is
 * one too, and so are `promotion.tagFields` key paths. A parameter name with Helm's escapes or
 * list indexes (`a\.b`, `a[0]`) is not a key path and is left alone.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/helm/#helm-parameters
 */
import type { Node } from 'yaml';
import { mapValue, scalarText, seqItems } from '../manifests/yaml-source.ts';
import type { ImageSite } from './image-site.ts';
import { nodeAt, placeOf, referenceSite, tagSite, type ValuesPlace } from './values-sites.ts';

const KEY_PATH = /^[\w-]+(\.[\w-]+)*$/;
const INLINE_IMAGE_KEY = /image$/i;

/**
 * Sites of the `parameters` sequence node at `at.path`; `values` is the tree of inline values
 * beside it (for a repository the parameters do not give).
 */
export function helmParameterSites(
  at: ValuesPlace,
  parameters: Node | undefined,
  values: unknown,
): ImageSite[] {
  const byName = new Map<string, { index: number; value: Node | undefined }>();
  for (const [index, item] of seqItems(parameters).entries()) {
    const name = scalarText(mapValue(item, 'name'));
    if (name !== undefined && KEY_PATH.test(name) && !byName.has(name))
      byName.set(name, { index, value: mapValue(item, 'value') });
  }
  const placeAt = (name: string) => {
    const found = byName.get(name);
    return found && placeOf(at.source, found.value, at.document, [...at.path, found.index, 'value']);
  };
  const text = (name: string): string | undefined => {
    const found = byName.get(name);
    return found ? scalarText(found.value) : scalarText(nodeAt(values, name));
  };
  const field = (name: string): string => `${at.path.join('.')}[${name}]`;
  const sites: ImageSite[] = [];
  const add = (site: ImageSite | undefined): void => {
    if (site && !sites.some((other) => other.offset === site.offset)) sites.push(site);
  };
  for (const name of byName.keys()) {
    const last = name.slice(name.lastIndexOf('.') + 1);
    if (INLINE_IMAGE_KEY.test(last)) {
      add(referenceSite(at, placeAt(name), field(name)));
      continue;
    }
    if (last !== 'tag') continue;
    const prefix = name.slice(0, name.length - 3);
    const repository = text(`${prefix}repository`);
    const tagPlace = placeAt(name);
    if (repository === undefined || repository === '' || !tagPlace) continue;
    const registry = text(`${prefix}registry`);
    const image = registry ? `${registry}/${repository}` : repository;
    add(tagSite(at, image, tagPlace, placeAt(`${prefix}digest`), field(name)));
  }
  for (const custom of at.tagFields) {
    if (custom.reference !== undefined) {
      add(referenceSite(at, placeAt(custom.reference), field(custom.reference)));
      continue;
    }
    if (custom.tag === undefined) continue;
    const tagPlace = placeAt(custom.tag);
    const image = custom.image ?? (custom.repository === undefined ? undefined : text(custom.repository));
    if (tagPlace && image) add(tagSite(at, image, tagPlace, undefined, field(custom.tag)));
  }
  return sites;
}
