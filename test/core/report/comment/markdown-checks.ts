/**
 * Structural checks of a rendered comment body, as GitHub's CommonMark parser would see it:
 * fenced blocks, `<details>` blocks, and raw HTML outside code.
 */

const OPENING_FENCE = /^ {0,3}(`{3,})[^`]*$/;

/** The lines outside fenced code blocks; `unclosed` when a fence is still open at the end. */
export function linesOutsideFences(body: string): { lines: string[]; fences: number[]; unclosed: boolean } {
  const lines: string[] = [];
  const fences: number[] = [];
  let open: number | undefined;
  for (const line of body.split('\n')) {
    if (open === undefined) {
      const match = OPENING_FENCE.exec(line);
      if (match?.[1] !== undefined) {
        open = match[1].length;
        fences.push(open);
      } else {
        lines.push(line);
      }
      continue;
    }
    const closing = /^ {0,3}(`{3,})\s*$/.exec(line);
    if (closing?.[1] !== undefined && closing[1].length >= open) {
      fences.push(closing[1].length);
      open = undefined;
    }
  }
  return { lines, fences, unclosed: open !== undefined };
}

/** True when fences pair up with equal lengths and none is left open. */
export function fencesBalanced(body: string): boolean {
  const { fences, unclosed } = linesOutsideFences(body);
  if (unclosed || fences.length % 2 !== 0) return false;
  for (let i = 0; i < fences.length; i += 2) if (fences[i] !== fences[i + 1]) return false;
  return true;
}

/** True when `<details>` and `</details>` lines outside fences pair up, never nested. */
export function detailsBalanced(body: string): boolean {
  let depth = 0;
  for (const line of linesOutsideFences(body).lines) {
    if (line.startsWith('<details>')) depth += 1;
    if (line === '</details>') depth -= 1;
    if (depth < 0 || depth > 1) return false;
  }
  return depth === 0;
}

/** Removes inline code spans: a backtick run up to the next run of the same length. */
function withoutCodeSpans(line: string): string {
  let out = '';
  let index = 0;
  while (index < line.length) {
    const char = line[index];
    if (char === '\\') {
      out += line.slice(index, index + 2);
      index += 2;
      continue;
    }
    if (char !== '`') {
      out += char;
      index += 1;
      continue;
    }
    let run = 0;
    while (line[index + run] === '`') run += 1;
    const closer = new RegExp(`(?<!\`)\`{${run}}(?!\`)`, 'g');
    closer.lastIndex = index + run;
    const match = closer.exec(line);
    if (match === null) {
      out += line.slice(index, index + run);
      index += run;
    } else {
      index = match.index + run;
    }
  }
  return out;
}

const OUR_TAGS = [
  '<details>',
  '</details>',
  '<summary>',
  '</summary>',
  '<b>',
  '</b>',
  '<sub>',
  '</sub>',
  '<!--',
];

/** Every unescaped `<` outside code that is not one of the renderer's own tags. */
export function foreignHtml(body: string): string[] {
  const found: string[] = [];
  for (const line of linesOutsideFences(body).lines) {
    const text = withoutCodeSpans(line);
    for (let index = text.indexOf('<'); index !== -1; index = text.indexOf('<', index + 1)) {
      let backslashes = 0;
      while (text[index - 1 - backslashes] === '\\') backslashes += 1;
      if (backslashes % 2 === 1) continue;
      if (OUR_TAGS.some((tag) => text.startsWith(tag, index))) continue;
      found.push(text.slice(index, index + 20));
    }
  }
  return found;
}
