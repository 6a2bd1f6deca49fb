/**
 * An environment's own files read for editing: their text exactly as written (CRLF kept, a UTF-8
 * byte order mark remembered), parsed with source ranges, and the image sites every updater finds.
 */
import type { FileSource } from '../files/file-source.ts';
import { parseYamlSource, type YamlSource } from '../manifests/yaml-source.ts';
import type { ImageSite, SiteProblem } from './image-site.ts';
import { UPDATERS } from './updaters/index.ts';
import type { TagField } from '../render/environments/types.ts';
import type { OwnFile } from './updaters/updater.ts';

export interface EditableFile {
  path: string;
  /** The file had a UTF-8 byte order mark (kept when it is written back). */
  bom: boolean;
  text: string;
  /** Parsed on first use (most files a discovery reads are never edited). */
  readonly source: YamlSource;
}

export interface EnvironmentSites {
  sites: ImageSite[];
  problems: SiteProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a file as written, or a problem (not UTF-8, not YAML). */
export function decodeEditable(path: string, bytes: Uint8Array): EditableFile | SiteProblem {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let text: string;
  try {
    text = utf8.decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return { file: path, line: 1, message: 'not UTF-8 text: kubeproof edits UTF-8 files only' };
  }
  let parsed: YamlSource | undefined;
  return {
    path,
    bom,
    text,
    get source() {
      parsed ??= parseYamlSource(text);
      return parsed;
    },
  };
}

/** Reads files once, by path (a file two environments share is read once). */
export function fileReader(
  files: FileSource,
): (path: string) => Promise<EditableFile | SiteProblem | undefined> {
  const cache = new Map<string, Promise<EditableFile | SiteProblem | undefined>>();
  return (path) => {
    let pending = cache.get(path);
    if (!pending) {
      pending = files.readFile(path).then((bytes) => (bytes ? decodeEditable(path, bytes) : undefined));
      cache.set(path, pending);
    }
    return pending;
  };
}

/** Every image site of an environment's own files, from every updater that reads them. */
export async function environmentSites(
  own: readonly OwnFile[],
  read: (path: string) => Promise<EditableFile | SiteProblem | undefined>,
  tagFields: readonly TagField[],
): Promise<EnvironmentSites> {
  const out: EnvironmentSites = { sites: [], problems: [] };
  for (const file of own) {
    const editable = await read(file.path);
    if (editable === undefined) continue;
    if (!('source' in editable)) {
      out.problems.push(editable);
      continue;
    }
    const { source } = editable;
    if (source.problems.length > 0) {
      const first = source.problems[0] as { message: string; line: number };
      out.problems.push({
        file: file.path,
        line: first.line,
        message: `not valid YAML (${first.message}): its images are not read`,
      });
      continue;
    }
    const input = {
      path: file.path,
      source,
      role: file.role,
      tagFields,
      ...(file.documents ? { documents: file.documents } : {}),
      ...(file.sourcePath === undefined ? {} : { sourcePath: file.sourcePath }),
    };
    const taken = new Set<number>();
    for (const updater of Object.values(UPDATERS)) {
      if (!updater.appliesTo(input)) continue;
      const found = updater.sites(input);
      for (const site of found.sites) {
        if (taken.has(site.offset)) continue;
        taken.add(site.offset);
        out.sites.push(site);
      }
      out.problems.push(...found.problems);
    }
  }
  return out;
}
