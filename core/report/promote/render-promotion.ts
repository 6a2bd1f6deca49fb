/**
 * The change table and patch of a promotion (plan-promotion.ts), as text, Markdown (a pull
 * request body) or JSON. Pure renderers in a map, as the other outputs (docs/architecture.md).
 */
import type { PromotionPlan, PromotionRow } from '../../promote/plan-promotion.ts';

export interface PromotionReport {
  /** `bump` or `promote`, for the headline. */
  command: 'bump' | 'promote';
  plan: PromotionPlan;
  /** Pairs that could not be formed (an app without the target stage). */
  notes: string[];
  /** Whether the files were written (false for --dry-run and when refused). */
  written: boolean;
}

const STATUS: Record<PromotionRow['status'], string> = {
  changed: '',
  unchanged: 'already there',
  refused: 'REFUSED',
  'only-in-source': 'not in target: not added',
  'only-in-target': 'not in source: left as it is',
  unpinned: 'source not pinned: not promoted',
};

function location(row: PromotionRow): string {
  return row.file === '' ? '-' : `${row.file}:${row.line}`;
}

/** One line saying what happened. */
export function promotionHeadline(report: PromotionReport): string {
  const { plan } = report;
  const changed = plan.rows.filter((row) => row.status === 'changed').length;
  if (plan.refused) {
    const refused = plan.rows.filter((row) => row.status === 'refused').length;
    return `${report.command} refused: ${refused} change${refused === 1 ? '' : 's'} cannot be made; nothing was written`;
  }
  if (changed === 0)
    return `nothing to ${report.command === 'bump' ? 'bump' : 'promote'}: every image is already there`;
  const files = plan.files.length;
  const what = `${changed} image version${changed === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  return report.written ? `changed ${what}` : `would change ${what} (dry run: nothing written)`;
}

function table(rows: readonly PromotionRow[], separator: string, markdown: boolean): string[] {
  const header = ['environment', 'image', 'from', 'to', 'file:line', 'note'];
  const body = rows.map((row) => [
    row.environment,
    row.image,
    row.from,
    row.to,
    location(row),
    [STATUS[row.status], row.message].filter((part) => part !== undefined && part !== '').join(': '),
  ]);
  if (markdown) {
    const escape = (cell: string): string => cell.replaceAll('|', '\\|');
    return [
      `| ${header.join(' | ')} |`,
      `|${header.map(() => ' --- ').join('|')}|`,
      ...body.map(
        (cells) =>
          `| ${cells.map((cell, i) => (cell === '' ? ' ' : i < 5 ? `\`${escape(cell)}\`` : escape(cell))).join(' | ')} |`,
      ),
    ];
  }
  const widths = header.map((title, i) =>
    Math.max(title.length, ...body.map((cells) => (cells[i] ?? '').length)),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join(separator)
      .trimEnd();
  return [line(header.map((title) => title.toUpperCase())), ...body.map(line)];
}

function renderText(report: PromotionReport): string {
  const lines = [promotionHeadline(report)];
  for (const note of report.notes) lines.push(`note: ${note}`);
  for (const note of report.plan.notes) lines.push(`note: ${note.file}:${note.line}: ${note.message}`);
  if (report.plan.rows.length > 0) lines.push('', ...table(report.plan.rows, '  ', false));
  let out = `${lines.join('\n')}\n`;
  if (report.plan.patch !== '') out += `\n${report.plan.patch}`;
  return out;
}

function renderMarkdown(report: PromotionReport): string {
  const lines = [`**${promotionHeadline(report)}**`];
  for (const note of report.notes) lines.push('', `> ${note}`);
  for (const note of report.plan.notes) lines.push('', `> \`${note.file}:${note.line}\`: ${note.message}`);
  if (report.plan.rows.length > 0) lines.push('', ...table(report.plan.rows, '', true));
  if (report.plan.patch !== '') lines.push('', '```diff', report.plan.patch.trimEnd(), '```');
  return `${lines.join('\n')}\n`;
}

function renderJson(report: PromotionReport): string {
  const { plan } = report;
  const files = plan.files.map(({ path, edits, text }) => ({ path, edits, content: text }));
  return `${JSON.stringify(
    {
      command: report.command,
      summary: promotionHeadline(report),
      refused: plan.refused,
      written: report.written,
      rows: plan.rows,
      notes: [...report.notes, ...plan.notes.map((note) => `${note.file}:${note.line}: ${note.message}`)],
      files,
      patch: plan.patch,
    },
    null,
    2,
  )}\n`;
}

export const PROMOTION_OUTPUTS = {
  text: renderText,
  markdown: renderMarkdown,
  json: renderJson,
} as const satisfies Record<string, (report: PromotionReport) => string>;

export type PromotionOutput = keyof typeof PROMOTION_OUTPUTS;
