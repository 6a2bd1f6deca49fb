import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/findings.ts';
import type { CheckReport } from '../../core/report/check-report.ts';
import { GitHubApiError } from '../../platform/github/github-api-error.ts';
import type { Logger } from '../../platform/logger.ts';
import { publishReport, type PublishOptions } from '../../platform/publish-report.ts';
import { createFakeGitHubPort, forbidden, type FakeGitHubPortSetup } from '../helpers/fake-github-port.ts';
import { check, failingReport, META, mockReport, quietReport } from '../core/report/comment/fixtures.ts';

const pr = { owner: 'acme', repo: 'gitops', number: 42 };
const target = { pr, headSha: 'abc123' };
const options: PublishOptions = { comment: true, checkName: 'kubeproof', failOn: 'error' };

function recorder(): {
  info: string[];
  warning: string[];
  log: Logger;
} {
  const info: string[] = [];
  const warning: string[] = [];
  const ignore = (): void => {};
  // pino's shape (Probot's context.log): warnings arrive as `warn`.
  const log = { info: (m: string) => void info.push(m), warn: (m: string) => void warning.push(m) };
  return { info, warning, log: { ...log, error: ignore, debug: ignore } };
}

async function publish(
  report: CheckReport,
  setup: FakeGitHubPortSetup = {},
  overrides: Partial<PublishOptions> = {},
): Promise<{
  port: ReturnType<typeof createFakeGitHubPort>;
  outcome: Awaited<ReturnType<typeof publishReport>>;
  logs: ReturnType<typeof recorder>;
}> {
  const port = createFakeGitHubPort(setup);
  const logs = recorder();
  const outcome = await publishReport(port, target, report, { ...options, ...overrides }, logs.log);
  return { port, outcome, logs };
}

