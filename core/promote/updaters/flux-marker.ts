/**
 * Flux image-automation markers: a value followed on its line by `# {"$imagepolicy": "ns:policy"}`
 * (the whole reference), `...:tag`, `...:name` or `...:digest`, as image-automation-controller
 * writes them. Only files holding the literal `"$imagepolicy"` are read. A `:tag` or `:digest`
 * marker's image is the value of the `:name` marker (or full reference) of the same policy in
 * the file. https://fluxcd.io/flux/guides/image-update/#configure-image-update-for-custom-resources
 */
import { isScalar, visit, type Scalar } from 'yaml';
import { splitImage } from '../../manifests/image-reference.ts';
import { scalarSpot } from '../../manifests/yaml-source.ts';
import { editScalar, type ScalarPlace } from '../edit-scalar.ts';
import { imageRefSite } from '../image-ref-site.ts';
import type { ImageSite, SitesResult } from '../image-site.ts';
import type { Updater } from './updater.ts';

const MARKER = /#\s*\{\s*"\$imagepolicy"\s*:\s*"([^"]+)"\s*\}/;

interface Marked {
  place: ScalarPlace;
  policy: string;
  part: 'ref' | 'tag' | 'name' | 'digest' | 'unknown';
}

export const fluxMarker: Updater = {
  appliesTo: (input) => input.source.text.includes('"$imagepolicy"'),
  sites(input): SitesResult {
    const { source, path } = input;
    const marked: Marked[] = [];
    source.documents.forEach((document, index) => {
      if (input.documents !== undefined && !input.documents.includes(index)) return;
      visit(document, {
        Scalar(key, node) {
          if (key === 'key') return; // a mapping key, not a value
          const spot = scalarSpot(source, node as Scalar);
          const found = spot ? MARKER.exec(spot.after) : null;
          if (!spot || !found) return;
          const segments = (found[1] as string).split(':');
          const part = segments.length === 2 ? 'ref' : (segments[2] as string);
          const known = ['tag', 'name', 'digest'].includes(part)
            ? (part as Marked['part'])
            : part === 'ref'
              ? 'ref'
              : 'unknown';
          marked.push({
            place: { spot, document: index, path: pathOf(document.contents, node as Scalar) },
            policy: segments.slice(0, 2).join(':'),
            part: known,
          });
        },
      });
    });
    const names = new Map<string, string>();
    for (const m of marked) {
      if (m.part === 'name') names.set(m.policy, m.place.spot.value);
      if (m.part === 'ref') names.set(m.policy, splitImage(m.place.spot.value).name);
    }
    const out: SitesResult = { sites: [], problems: [] };
    for (const m of marked) {
      const field = `{"$imagepolicy": "${m.policy}${m.part === 'ref' ? '' : `:${m.part}`}"}`;
      if (m.part === 'name') continue;
      if (m.part === 'unknown') {
        out.problems.push({
          file: path,
          line: m.place.spot.line,
          message: `${field}: not a marker kubeproof knows (the whole reference, :tag, :name or :digest)`,
        });
        continue;
      }
      if (m.part === 'ref') {
        out.sites.push(imageRefSite('flux-marker', path, field, source, m.place));
        continue;
      }
      const image = names.get(m.policy);
      if (image === undefined) {
        out.problems.push({
          file: path,
          line: m.place.spot.line,
          message: `${field}: no :name marker of policy ${m.policy} in this file says which image it is`,
        });
        continue;
      }
      const part = m.part;
      const markedSite: ImageSite = {
        updater: 'flux-marker',
        file: path,
        line: m.place.spot.line,
        offset: m.place.spot.start,
        field,
        image,
        aliases: [],
        current: part === 'tag' ? { tag: m.place.spot.value } : { digest: m.place.spot.value },
        plan(next) {
          const value = part === 'tag' ? next.tag : next.digest;
          if (value === '') return { ok: false, reason: `${field}: no ${part} is known` };
          return editScalar(source, m.place, value);
        },
      };
      out.sites.push(markedSite);
    }
    return out;
  },
};

/** The path of a scalar in its document, for verifying the edit. */
function pathOf(root: unknown, target: Scalar): (string | number)[] {
  const search = (
    node: unknown,
    path: (string | number)[],
    depth: number,
  ): (string | number)[] | undefined => {
    if (node === target) return path;
    if (depth > 64 || node === null || typeof node !== 'object') return undefined;
    const items = (node as { items?: unknown[] }).items;
    if (!Array.isArray(items)) return undefined;
    for (const [i, item] of items.entries()) {
      if (item && typeof item === 'object' && 'key' in item) {
        const pair = item as { key: unknown; value: unknown };
        const key = isScalar(pair.key) ? String(pair.key.value) : String(i);
        const found = search(pair.value, [...path, key], depth + 1);
        if (found) return found;
      } else {
        const found = search(item, [...path, i], depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(root, [], 0) ?? [];
}
