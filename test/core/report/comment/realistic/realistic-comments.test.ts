import { describe, expect, it } from 'vitest';
import { renderComment } from '../../../../../core/report/comment/render-comment.ts';
import { detailsBalanced, fencesBalanced, foreignHtml } from '../markdown-checks.ts';
import { commentHtml } from './comment-html.ts';
import { REALISTIC_PRS } from './realistic-prs.ts';
import { runRealistic } from './run-realistic.ts';

/**
 * The comment of three realistic pull requests, from the real check (render, validate, diff):
 * the markdown and the HTML a browser makes of it are snapshots, looked at as screenshots
 * (README, docs/review-comment.png) when they change.
 */
describe.each(REALISTIC_PRS)('the comment on "$title"', (pr) => {
  it('matches its markdown and HTML snapshots', async () => {
    // Act
    const result = await runRealistic(pr);
    const bodies = renderComment(result.report);

    // Assert
    expect(bodies).toHaveLength(1);
    const [body = ''] = bodies;
    expect(fencesBalanced(body) && detailsBalanced(body)).toBe(true);
    expect(foreignHtml(body)).toEqual([]);
    await expect(body).toMatchFileSnapshot(`__snapshots__/${pr.name}.md`);
    await expect(commentHtml(pr.title, body)).toMatchFileSnapshot(`__snapshots__/${pr.name}.html`);
  });
});

describe('what a reviewer reads first', () => {
  it('base-and-image: the image bump of eu-prod first, then one entry for the 11 with only the memory limit, then the 9 unchanged', async () => {
    const [body = ''] = renderComment((await runRealistic(REALISTIC_PRS[0]!)).report);
    const headings = body.split('\n').filter((line) => line.startsWith('#### '));
    expect(headings).toEqual([
      '#### eu-prod: 1 changed · +3 −1 · ✅ valid',
      '#### 11 environments: 1 changed · +2 −0 each · ✅ valid',
    ]);
    expect(body).toContain(
      '- `Deployment simple-eu-prod/simple-deployment`: image `ghcr.io/acme/simple` `1.8.0` → `1.9.0`; memory limit added: `512Mi`',
    );
    expect(body).toContain('- `Deployment simple-deployment`: memory limit added: `512Mi`');
    expect(body).toContain(
      '9 unchanged: batch-1, batch-2, batch-3, batch-4, batch-5, batch-6, batch-7, batch-8, batch-9',
    );
    expect(body.match(/```diff/g)).toHaveLength(2);
  });

  it('bad-base: two problems, not eight, each linked to its line at the head commit', async () => {
    const [body = ''] = renderComment((await runRealistic(REALISTIC_PRS[1]!)).report);
    expect(body).toMatch(/^### kubeproof: 4 environments change · ❌ 2 validation errors$/m);
    const findings = body.split('\n').filter((line) => line.startsWith('- ❌'));
    expect(findings).toHaveLength(2);
    for (const finding of findings) expect(finding).toContain(' in all 4 environments: ');
    expect(findings[0]).toContain(
      '[`base/deployment.yaml:19`](https://github.com/acme/gitops/blob/9f3c2a1b8e7d6c5b4a39281706f5e4d3c2b1a098/base/deployment.yaml#L19)',
    );
    expect(body).toContain('port 8080/TCP `containerPort` `8080` → `"8080"` (number → string)');
  });

  it('settings: the environment the config names production comes first; the secret is never shown', async () => {
    const pr = REALISTIC_PRS[2]!;
    const [body = ''] = renderComment((await runRealistic(pr)).report);
    const headings = body.split('\n').filter((line) => line.startsWith('#### '));
    expect(headings.map((heading) => heading.split(':')[0])).toEqual([
      '#### customer-a',
      '#### dev',
      '#### staging',
    ]);
    for (const secret of ['hunter2', 'rotated-staging-pass', 'staging-pass', 'dev-pass'])
      expect(body).not.toContain(secret);
    expect(body).toContain('secret key password changed');
  });
});
