import { decodeText } from '../manifests/decode-text.ts';
import { FALLBACK, fastParseYaml, type PositionMap } from '../manifests/fast-yaml.ts';
import { parseYamlDocument } from '../manifests/parse-yaml-document.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import type { FileSource } from '../files/file-source.ts';

interface SourceDocument {
  positions: PositionMap;
  kind: string;
  /** `metadata.name`, when the document has one. */
  name: string | undefined;
  value: unknown;
}

interface FolderDocument {
  path: string;
  /** The first line of the document's body: what a resource origin's `line` is. */
  line: number;
  /** `path:line`, as `LocatedResource.origins` holds it. */
  key: string;
  document: SourceDocument;
}

/** The value a JSON pointer leads to, or undefined. */
function valueAt(value: unknown, pointer: string): unknown {
  let node = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The pointer of the deepest node that starts on a line of a document. */
function pointerAt(positions: PositionMap, line: number): string | undefined {
  let best: string | undefined;
  for (const [pointer, [at]] of positions)
    if (at === line && (best === undefined || pointer.length > best.length)) best = pointer;
  return best;
}

function kindOf(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '';
  const kind = (value as Record<string, unknown>)['kind'];
  return typeof kind === 'string' ? kind : '';
}

function nameOf(value: unknown): string | undefined {
  const metadata = valueAt(value, '/metadata');
  const name = valueAt(metadata, '/name');
  return typeof name === 'string' ? name : undefined;
}

/** The resource a finding is on, and where its patches may be. */
export interface LocatedResource {
  kind: string;
  /** The rendered `metadata.name` (prefixes, suffixes and hashes included). */
  name?: string;
  /** Folders whose documents of the same kind may have written the field (the environment's own). */
  folders: readonly string[];
  /**
   * `path:line` of the documents the environment's resources came from. Such a document is a
   * resource of its own, not a patch of this one: three ConfigMaps with the same bad field each
   * keep their own file.
   */
  origins?: ReadonlySet<string>;
}

/** Whether a document of the environment's folders may have written a field of the resource. */
function mayWrite(
  found: FolderDocument,
  origin: { path: string; line: number },
  resource: LocatedResource | undefined,
): boolean {
  const { document } = found;
  if (resource === undefined) return false;
  if (document.kind !== resource.kind) return false;
  if (found.path === origin.path && found.line === origin.line) return true;
  if (resource.origins?.has(found.key)) return false;
  // A patch names its target by the name before prefixes, suffixes and hashes.
  const name = document.name;
  return name === undefined || resource.name === undefined || resource.name.includes(name);
}

/** Where a finding on a rendered resource belongs in the repository. */
export type SourceLocator = (
  origin: { path: string; line: number },
  renderedText: string,
  renderedLine: number | undefined,
  resource?: LocatedResource,
) => Promise<{ path: string; line: number; column?: number }>;

/**
 * Where a field of a rendered resource was written: `pointer` (a JSON pointer) into `rendered`,
 * the resource as rendered. What createSourceLocator does once it knows the field.
 */
export type FieldLocator = (
  origin: { path: string; line: number },
  rendered: unknown,
  pointer: string,
  resource?: LocatedResource,
) => Promise<{ path: string; line: number; column?: number }>;

/**
 * Maps a field of a rendered resource back to the repository: the field, looked up in the document
 * the resource came from. Rendering keeps most fields at the same JSON pointer (patches and
 * transformers change values, not the shape), so a finding on `/spec/replicas` points at that line
 * of the base file. A field the base does not have was set by a patch: it is looked for in the
 * documents of the same kind in the environment's folders, and the nearest ancestor in the base is
 * the last resort.
 */
export function createFieldLocator(files: FileSource): FieldLocator {
  const documents = new Map<string, Promise<Map<number, SourceDocument>>>();
  const load = (path: string): Promise<Map<number, SourceDocument>> => {
    let pending = documents.get(path);
    if (pending === undefined) {
      pending = (async () => {
        const byLine = new Map<number, SourceDocument>();
        const bytes = await files.readFile(path);
        const decoded = bytes === undefined ? undefined : decodeText(bytes);
        if (decoded === undefined || !decoded.ok) return byLine;
        // The fast parser needs `\n` line breaks; turning `\r\n` into `\n` keeps every line and column.
        const lf = decoded.text.replace(/\r\n/g, '\n');
        for (const span of splitDocuments(lf)) {
          const positions: PositionMap = new Map();
          // The fast parser keeps no positions inside flow collections (`{ a: 1 }`, `[x]`).
          const flow = /[{[]/.test(lf.slice(span.bodyStart, span.end));
          const fast =
            span.markerHasContent || flow
              ? FALLBACK
              : fastParseYaml(lf, span.bodyStart, span.end, {
                  uniqueKeys: false,
                  positions,
                  firstLine: span.bodyLine,
                });
          const parsed =
            fast === FALLBACK
              ? parseYamlDocument(lf.slice(span.bodyStart, span.end), {
                  uniqueKeys: false,
                  firstLine: span.bodyLine,
                })
              : { value: fast, positions };
          byLine.set(span.bodyLine, {
            positions: parsed.positions,
            kind: kindOf(parsed.value),
            name: nameOf(parsed.value),
            value: parsed.value,
          });
        }
        return byLine;
      })();
      documents.set(path, pending);
    }
    return pending;
  };
  // A folder's documents by kind: a field of a Deployment is looked for among its Deployments only.
  const folders = new Map<string, Promise<Map<string, FolderDocument[]>>>();
  const folderDocuments = async (folder: string, kind: string): Promise<FolderDocument[]> => {
    let pending = folders.get(folder);
    if (pending === undefined) {
      pending = (async () => {
        const byKind = new Map<string, FolderDocument[]>();
        for (const entry of (await files.listDirectory(folder)) ?? []) {
          if (entry.type !== 'file' || !/\.ya?ml$/.test(entry.name)) continue;
          const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
          for (const [line, document] of await load(path)) {
            const found = { path, line, key: `${path}:${line}`, document };
            const list = byKind.get(document.kind);
            if (list === undefined) byKind.set(document.kind, [found]);
            else list.push(found);
          }
        }
        return byKind;
      })();
      folders.set(folder, pending);
    }
    return (await pending).get(kind) ?? [];
  };
  return async (origin, rendered, pointer, resource) => {
    const fallback = { path: origin.path, line: origin.line };
    const source = (await load(origin.path)).get(origin.line);
    if (source === undefined) return fallback;
    const wanted = JSON.stringify(valueAt(rendered, pointer));
    const candidates: { path: string; document: SourceDocument }[] = [];
    for (const folder of resource?.folders ?? [])
      for (const found of await folderDocuments(folder, resource?.kind ?? ''))
        if (found.document.positions.has(pointer) && mayWrite(found, origin, resource))
          candidates.push(found);
    candidates.push({ path: origin.path, document: source });
    // The document that wrote the value the cluster gets (an overlay's patch beats the base).
    const writer =
      candidates.find(({ document }) => JSON.stringify(valueAt(document.value, pointer)) === wanted) ??
      (source.positions.has(pointer) ? { path: origin.path, document: source } : candidates[0]);
    const exact = writer?.document.positions.get(pointer);
    if (writer !== undefined && exact) return { path: writer.path, line: exact[0], column: exact[1] };
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const hit = source.positions.get(at);
      if (hit) return { path: origin.path, line: hit[0], column: hit[1] };
      if (at === '') return fallback;
    }
  };
}

/**
 * Maps a line of a rendered resource back to the repository: the field on that line (the deepest
 * node that starts there), located by createFieldLocator.
 */
export function createSourceLocator(files: FileSource): SourceLocator {
  const locateField = createFieldLocator(files);
  return async (origin, renderedText, renderedLine, resource) => {
    const fallback = { path: origin.path, line: origin.line };
    if (renderedLine === undefined) return fallback;
    const rendered = parseYamlDocument(renderedText, { uniqueKeys: false, firstLine: 1 });
    const pointer = pointerAt(rendered.positions, renderedLine);
    if (pointer === undefined) return fallback;
    return locateField(origin, rendered.value, pointer, resource);
  };
}
