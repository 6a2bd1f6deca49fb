import { describe, expect, it } from 'vitest';
import { createFakeGitHubPort, forbidden } from '../../helpers/fake-github-port.ts';

const PR = { owner: 'octo', repo: 'gitops', number: 7 };
const KEY = 'octo/gitops#7';

describe('the fake GitHub port', () => {
  it('keeps comments with the same upsert rules as the Octokit port, and records calls', async () => {
    const port = createFakeGitHubPort({ comments: { [KEY]: ['hello', '<!-- kubeproof:validate -->\nold'] } });

    await port.upsertComment(PR, 'report', ['one', 'two']);
    await port.upsertComment(PR, 'report', ['only'], { outdatedKeys: ['validate'] });

    expect(port.comments.get(KEY)).toEqual([
      { id: 1, body: 'hello', minimized: false },
      { id: 2, body: '<!-- kubeproof:validate -->\nold', minimized: true },
      { id: 3, body: '<!-- kubeproof:report -->\nonly', minimized: false },
    ]);
    expect(port.calls.map((call) => call.method)).toEqual(['upsertComment', 'upsertComment']);
  });

  it('serves trees and changed files, stores check runs and pull requests, fails on demand', async () => {
    const port = createFakeGitHubPort({
      trees: { 'octo/gitops@main': { 'envs/prod/a.yaml': 'a: 1\n' } },
      changedFiles: { [KEY]: ['envs/prod/a.yaml'] },
      failures: { upsertComment: forbidden() },
    });

    const tree = await port.getTree(PR, 'main');
    expect(new TextDecoder().decode(await tree.readFile('envs/prod/a.yaml'))).toBe('a: 1\n');
    await expect(port.getTree(PR, 'other')).rejects.toThrow(/no tree/);
    expect(await port.listChangedFiles(PR)).toEqual({
      files: [{ path: 'envs/prod/a.yaml', status: 'modified' }],
      truncated: false,
    });
    await expect(port.upsertComment(PR, 'report', ['x'])).rejects.toMatchObject({ status: 403 });
    const run = await port.publishCheckRun(
      { ...PR, sha: 'abc' },
      { name: 'kubeproof', conclusion: 'success', title: 't', summary: 's', annotations: [] },
    );
    expect(port.checkRuns).toMatchObject([{ id: run.id, sha: 'abc', conclusion: 'success' }]);
    const request = {
      ...PR,
      base: 'main',
      branch: 'b',
      title: 't',
      body: 'b',
      commitMessage: 'm',
      changes: [],
    };
    expect(await port.openOrUpdatePullRequest(request)).toMatchObject({ created: true });
    expect(await port.openOrUpdatePullRequest({ ...request, title: 't2' })).toMatchObject({ created: false });
    expect(port.pullRequests).toMatchObject([{ branch: 'b', title: 't2' }]);
  });
});
