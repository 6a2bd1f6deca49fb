import { FALLBACK, fastParseYaml, type PositionMap, type ScanCursor } from '../manifests/fast-yaml.ts';
import { tooDeepMessage } from '../manifests/nesting-depth.ts';
import { parseYamlDocument } from '../manifests/parse-yaml-document.ts';
import type { JsonValue } from '../manifests/json-value.ts';
import type { DocumentSpan } from '../manifests/split-documents.ts';

/** The largest document the position-keeping parser is asked to read (the fast path reads any size). */
const FULL_PARSER_LIMIT = 8 * 1024 * 1024;

/** One document of one file, parsed on demand, with positions computed only when a finding needs them. */
export class SourceDocument {
  private positionMap: PositionMap | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly span: DocumentSpan,
    private readonly strict: boolean,
    /** Shared by the documents of one text, validated in order (see `ScanCursor`). */
    private readonly scan?: ScanCursor,
  ) {}

  /** Parses the document: the fast path first, the full parser when the fast path gives up. */
  parse(): { value: JsonValue } | { problems: { message: string; line: number; column: number }[] } {
    const { text, span } = this;
    if (!span.markerHasContent) {
      let tooDeep: number | undefined;
      const value = fastParseYaml(text, span.bodyStart, span.end, {
        uniqueKeys: this.strict,
        ...(this.scan ? { scan: this.scan } : {}),
        onTooDeep: (offset) => (tooDeep = offset),
      });
      if (value !== FALLBACK) return { value };
      // Known already: the full parser would only say it again, slower (or not at all past its size limit).
      if (tooDeep !== undefined)
        return { problems: [{ message: tooDeepMessage(), ...this.position(tooDeep) }] };
    }
    if (span.end - span.start > FULL_PARSER_LIMIT) {
      const mib = ((span.end - span.start) / 1024 / 1024).toFixed(1);
      return {
        problems: [
          {
            message: `this ${mib} MiB document uses YAML features that only the full parser reads, and it is larger than its ${FULL_PARSER_LIMIT / 1024 / 1024} MiB limit; split the document`,
            line: span.line,
            column: 1,
          },
        ],
      };
    }
    const parsed = parseYamlDocument(text.slice(span.start, span.end), {
      uniqueKeys: this.strict,
      firstLine: span.line,
    });
    this.positionMap = parsed.positions;
    if (parsed.value === undefined) return { problems: parsed.problems };
    return { value: parsed.value };
  }

  /** Line and column (1-based) of an offset of the text, inside this document. */
  private position(offset: number): { line: number; column: number } {
    let line = this.span.bodyLine;
    for (
      let i = this.text.indexOf('\n', this.span.bodyStart);
      i !== -1 && i < offset;
      i = this.text.indexOf('\n', i + 1)
    )
      line++;
    return { line, column: offset - this.text.lastIndexOf('\n', offset - 1) };
  }

  /** Line and column of the node at `pointer`, or of its nearest ancestor that has a position. */
  locate(pointer: string): [number, number] {
    if (!this.positionMap) {
      const positions: PositionMap = new Map();
      const { text, span } = this;
      const value = span.markerHasContent
        ? FALLBACK
        : fastParseYaml(text, span.bodyStart, span.end, {
            uniqueKeys: false,
            positions,
            firstLine: span.bodyLine,
          });
      this.positionMap =
        value === FALLBACK && span.end - span.start <= FULL_PARSER_LIMIT
          ? parseYamlDocument(text.slice(span.start, span.end), { uniqueKeys: false, firstLine: span.line })
              .positions
          : positions;
    }
    let at = pointer;
    for (;;) {
      const hit = this.positionMap.get(at);
      if (hit) return hit;
      if (at === '') return [this.span.bodyLine, 1];
      at = at.slice(0, at.lastIndexOf('/'));
    }
  }
}
