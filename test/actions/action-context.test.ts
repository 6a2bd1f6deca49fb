import { describe, expect, it } from 'vitest';
import { actionContext, pullRequestOf } from '../../platform/actions/action-context.ts';
import { pullRequestPayload } from './pull-request-payload.ts';

describe('actionContext', () => {
  it('reads the pull request of a pull_request event and the runner variables', () => {
    const context = actionContext(
      {
        GITHUB_WORKSPACE: '/home/runner/work/gitops/gitops',
        RUNNER_TEMP: '/home/runner/work/_temp',
        GITHUB_REPOSITORY: 'acme/gitops',
        GITHUB_SHA: 'ffff',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '123',
      },
      'pull_request',
      pullRequestPayload({ number: 42, headSha: 'aaaa', baseSha: 'bbbb' }),
      '/',
    );
    expect(context).toEqual({
      workspace: '/home/runner/work/gitops/gitops',
      runnerTemp: '/home/runner/work/_temp',
      repo: { owner: 'acme', repo: 'gitops' },
      sha: 'ffff',
      eventName: 'pull_request',
      pullRequest: {
        pr: { owner: 'acme', repo: 'gitops', number: 42 },
        headSha: 'aaaa',
        baseSha: 'bbbb',
        baseRef: 'main',
      },
      runUrl: 'https://github.com/acme/gitops/actions/runs/123',
    });
  });

  it('has no pull request on a push', () => {
    expect(pullRequestOf('push', { ref: 'refs/heads/main', after: 'x' }, undefined)).toBeUndefined();
  });

  it('rejects a pull request payload without its SHAs', () => {
    expect(() => pullRequestOf('pull_request', { pull_request: { number: 1 } }, undefined)).toThrow(
      "the pull_request event payload lacks the pull request's number, head.sha, base.sha or repository",
    );
  });
});
