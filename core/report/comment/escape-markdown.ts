/**
 * Escaping of repository-controlled text (environment and resource names, change notes, finding
 * messages) for each place it lands in a GitHub comment. A name like ``web`</details><img src=x>``
 * must render as text: never close our blocks, never become HTML, a link, a table cell or math.
 * CommonMark: https://spec.commonmark.org/0.31.2/ ; GFM: https://github.github.com/gfm/
 */

// C0 and C1 controls, line and paragraph separators: a newline would end a list item, a table row
// or an HTML block (https://spec.commonmark.org/0.31.2/#html-blocks ends at a blank line).
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

// Markdown punctuation with a meaning inline: code, emphasis, links, HTML, entities, tables,
// strikethrough, math (`$`, https://docs.github.com/get-started/writing-on-github/working-with-advanced-formatting/writing-mathematical-expressions).
// Any ASCII punctuation may be backslash-escaped: https://spec.commonmark.org/0.31.2/#backslash-escapes
const MARKDOWN_SPECIAL = /[\\`*_[\]<>&|~$!#]/g;

/** Replaces controls and line breaks with one space, so that text stays on its line. */
export function singleLine(text: string): string {
  return text.replace(LINE_BREAKING, ' ');
}

/** Text for a markdown paragraph, list item or table cell: rendered literally, on one line. */
export function escapeMarkdown(text: string): string {
  return singleLine(text).replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

/**
 * Text inside our raw HTML (`<summary>`): markdown is not parsed there, so backslashes would show;
 * entities are decoded instead.
 */
export function escapeHtml(text: string): string {
  return singleLine(text).replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char);
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span holding `text` literally: delimited by one backtick more than the longest run
 * inside, padded with a space when the text starts or ends with a backtick or with spaces on both
 * sides (https://spec.commonmark.org/0.31.2/#code-spans). Inside code, HTML and mentions are inert.
 * Not for table cells: GFM splits cells at `|` even inside code.
 */
export function codeSpan(text: string): string {
  const content = singleLine(text);
  if (content === '') return '` `';
  const delimiter = '`'.repeat(longestBacktickRun(content) + 1);
  const pad =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '');
  const space = pad ? ' ' : '';
  return `${delimiter}${space}${content}${space}${delimiter}`;
}

/**
 * A fenced code block: the fence is longer than any backtick run in the content, so no content line
 * can close it (https://spec.commonmark.org/0.31.2/#fenced-code-blocks). Line endings become `\n`;
 * other controls but tab become U+FFFD.
 */
export function codeFence(content: string, info = ''): string {
  const body = content
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd')
    .replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}

/** Cuts `text` to at most `max` characters (UTF-16 units), marking the cut with `…`. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  // Never leave half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
