/**
 * A unified diff (`git apply` reads it) of files whose edits keep every line break: each edited
 * line is replaced in place, so the hunks are the edited lines and 3 lines of context around them.
 */
const CONTEXT = 3;

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The patch turning `before` into `after` for `path` (same number of lines), `''` when equal. */
export function unifiedPatch(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length !== b.length) throw new Error(`internal: ${path} changed its number of lines`);
  const changed: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed.push(i);
  const noFinalNewline = (text: string, index: number, lines: string[]): boolean =>
    index === lines.length - 1 && !text.endsWith('\n');
  let out = `--- a/${path}\n+++ b/${path}\n`;
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] as number;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT)
      last = changed[++k] as number;
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(a.length - 1, last + CONTEXT);
    const count = to - from + 1;
    out += `@@ -${from + 1},${count} +${from + 1},${count} @@\n`;
    for (let i = from; i <= to; i++) {
      if (a[i] === b[i]) {
        out += ` ${a[i]}\n`;
        if (noFinalNewline(before, i, a)) out += '\\ No newline at end of file\n';
        continue;
      }
      out += `-${a[i]}\n`;
      if (noFinalNewline(before, i, a)) out += '\\ No newline at end of file\n';
      out += `+${b[i]}\n`;
      if (noFinalNewline(after, i, b)) out += '\\ No newline at end of file\n';
    }
  }
  return out;
}
