import { describe, expect, it } from 'vitest';
import {
  actionContext,
  beforeOf,
  mergeGroupOf,
  pullRequestOf,
} from '../../platform/actions/action-context.ts';
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
        mergeCommitSha: 'c0ffee0000000000000000000000000000000000',
      },
      defaultBranch: 'main',
      runUrl: 'https://github.com/acme/gitops/actions/runs/123',
      repository: { urls: ['https://github.com/acme/gitops'], origin: 'GITHUB_REPOSITORY', branch: 'main' },
      serverUrl: 'https://github.com',
    });
  });

  it('knows the repository by GITHUB_REPOSITORY and the payload URLs, and the branch a run checks', () => {
    const env = { GITHUB_REPOSITORY: 'acme/gitops', GITHUB_SERVER_URL: 'https://ghe.example.com' };
    const payload = {
      repository: {
        clone_url: 'https://ghe.example.com/acme/gitops.git',
        ssh_url: 'git@ghe.example.com:acme/gitops.git',
      },
    };
    const push = actionContext(
      { ...env, GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'release' },
      'push',
      payload,
      '/',
    );
    expect(push.repository).toEqual({
      urls: [
        'https://ghe.example.com/acme/gitops',
        'https://ghe.example.com/acme/gitops.git',
        'git@ghe.example.com:acme/gitops.git',
      ],
      origin: 'GITHUB_REPOSITORY',
      branch: 'release',
    });
    const tag = actionContext(
      { ...env, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1' },
      'push',
      payload,
      '/',
    );
    expect(tag.repository?.branch).toBeUndefined();
    const queue = actionContext(
      { ...env, GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'gh-readonly-queue/main/pr-1-abc' },
      'merge_group',
      {
        ...payload,
        merge_group: { head_sha: 'a'.repeat(40), base_sha: 'b'.repeat(40), base_ref: 'refs/heads/main' },
      },
      '/',
    );
    expect(queue.repository?.branch).toBe('main');
    expect(actionContext({}, 'push', {}, '/').repository).toBeUndefined();
  });

  it('knows the branch a push or dispatch runs on, and the default branch', () => {
    const env = { GITHUB_REPOSITORY: 'acme/gitops', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'release' };
    const dispatch = actionContext(env, 'workflow_dispatch', { repository: { default_branch: 'main' } }, '/');
    expect([dispatch.branch, dispatch.defaultBranch]).toEqual(['release', 'main']);
    const tag = actionContext({ ...env, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1' }, 'push', {}, '/');
    expect([tag.branch, tag.defaultBranch]).toEqual([undefined, undefined]);
  });

  it('has no pull request on a push', () => {
    expect(pullRequestOf('push', { ref: 'refs/heads/main', after: 'x' }, undefined)).toBeUndefined();
  });

  it('rejects a pull request payload without its SHAs', () => {
    expect(() => pullRequestOf('pull_request', { pull_request: { number: 1 } }, undefined)).toThrow(
      "the pull_request event payload lacks the pull request's number, head.sha, base.sha or repository",
    );
  });

  it('reads the merge group of a merge_group event', () => {
    const payload = {
      action: 'checks_requested',
      merge_group: {
        head_sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-42-f0e1d2c3b4a5968778695a4b3c2d1e0f98765432',
        base_sha: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432',
        base_ref: 'refs/heads/main',
      },
      repository: { name: 'gitops', owner: { login: 'acme' } },
    };
    const context = actionContext({ GITHUB_REPOSITORY: 'acme/gitops' }, 'merge_group', payload, '/');

    expect(context.pullRequest).toBeUndefined();
    expect(context.mergeGroup).toEqual({
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      baseSha: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432',
    });
    expect(() => mergeGroupOf('merge_group', { merge_group: { head_sha: 'x' } })).toThrow(
      'the merge_group event payload lacks merge_group.head_sha or merge_group.base_sha',
    );
  });

  it.each([
    [
      'push',
      { before: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432' },
      'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432',
    ],
    ['push', { before: '0000000000000000000000000000000000000000' }, undefined],
    ['workflow_dispatch', { inputs: {} }, undefined],
    ['pull_request', { before: 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432' }, undefined],
  ])('the commit before a %s event (%j): %s', (eventName, payload, before) => {
    expect(beforeOf(eventName, payload)).toBe(before);
  });
});
