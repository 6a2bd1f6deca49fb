import { plural, type ReportSummary } from './summarize-report.ts';

const ICONS = { error: '❌ ', warning: '⚠️ ', ok: '✅ ' } as const;

type Tone = keyof typeof ICONS;

/**
 * The verdict, numbers first: `kubeproof: 2 environments change · ❌ 3 validation errors`. With
 * `icons: false`, the same words without emoji (terminal text).
 */
export function verdict(summary: ReportSummary, icons: boolean): string {
  const mark = (tone: Tone, text: string): string => (icons ? ICONS[tone] : '') + text;
  const changes =
    summary.environments.length === 0
      ? 'no environment affected'
      : summary.changed === 0
        ? 'no environment changes'
        : `${plural(summary.changed, 'environment')} change${summary.changed === 1 ? 's' : ''}`;
  const notRendered = mark('error', `${plural(summary.notRendered, 'environment')} not rendered`);
  // "no environment changes" would be a claim about environments that could not be rendered.
  const parts =
    summary.notRendered > 0 && summary.changed === 0
      ? [`kubeproof: ${notRendered}`]
      : [`kubeproof: ${changes}`, ...(summary.notRendered > 0 ? [notRendered] : [])];
  // "valid" only when every resource was validated against the schemas asked for.
  if (summary.validated) {
    if (summary.validationErrors > 0)
      parts.push(mark('error', plural(summary.validationErrors, 'validation error')));
    if (summary.notValidated > 0)
      parts.push(
        mark(
          summary.notValidatedErrors > 0 ? 'error' : 'warning',
          `${plural(summary.notValidated, 'resource')} not validated`,
        ),
      );
    if (summary.validationErrors === 0 && summary.notValidated === 0) parts.push(mark('ok', 'valid'));
  }
  if (summary.validationWarnings > 0) {
    parts.push(mark('warning', plural(summary.validationWarnings, 'validation warning')));
  }
  if (summary.policyRan) {
    if (summary.policyErrors > 0) parts.push(mark('error', plural(summary.policyErrors, 'policy error')));
    if (summary.policyWarnings > 0)
      parts.push(mark('warning', plural(summary.policyWarnings, 'policy warning')));
    if (summary.policyErrors === 0 && summary.policyWarnings === 0) parts.push(mark('ok', 'policy passed'));
  }
  return parts.join(' · ');
}

/** The comment's status line, a level-3 heading. */
export function statusLine(summary: ReportSummary): string {
  return `### ${verdict(summary, true)}`;
}
