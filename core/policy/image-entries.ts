import type { FileSource } from '../files/file-source.ts';
import { decodeText } from '../manifests/decode-text.ts';
import type { PositionMap } from '../manifests/fast-yaml.ts';
import { splitImage } from '../manifests/image-reference.ts';
import { isJsonObject } from '../manifests/json-value.ts';
import { parseYamlDocument } from '../manifests/parse-yaml-document.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../render/kustomize/read-kustomization.ts';

interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  index: number;
}

interface Kustomization {
  path: string;
  positions: PositionMap;
  entries: ImageEntry[];
}

/** Where an `images:` entry of a kustomization wrote an image: `(image) => position`. */
export type ImageEntryLocator = (
  folder: string,
  image: string,
) => Promise<{ path: string; line: number; column: number } | undefined>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Finds the `images:` entry of an environment's kustomization that produced a rendered image (its
 * `newTag`, `digest` or `newName` is what the image shows), so a finding on the image points at the
 * entry rather than at the base manifest's `image:` line the entry replaced.
 */
export function createImageEntryLocator(files: FileSource): ImageEntryLocator {
  const cache = new Map<string, Promise<Kustomization | undefined>>();
  const read = (folder: string): Promise<Kustomization | undefined> => {
    let pending = cache.get(folder);
    if (pending === undefined) {
      pending = (async () => {
        for (const name of KUSTOMIZATION_FILE_NAMES) {
          const path = folder === '' ? name : `${folder}/${name}`;
          const bytes = await files.readFile(path);
          if (bytes === undefined) continue;
          const decoded = decodeText(bytes);
          if (!decoded.ok) return undefined;
          const parsed = parseYamlDocument(decoded.text, { uniqueKeys: false, firstLine: 1 });
          const images = isJsonObject(parsed.value) ? parsed.value['images'] : undefined;
          const entries: ImageEntry[] = [];
          if (Array.isArray(images))
            images.forEach((entry, index) => {
              if (!isJsonObject(entry) || text(entry['name']) === undefined) return;
              const newName = text(entry['newName']);
              const newTag = text(entry['newTag']);
              const digest = text(entry['digest']);
              entries.push({
                name: entry['name'] as string,
                index,
                ...(newName === undefined ? {} : { newName }),
                ...(newTag === undefined ? {} : { newTag }),
                ...(digest === undefined ? {} : { digest }),
              });
            });
          return { path, positions: parsed.positions, entries };
        }
        return undefined;
      })();
      cache.set(folder, pending);
    }
    return pending;
  };
  return async (folder, image) => {
    const kustomization = await read(folder);
    if (kustomization === undefined) return undefined;
    const rendered = splitImage(image);
    for (const entry of kustomization.entries) {
      if ((entry.newName ?? entry.name) !== rendered.name) continue;
      const field =
        entry.digest !== undefined && entry.digest === rendered.digest
          ? 'digest'
          : entry.newTag !== undefined && entry.newTag === rendered.tag
            ? 'newTag'
            : entry.newName !== undefined
              ? 'newName'
              : undefined;
      if (field === undefined) continue;
      const at = kustomization.positions.get(`/images/${entry.index}/${field}`);
      if (at !== undefined) return { path: kustomization.path, line: at[0], column: at[1] };
    }
    return undefined;
  };
}
