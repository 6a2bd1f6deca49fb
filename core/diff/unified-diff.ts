/**
 * The unified diff of a resource's YAML, for a ```diff fence on GitHub.
 *
 * Format (decided for readability in a review comment, where line numbers of rendered YAML mean
 * nothing): the first line is `# Kind namespace/name` (`# Kind name` when cluster-scoped); then
 * changed lines prefixed `-` / `+` and up to `contextLines` unchanged lines around them prefixed
 * with a space; each run of unchanged lines left out is shown as one ` ...` line (a space and three
 * dots: never a line of emitYaml output, which writes `...` only indented inside block scalars).
 * No `@@` hunk headers. An added resource is all `+` lines, a removed one all `-` lines.
 */
import type { JsonObject } from '../manifests/json-value.ts';
import { emitYaml } from '../manifests/emit-yaml.ts';
import { diffLines, type LineOp } from './line-diff.ts';

/** The line that stands for unchanged lines left out. */
export const ELISION = ' ...';

function lines(object: JsonObject | undefined): string[] {
  if (object === undefined) return [];
  const text = emitYaml(object);
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

/** Keeps changed lines and `context` lines around them; the rest becomes ELISION lines. */
export function formatHunks(ops: readonly LineOp[], context: number): string[] {
  const keep = new Array<boolean>(ops.length).fill(false);
  ops.forEach((op, index) => {
    if (op.op === ' ') return;
    for (let i = Math.max(0, index - context); i <= Math.min(ops.length - 1, index + context); i++)
      keep[i] = true;
  });
  const out: string[] = [];
  let elided = false;
  ops.forEach((op, index) => {
    if (!keep[index]) {
      if (!elided) out.push(ELISION);
      elided = true;
      return;
    }
    elided = false;
    out.push(`${op.op}${op.line}`);
  });
  return out;
}

/**
 * The unified diff of two (already redacted) resources: `title` is `Kind namespace/name`. Returns
 * `''` when their YAML is the same.
 */
export function unifiedDiff(
  title: string,
  base: JsonObject | undefined,
  head: JsonObject | undefined,
  contextLines = 3,
): string {
  const ops = diffLines(lines(base), lines(head));
  if (ops.every((op) => op.op === ' ')) return '';
  return [`# ${title}`, ...formatHunks(ops, contextLines)].join('\n');
}