describe('publishReport', () => {
  it('posts the sticky comment and publishes the check run', async () => {
    // Act
    const { port, outcome, logs } = await publish(failingReport, {}, { detailsUrl: 'https://ci.example/1' });

    // Assert
    expect(port.calls.map((call) => call.method)).toEqual(['upsertComment', 'publishCheckRun']);
    const [comment] = port.comments.get('acme/gitops#42') ?? [];
    expect(comment?.body.startsWith('<!-- kubeproof:report -->\n### kubeproof:')).toBe(true);
    expect(port.checkRuns).toHaveLength(1);
    expect(port.checkRuns[0]).toMatchObject({
      sha: 'abc123',
      name: 'kubeproof',
      conclusion: 'failure',
      detailsUrl: 'https://ci.example/1',
    });
    expect(outcome).toEqual({
      conclusion: 'failure',
      comment: 'posted',
      commentUrl: 'https://github.com/acme/gitops/pull/42#issuecomment-1',
      checkRun: {
        id: port.checkRuns[0]?.id,
        url: `https://github.com/acme/gitops/runs/${port.checkRuns[0]?.id}`,
        annotationsShown: 3,
        annotationsOmitted: 0,
      },
      annotations: port.checkRuns[0]?.annotations,
    });
    expect(logs.warning).toEqual([]);
    expect(logs.info).toHaveLength(2);
  });

  it('updates the comment in place on the next push, under its own marker', async () => {
    // Arrange
    const port = createFakeGitHubPort();
    const { log } = recorder();

    // Act
    await publishReport(port, target, failingReport, { ...options, marker: 'diff' }, log);
    await publishReport(port, target, quietReport, { ...options, marker: 'diff' }, log);

    // Assert
    const comments = port.comments.get('acme/gitops#42') ?? [];
    expect(comments).toHaveLength(1);
    expect(
      comments[0]?.body.startsWith('<!-- kubeproof:diff -->\n### kubeproof: no environment changes'),
    ).toBe(true);
  });

  it('minimizes older kubeproof comments when told which keys it replaces', async () => {
    const { port } = await publish(
      quietReport,
      { comments: { 'acme/gitops#42': ['<!-- kubeproof:validate -->\nold', 'a human comment'] } },
      { outdatedKeys: ['validate'] },
    );

    expect(port.comments.get('acme/gitops#42')?.map((c) => c.minimized)).toEqual([true, false, false]);
    expect(port.calls[0]?.args[3]).toEqual({ outdatedKeys: ['validate'] });
  });

  it('publishes only the check run when the comment is turned off', async () => {
    const { port, outcome } = await publish(quietReport, {}, { comment: false });

    expect(port.calls.map((call) => call.method)).toEqual(['publishCheckRun']);
    expect(outcome.comment).toBe('skipped');
    expect(outcome.conclusion).toBe('success');
    expect(outcome.fallbackReason).toBeUndefined();
  });

  it('still publishes the check run when the comment is refused, and says which permission is missing', async () => {
    // Act
    const { port, outcome, logs } = await publish(failingReport, {
      failures: { upsertComment: forbidden('comment on the pull request') },
    });

    // Assert
    expect(port.checkRuns).toHaveLength(1);
    expect(outcome.comment).toBe('failed');
    expect(outcome.checkRun).toBeDefined();
    expect(outcome.fallbackReason).toBe(
      'the pull request comment failed: the token lacks permission to comment on the pull request ' +
        '(the workflow needs `permissions: pull-requests: write`)',
    );
    expect(logs.warning).toEqual([`kubeproof: ${outcome.fallbackReason}`]);
  });

  it('still posts the comment when the check run is refused', async () => {
    const { port, outcome } = await publish(failingReport, {
      failures: { publishCheckRun: forbidden('create the check run') },
    });

    expect(port.comments.get('acme/gitops#42')).toHaveLength(1);
    expect(outcome.comment).toBe('posted');
    expect(outcome.checkRun).toBeUndefined();
    expect(outcome.conclusion).toBe('failure');
    expect(outcome.annotations).toHaveLength(3);
    expect(outcome.fallbackReason).toContain('`permissions: checks: write`');
  });

  it('reports both failures without throwing, with a 404 and a server error', async () => {
    // Arrange
    const notFound = new GitHubApiError('pull request acme/gitops#42 not found, or the token cannot see it', {
      status: 404,
      operation: 'list the comments of the pull request',
    });
    const down = new GitHubApiError('GitHub failed to create the check run (HTTP 502); try again later', {
      status: 502,
      operation: 'create the check run',
    });

    // Act
    const { outcome, logs } = await publish(failingReport, {
      failures: { upsertComment: notFound, publishCheckRun: down },
    });

    // Assert
    expect(outcome.comment).toBe('failed');
    expect(outcome.checkRun).toBeUndefined();
    expect(outcome.fallbackReason).toBe(
      'the pull request comment failed: pull request acme/gitops#42 not found, or the token cannot see it ' +
        '(the workflow needs `permissions: pull-requests: write`); ' +
        'the check run failed: GitHub failed to create the check run (HTTP 502); try again later',
    );
    expect(logs.warning).toHaveLength(2);
  });

  it('does not repeat the permission when the port already names it', async () => {
    const refused = new GitHubApiError(
      'the token lacks permission to create the check run: add `permissions: checks: write` to the workflow',
      { status: 403, operation: 'create the check run' },
    );

    const { outcome } = await publish(
      quietReport,
      { failures: { publishCheckRun: refused } },
      { comment: false },
    );

    expect(outcome.fallbackReason).toBe(`the check run failed: ${refused.message}`);
  });

  it('rethrows a programming error, after attempting the other step', async () => {
    // Arrange
    const port = createFakeGitHubPort({ failures: { upsertComment: new TypeError('bug') } });

    // Act
    const published = publishReport(port, target, quietReport, options, recorder().log);

    // Assert
    await expect(published).rejects.toThrow(TypeError);
    expect(port.checkRuns).toHaveLength(1);
  });

  it.each([
    ['error', failingReport, 'failure'],
    ['never', failingReport, 'neutral'],
    ['error', mockReport, 'success'],
    ['warning', mockReport, 'failure'],
  ] as const)('with fail-on %s concludes %s', async (failOn, report, conclusion) => {
    const { port, outcome } = await publish(report, {}, { failOn });

    expect(outcome.conclusion).toBe(conclusion);
    expect(port.checkRuns[0]?.conclusion).toBe(conclusion);
  });

  it('hands all 120 annotations to the port, which batches them', async () => {
    // Arrange
    const findings: Finding[] = Array.from({ length: 120 }, (_, i) => ({
      ruleId: 'schema',
      severity: 'error',
      message: `finding ${i}`,
      path: 'apps/web/deployment.yaml',
      line: i + 1,
    }));
    const report: CheckReport = { environments: [], validation: [check('prod', 1, findings)], meta: META };

    // Act
    const { port, outcome } = await publish(report, {}, { pathPrefix: 'clusters' });

    // Assert
    expect(port.checkRuns[0]?.annotations).toHaveLength(120);
    expect(port.checkRuns[0]?.annotations[0]?.path).toBe('clusters/apps/web/deployment.yaml');
    expect(outcome.annotations).toHaveLength(120);
    expect(outcome.checkRun?.annotationsShown).toBe(120);
  });

  it('adds nothing sensitive: only error messages, never the request behind them', async () => {
    // Arrange: an error carrying its request, as Octokit's do, with a token in a header.
    const canary = 'ghs_CANARY0123456789abcdefghijklmnopqrstuv';
    const refused = Object.assign(forbidden('create the check run'), {
      request: { headers: { authorization: `token ${canary}` } },
    });
    const report: CheckReport = {
      ...quietReport,
      validation: [
        check('dev', 1, [
          {
            ruleId: 'schema',
            severity: 'error',
            message: 'data.password: <redacted>',
            path: 'a.yaml',
            line: 1,
          },
        ]),
      ],
    };

    // Act
    const { port, outcome, logs } = await publish(report, { failures: { publishCheckRun: refused } });

    // Assert
    const everything = JSON.stringify([
      port.calls,
      port.comments.get('acme/gitops#42'),
      outcome,
      logs.info,
      logs.warning,
    ]);
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain('authorization');
  });
});
