/** One YAML document inside a file's text. Offsets index the file's text; lines are 1-based. */
export interface DocumentSpan {
  /** Offset where the document begins, including its `---` marker line if it has one. */
  start: number;
  /** Offset of the first line after the marker (equal to `start` without a marker). */
  bodyStart: number;
  /** Offset just past the document (the start of the next marker line, or the end of the text). */
  end: number;
  /** Line of `start`. */
  line: number;
  /** Line of `bodyStart`. */
  bodyLine: number;
  /** True when the marker line carries content after `---` (`--- |`, `--- !tag`, `--- {a: 1}`). */
  markerHasContent: boolean;
}

// A document marker: `---` or `...` at the start of a line, followed by white space or the end of the line.
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

function countLines(text: string, from: number, to: number): number {
  let count = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

/**
 * Splits a multi-document YAML stream on its `---` (and `...`) markers, as the YAML spec and
 * kubeconform do, keeping the offsets and line numbers of every document so findings can point
 * at the right line. Text between documents that holds only comments yields an empty document,
 * which the validator counts as `empty`. `firstLine` is the line of `text`'s first character in its
 * file (a chunk of a larger file starts further down).
 */
export function splitDocuments(text: string, firstLine = 1): DocumentSpan[] {
  const spans: DocumentSpan[] = [];
  let start = 0;
  let line = firstLine;
  let hasMarker = false;
  const close = (end: number): void => {
    let bodyStart = start;
    let bodyLine = line;
    let markerHasContent = false;
    if (hasMarker) {
      const newline = text.indexOf('\n', start);
      const markerEnd = newline === -1 || newline >= end ? end : newline;
      const rest = text.slice(start + 3, markerEnd).trim();
      markerHasContent = rest !== '' && !rest.startsWith('#');
      bodyStart = Math.min(markerEnd + 1, end);
      bodyLine = line + 1;
    }
    spans.push({ start, bodyStart, end, line, bodyLine, markerHasContent });
  };
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match !== null; match = MARKER.exec(text)) {
    const at = match.index;
    // A stream may begin with a marker: the (empty) text before it is not a document.
    if (at > start || hasMarker) close(at);
    line += countLines(text, start, at);
    start = at;
    hasMarker = match[0] === '---';
    if (!hasMarker) {
      // `...` ends a document: the next one starts on the following line.
      const newline = text.indexOf('\n', at);
      const next = newline === -1 ? text.length : newline + 1;
      line += newline === -1 ? 0 : 1;
      start = next;
      MARKER.lastIndex = next;
    }
  }
  if (start < text.length || hasMarker || spans.length === 0) close(text.length);
  return spans;
}
