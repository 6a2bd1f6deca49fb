/**
 * What a promotion pull request says: its branch, title, commit message and body, from the plan.
 * Pure; platform/promotion-pull-request.ts opens it through the GitHub port.
 */
import { DEFAULT_REDACT_KEY_PATTERN } from '../diff/diff-options.ts';
import { REDACTED } from '../diff/redact.ts';
import { escapeMarkdown } from '../report/comment/escape-markdown.ts';
import type { PromotionPlan, PromotionRow } from './plan-promotion.ts';

/** GitHub refuses pull request bodies over 65,536 characters; the rest of the budget is for the table. */
const BODY_LIMIT = 65_000;

/** The hidden marker a promotion pull request's body starts with (one per environment pair). */
export function promotionMarker(source: string | undefined, target: string): string {
  return `<!-- kubeproof:promotion ${source ?? '(set)'} -> ${target} -->`;
}

/** A name for a ref: letters, digits, `.`, `_` and `-`; anything else (`/` of `app/stage`) becomes `-`. */
function refPart(name: string): string {
  const part = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
  return part === '' ? 'environment' : part.replace(/\.lock$/, '-lock');
}

/**
 * `kubeproof/promote/<src>-to-<dst>`: one branch per environment pair, so a second promotion of the
 * pair updates the open pull request instead of opening another. A bump (no source) is `set-<dst>`.
 */
export function promotionBranch(source: string | undefined, target: string): string {
  return source === undefined
    ? `kubeproof/promote/set-${refPart(target)}`
    : `kubeproof/promote/${refPart(source)}-to-${refPart(target)}`;
}

/** The rows that change something, one per image and version (an image in several files counts once). */
function changedImages(rows: readonly PromotionRow[]): { image: string; to: string }[] {
  const seen = new Map<string, { image: string; to: string }>();
  for (const row of rows) {
    if (row.status !== 'changed') continue;
    const key = `${row.image}\u0000${row.to}`;
    if (!seen.has(key)) seen.set(key, { image: row.image, to: row.to });
  }
  return [...seen.values()];
}

/** `ghcr.io/acme/api` -> `api`: the name a reader knows the image by. */
function shortName(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

/** `Promote api 1.2.3 to prod`, or `Promote 3 images to prod`. */
export function promotionTitle(plan: PromotionPlan, target: string): string {
  const images = changedImages(plan.rows);
  const only = images[0];
  if (images.length === 1 && only !== undefined)
    return `Promote ${shortName(only.image)} ${only.to} to ${target}`;
  return `Promote ${images.length} images to ${target}`;
}

/** The commit's message: the title, then one line per image. */
export function promotionCommitMessage(
  plan: PromotionPlan,
  source: string | undefined,
  target: string,
): string {
  const lines = changedImages(plan.rows).map(({ image, to }) => `- ${image} ${to}`);
  const from = source === undefined ? '' : ` from ${source}`;
  return `${promotionTitle(plan, target)}\n\nSet by kubeproof${from}:\n${lines.join('\n')}\n`;
}

/**
 * The patch with the value of every line whose key looks secret (`password:`, `apiToken:`, as the
 * diff's redaction names them) hidden: a values file may keep one next to an image's tag, and the
 * patch's context lines would show it.
 */
export function redactPatch(patch: string): string {
  return patch.replace(
    /^([ +-]\s*(?:- )?)(["']?)([^\s:#"']+)\2(\s*:\s*)(?!\||>)(\S.*)$/gm,
    (line, lead: string, quote: string, key: string, colon: string) =>
      DEFAULT_REDACT_KEY_PATTERN.test(key) ? `${lead}${quote}${key}${quote}${colon}${REDACTED}` : line,
  );
}

const code = (text: string): string => `\`${text.replaceAll('`', "'")}\``;

function tableOf(rows: readonly PromotionRow[]): string {
  const lines = ['| Image | From | To | Where |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    lines.push(
      `| ${code(row.image)} | ${code(row.from)} | ${code(row.to)} | ${code(`${row.file}:${row.line}`)} |`,
    );
  }
  return lines.join('\n');
}

export interface PromotionBodyOptions {
  source: string | undefined;
  target: string;
  /** The command that reproduces it: `kubeproof promote --from staging --to prod`. */
  command: string;
  /** The rendered change of the target environment (markdown, secrets hidden), when it was rendered. */
  renderedDiff?: string;
}

/**
 * The body: what changes (a table), what was left alone and why, the rendered change of the target
 * environment, the patch; cut to GitHub's limit, largest parts first, saying so.
 */
export function promotionBody(plan: PromotionPlan, options: PromotionBodyOptions): string {
  const { source, target } = options;
  const changed = plan.rows.filter((row) => row.status === 'changed');
  const skipped = plan.rows.filter((row) => row.status !== 'changed' && row.status !== 'unchanged');
  const head = [
    promotionMarker(source, target),
    source === undefined
      ? `## kubeproof: set ${escapeMarkdown(target)}`
      : `## kubeproof: promote ${escapeMarkdown(source)} → ${escapeMarkdown(target)}`,
    '',
    `${changed.length} ${changed.length === 1 ? 'place changes' : 'places change'} in ${escapeMarkdown(target)}'s own files; only the version bytes are edited.`,
    '',
    tableOf(changed),
  ];
  if (skipped.length > 0) {
    head.push('', '**Not promoted**', '');
    for (const row of skipped)
      head.push(
        `- ${code(row.image)} in ${code(`${row.file}:${row.line}`)}: ${escapeMarkdown(row.message ?? row.status)}`,
      );
  }
  const tail = [
    '',
    `Reproduce with ${code(options.command)}. Merge to promote; close to skip this version. kubeproof updates this pull request when the next version comes.`,
  ];
  const fold = (summary: string, content: string): string =>
    `\n<details><summary>${summary}</summary>\n\n${content}\n\n</details>`;
  const rendered =
    options.renderedDiff === undefined
      ? ''
      : fold(`What changes in ${escapeMarkdown(target)}, rendered`, options.renderedDiff);
  const patch = fold('The patch', `\`\`\`diff\n${redactPatch(plan.patch).replaceAll('```', "'''")}\n\`\`\``);
  const body = (parts: string[]): string => [...head, ...parts, ...tail].join('\n');
  const full = [rendered, patch].filter((part) => part !== '');
  const candidates = [full, [rendered], [patch], []].map((parts) => parts.filter((part) => part !== ''));
  for (const parts of candidates) {
    const text = body(parts);
    if (text.length > BODY_LIMIT) continue;
    if (parts.length === full.length) return text;
    return `${text}\n\n_Parts of this description were left out to stay within GitHub's 65,536 characters: the Files changed tab has the whole change._`;
  }
  return [
    ...head.slice(0, 4),
    '_The change table is too long for a pull request description: the Files changed tab has the whole change._',
    ...tail,
  ].join('\n');
}
