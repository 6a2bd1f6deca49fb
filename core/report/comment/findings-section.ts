/**
 * The comment's findings, once per place in the sources: `- ❌ \`schema\` on \`Deployment api\`
 * at [\`base/deployment.yaml:23\`](…) in dev, qa and 9 more: message`, linked to the file and line
 * at the head commit when the report knows where that is.
 */
import type { Finding } from '../../findings.ts';
import type { ReportMeta } from '../check-report.ts';
import type { DistinctFinding } from './distinct-findings.ts';
import { codeSpan, escapeMarkdown, shorten } from './escape-markdown.ts';
import { safeUrl } from './footer.ts';
import type { Block, Part } from './pack-bodies.ts';
import { MAX_NAME_LENGTH } from './summary-table.ts';
import { findingLocation, plural, resourceLabel } from './summarize-report.ts';

const MAX_LABEL_LENGTH = 300;
const SHORT_TEXT_LENGTH = 200;
/** Environments named in a finding's line before "and N more". */
const MAX_NAMES = 4;

const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

/** A path as a URL path: each segment percent-encoded, the slashes kept. */
function urlPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `{server}/{repository}/blob/{sha}/{path}#L{line}`, or undefined without links or a repository file. */
export function findingUrl(finding: Finding, meta: ReportMeta): string | undefined {
  const links = meta.sourceLinks;
  if (links === undefined || finding.path === '' || finding.path === 'stdin' || finding.path.startsWith('/'))
    return undefined;
  const path = `${links.pathPrefix ?? ''}${finding.path}`.replace(/^\.\//, '');
  if (path.split('/').includes('..')) return undefined;
  const line = finding.line !== undefined && finding.line >= 1 ? `#L${finding.line}` : '';
  const server = links.server.replace(/\/+$/, '');
  return safeUrl(
    `${server}/${urlPath(links.repository)}/blob/${encodeURIComponent(links.sha)}/${urlPath(path)}${line}`,
  );
}

/** `in prod`, `in dev, qa, staging and 8 more`, `in all 11 environments`. */
function where(environments: readonly string[], total: number): string {
  if (environments.length === 0) return '';
  if (environments.length > 1 && environments.length === total) return ` in all ${total} environments`;
  const names = environments
    .slice(0, MAX_NAMES)
    .map((name) => escapeMarkdown(shorten(name, MAX_NAME_LENGTH)));
  const more = environments.length - names.length;
  return ` in ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/** One finding's line, with its link, its resource and the environments it shows up in. */
export function findingLine(distinct: DistinctFinding, meta: ReportMeta, total: number): Part {
  const { finding } = distinct;
  const on =
    distinct.resource === undefined
      ? ''
      : ` on ${codeSpan(shorten(resourceLabel(distinct.resource), MAX_LABEL_LENGTH))}`;
  const location = codeSpan(shorten(findingLocation(finding), MAX_LABEL_LENGTH));
  const url = findingUrl(finding, meta);
  const at = ` at ${url === undefined ? location : `[${location}](${url})`}`;
  const head = `- ${SEVERITY_ICON[finding.severity]} ${codeSpan(shorten(finding.ruleId, SHORT_TEXT_LENGTH))}${on}${at}${where(distinct.environments, total)}`;
  return {
    text: `${head}: ${escapeMarkdown(finding.message)}`,
    short: `${head}: ${escapeMarkdown(shorten(finding.message, SHORT_TEXT_LENGTH))}`,
  };
}

/** `#### 2 errors, 1 warning` and one line per distinct finding; undefined when there is none. */
export function findingsSection(
  findings: readonly DistinctFinding[],
  meta: ReportMeta,
  total: number,
): Block | undefined {
  if (findings.length === 0) return undefined;
  const count = (severity: Finding['severity']): number =>
    findings.filter((distinct) => distinct.finding.severity === severity).length;
  const words = [
    ['error', 'error'],
    ['warning', 'warning'],
    ['notice', 'notice'],
  ] as const;
  const title = words
    .filter(([severity]) => count(severity) > 0)
    .map(([severity, noun]) => plural(count(severity), noun))
    .join(', ');
  return {
    open: `#### ${title}\n`,
    reopen: `#### ${title} (continued)\n`,
    close: '',
    parts: findings.map((distinct) => findingLine(distinct, meta, total)),
  };
}
