import { decodeText } from '../manifests/decode-text.ts';
import type { PositionMap } from '../manifests/fast-yaml.ts';
import { parseYamlDocument } from '../manifests/parse-yaml-document.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import type { FileSource } from '../render/types.ts';

/** The pointer of the deepest node that starts on a line of a document. */
function pointerAt(positions: PositionMap, line: number): string | undefined {
  let best: string | undefined;
  for (const [pointer, [at]] of positions)
    if (at === line && (best === undefined || pointer.length > best.length)) best = pointer;
  return best;
}

/**
 * Maps a line of a rendered resource back to its source file: the field on that line, looked up
 * (or its nearest ancestor) in the document the resource came from. Rendering keeps most fields at
 * the same JSON pointer (patches and transformers change values, not the shape), so a schema error
 * on `/spec/replicas` points at that line of the base or overlay file it was written in.
 */
export function createSourceLocator(files: FileSource) {
  const documents = new Map<string, Promise<Map<number, PositionMap>>>();
  const load = (path: string): Promise<Map<number, PositionMap>> => {
    let pending = documents.get(path);
    if (pending === undefined) {
      pending = (async () => {
        const byLine = new Map<number, PositionMap>();
        const bytes = await files.readFile(path);
        const decoded = bytes === undefined ? undefined : decodeText(bytes);
        if (decoded === undefined || !decoded.ok) return byLine;
        for (const span of splitDocuments(decoded.text)) {
          const text = decoded.text.slice(span.bodyStart, span.end);
          byLine.set(
            span.bodyLine,
            parseYamlDocument(text, { uniqueKeys: false, firstLine: span.bodyLine }).positions,
          );
        }
        return byLine;
      })();
      documents.set(path, pending);
    }
    return pending;
  };
  return async (
    origin: { path: string; line: number },
    renderedText: string,
    renderedLine: number | undefined,
  ): Promise<{ line: number; column?: number }> => {
    if (renderedLine === undefined) return { line: origin.line };
    const pointer = pointerAt(
      parseYamlDocument(renderedText, { uniqueKeys: false, firstLine: 1 }).positions,
      renderedLine,
    );
    const source = (await load(origin.path)).get(origin.line);
    if (pointer === undefined || source === undefined) return { line: origin.line };
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const hit = source.get(at);
      if (hit) return { line: hit[0], column: hit[1] };
      if (at === '') return { line: origin.line };
    }
  };
}
