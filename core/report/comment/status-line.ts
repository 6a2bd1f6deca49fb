import { plural, type ReportSummary } from './summarize-report.ts';

const ICONS = { error: '❌ ', warning: '⚠️ ', ok: '✅ ' } as const;

type Tone = keyof typeof ICONS;

/**
 * What the environments are: `2 environments change`, `no environment changes`, or without a base
 * what was rendered (`3 environments rendered, 41 resources, no base to compare`). Undefined when
 * every environment failed to render: anything else would be a claim about them.
 */
function scope(summary: ReportSummary): string | undefined {
  if (summary.environments.length === 0)
    return summary.notUnderstood === undefined
      ? 'no environment affected'
      : `no environment affected among those understood, ${plural(summary.notUnderstood.length, 'GitOps manifest')} not understood`;
  if (!summary.compared) {
    const rendered = summary.environments.length - summary.notRendered;
    if (rendered === 0) return undefined;
    return `${plural(rendered, 'environment')} rendered, ${plural(summary.resources, 'resource')}, no base to compare`;
  }
  if (summary.changed === 0) return summary.notRendered > 0 ? undefined : 'no environment changes';
  return `${plural(summary.changed, 'environment')} change${summary.changed === 1 ? 's' : ''}`;
}

/**
 * The verdict, numbers first: `kubeproof: 2 environments change · ❌ 3 validation errors`. With
 * `icons: false`, the same words without emoji (terminal text). `valid` only when every
 * environment rendered and at least one was validated without an error; `no environment found`
 * alone when the folder holds none.
 */
export function verdict(summary: ReportSummary, icons: boolean): string {
  const mark = (tone: Tone, text: string): string => (icons ? ICONS[tone] : '') + text;
  if (summary.noEnvironment !== undefined) return `kubeproof: ${mark('error', 'no environment found')}`;
  const what = scope(summary);
  const parts = what === undefined ? [] : [what];
  if (summary.notRendered > 0)
    parts.push(mark('error', `${plural(summary.notRendered, 'environment')} not rendered`));
  // "valid" only when every environment rendered and every resource was validated against the
  // schemas asked for.
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
    if (
      summary.validationErrors === 0 &&
      summary.notValidated === 0 &&
      summary.notRendered === 0 &&
      summary.validatedEnvironments > 0
    )
      parts.push(mark('ok', 'valid'));
  }
  if (summary.validationWarnings > 0) {
    parts.push(mark('warning', plural(summary.validationWarnings, 'validation warning')));
  }
  if (summary.policyRan) {
    if (summary.policyErrors > 0) parts.push(mark('error', plural(summary.policyErrors, 'policy error')));
    if (summary.policyWarnings > 0)
      parts.push(mark('warning', plural(summary.policyWarnings, 'policy warning')));
    // "policy passed" only when policy saw every environment: one that did not render was not checked.
    if (
      summary.policyErrors === 0 &&
      summary.policyWarnings === 0 &&
      summary.notRendered === 0 &&
      summary.policyEnvironments > 0
    )
      parts.push(mark('ok', summary.policyExisting > 0 ? 'no new policy problems' : 'policy passed'));
  }
  return `kubeproof: ${parts.join(' · ')}`;
}

/** The comment's status line, a level-3 heading. */
export function statusLine(summary: ReportSummary): string {
  return `### ${verdict(summary, true)}`;
}
