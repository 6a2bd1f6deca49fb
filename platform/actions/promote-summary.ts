import { redactPatch } from '../../core/promote/promotion-pull-request-text.ts';
import { PROMOTION_OUTPUTS } from '../../core/report/promote/render-promotion.ts';
import type { PromotionOutcome } from '../promote-on-request.ts';

const SAID: Record<PromotionOutcome['status'], string> = {
  opened: 'opened',
  updated: 'updated',
  'up-to-date': 'already up to date (nothing written)',
  'nothing-to-promote': 'nothing to promote',
  refused: 'refused: nothing was written',
  failed: 'failed',
};

/** The job summary of the promote action: per pair, the pull request and the change table. */
export function promoteSummary(
  outcomes: readonly PromotionOutcome[],
  notes: readonly string[],
  failure: string | undefined,
): string {
  const lines = ['## kubeproof promote', ''];
  if (failure !== undefined) lines.push(`**${failure}**`, '');
  for (const note of notes) lines.push(`> ${note}`, '');
  for (const outcome of outcomes) {
    const pair =
      outcome.source === undefined ? (outcome.target ?? '') : `${outcome.source} → ${outcome.target ?? ''}`;
    const link =
      outcome.pullRequest === undefined
        ? ''
        : `: [#${outcome.pullRequest.number}](${outcome.pullRequest.url})`;
    const why = outcome.status === 'failed' && outcome.message !== undefined ? `: ${outcome.message}` : '';
    lines.push(`### ${pair === '' ? outcome.command : pair}: ${SAID[outcome.status]}${link}${why}`, '');
    if (outcome.plan !== undefined) {
      // Secret-looking values of a values file next to a tag stay hidden, as in the pull request.
      const plan = { ...outcome.plan, patch: redactPatch(outcome.plan.patch) };
      lines.push(
        PROMOTION_OUTPUTS.markdown({
          command: 'promote',
          plan,
          notes: outcome.notes,
          written: outcome.pullRequest !== undefined,
        }),
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
