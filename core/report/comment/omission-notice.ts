import type { Detail } from './environment-section.ts';
import { fullOutputPlaces } from './footer.ts';
import { formatCount, plural } from './summarize-report.ts';
import type { ReportMeta } from '../check-report.ts';

/** What a shortened comment left out, so that a reader is never misled by a silent cut. */
export interface Omissions {
  detail: Detail;
  /** Resources whose unified diff, and notes whose text, are not shown. */
  diffs: number;
  notes: number;
  /** Number of bodies, 1 when not split; an upper bound while packing. */
  bodies: number;
  shortened: number;
  omitted: number;
}

/**
 * The line under the status line of a shortened comment: what is missing, why, and where the full
 * output is. Empty when nothing is missing.
 */
export function omissionNotice(omissions: Omissions, maxLength: number, meta: ReportMeta): string {
  const sentences: string[] = [];
  const limit = `a comment holds at most ${formatCount(maxLength)} characters`;
  if (omissions.detail === 'summaries' && omissions.diffs > 0) {
    sentences.push(`Diffs of ${plural(omissions.diffs, 'resource')} are left out: ${limit}.`);
  }
  if (omissions.detail === 'list' && omissions.diffs + omissions.notes > 0) {
    sentences.push(
      `Diffs of ${plural(omissions.diffs, 'resource')} and ${plural(omissions.notes, 'change note')} are left out, each resource shows its change kind only: ${limit}.`,
    );
  }
  if (omissions.bodies > 1) {
    sentences.push(`The report continues in ${plural(omissions.bodies - 1, 'more comment')} below.`);
  }
  if (omissions.shortened > 0) {
    sentences.push(`${plural(omissions.shortened, 'entry', 'entries')} shortened (marked …).`);
  }
  if (omissions.omitted > 0)
    sentences.push(`${plural(omissions.omitted, 'entry', 'entries')} too long to show.`);
  if (sentences.length === 0) return '';
  const places = fullOutputPlaces(meta);
  const where =
    places.length === 0 ? 'Run `kubeproof check` for the full output.' : `Full output: ${places.join(', ')}.`;
  // A GitHub alert: https://docs.github.com/get-started/writing-on-github/getting-started-with-writing-and-formatting-on-github/basic-writing-and-formatting-syntax#alerts
  return `> [!NOTE]\n> ${sentences.join(' ')} ${where}`;
}
