import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCheckInputs, parseDiffInputs } from '../../platform/actions/check-inputs.ts';
import { runCheckAction, runDiffAction } from '../../platform/actions/run-check-action.ts';
import { GitHubApiError } from '../../platform/github/github-api-error.ts';
import { createFakeGitHubPort, forbidden } from '../helpers/fake-github-port.ts';
import {
  BASE_SHA,
  FIXTURES,
  HEAD_SHA,
  PR,
  TEST_SCHEMA_LOCATIONS,
  changedPaths,
  checkDeps,
  filesOf,
  gitWorkspace,
  headWorkspace,
  inputs,
  pullRequestContext,
} from './action-test-kit.ts';

const checkInputs = (extra: Record<string, string> = {}) =>
  parseCheckInputs(inputs({ 'github-token': 't', 'schema-locations': TEST_SCHEMA_LOCATIONS, ...extra }));

/** A fake GitHub with the scenario's base tree and changed files, as the API would answer. */
function fakeGitHub(scenario: string, prefix = '') {
  return createFakeGitHubPort({
    trees: { [`acme/gitops@${BASE_SHA}`]: filesOf(join(FIXTURES, scenario, 'base'), prefix) },
    changedFiles: { 'acme/gitops#42': changedPaths(scenario, prefix) },
  });
}

const methods = (port: ReturnType<typeof createFakeGitHubPort>) =>
  port.calls.map((call) => call.method).sort();

describe('the check action run()', () => {
  it('checks a pull request whose base is not in the checkout: one tarball, comment, check run, outputs', async () => {
    const workspace = headWorkspace('image-bump');
    const port = fakeGitHub('image-bump');
    const deps = checkDeps(pullRequestContext(workspace), port);

    const { failure } = await runCheckAction(checkInputs(), deps);

    expect(methods(port)).toEqual([
      'getTree',
      'listChangedFiles',
      'publishCheckRun',
      'startCheckRun',
      'upsertComment',
    ]);
    expect(failure).toBeUndefined();
    expect(deps.io.failed).toEqual([]);
    expect(deps.io.log).toContain(
      `kubeproof: base ${BASE_SHA} downloaded from the GitHub API (one tarball; check out with fetch-depth: 0 to skip it)`,
    );
    const comment = port.comments.get('acme/gitops#42')?.[0]?.body ?? '';
    expect(comment).toContain('image `ghcr.io/acme/web` `1.4.2` → `1.5.0`');
    expect(port.checkRuns).toMatchObject([{ name: 'kubeproof', conclusion: 'success', sha: HEAD_SHA }]);
    expect(port.checkRuns[0]?.detailsUrl).toBe('https://github.com/acme/gitops/actions/runs/7');
    expect(deps.io.outputs).toMatchObject({
      environments: '["prod"]',
      errors: '0',
      warnings: '0',
      changed: 'true',
      'changed-environments': '["prod"]',
      'comment-url': `https://github.com/acme/gitops/pull/42#issuecomment-${port.comments.get('acme/gitops#42')?.[0]?.id}`,
      conclusion: 'success',
      'sarif-file': join(deps.context.runnerTemp, 'kubeproof-check.sarif'),
    });
    expect(deps.io.outputs['comment-body']).toBe(comment);
    expect(deps.io.summary).toContain('#### prod: 1 changed');
    expect(deps.io.summary).toContain(`Rendered 1 environment`);
    const sarif = JSON.parse(deps.io.files.get(deps.io.outputs['sarif-file'] as string) ?? '{}');
    // The fixture's policy findings (no probes, no securityContext, a plain Secret, no digest) are on
    // the base too, on the same fields: the pull request did not add them, so they are counted, not
    // listed, and the new tag of an image without a digest is not a new problem either.
    expect(sarif).toMatchObject({ version: '2.1.0', runs: [{ results: [] }] });
    expect(deps.io.summary).toMatch(/\d+ findings the base already had not listed/);
  });

  it('reads the base from the checkout when it has history: no tarball', async () => {
    const { workspace, baseSha, headSha } = gitWorkspace('image-bump');
    const port = fakeGitHub('image-bump');
    const context = pullRequestContext(workspace, {
      pullRequest: { pr: PR, headSha, baseSha, baseRef: 'main' },
    });
    const deps = checkDeps(context, port);

    await runCheckAction(checkInputs(), deps);

    expect(methods(port)).toEqual(['listChangedFiles', 'publishCheckRun', 'startCheckRun', 'upsertComment']);
    expect(deps.io.log).toContain(`kubeproof: base ${baseSha} read from the checkout`);
    expect(deps.io.outputs['environments']).toBe('["prod"]');
  });

  it('fails the step on a validation error and still publishes what it found', async () => {
    const workspace = headWorkspace('invalid-head');
    const port = fakeGitHub('invalid-head');
    const deps = checkDeps(pullRequestContext(workspace), port);

    const { failure } = await runCheckAction(checkInputs(), deps);

    expect(failure).toBe(
      'kubeproof found 1 error and 0 warnings (fail-on: error); they are annotated on the files and listed in the job summary',
    );
    expect(deps.io.failed).toEqual([failure]);
    expect(port.checkRuns[0]).toMatchObject({ conclusion: 'failure' });
    expect(port.checkRuns[0]?.annotations).toMatchObject([
      { path: 'envs/prod/deployment-patch.yaml', level: 'failure', startLine: 6 },
    ]);
    expect(port.comments.get('acme/gitops#42')?.[0]?.body).toMatch(
      /\/spec\/replicas: got string, want null or integer/,
    );
    expect(deps.io.outputs).toMatchObject({ errors: '1', changed: 'true', conclusion: 'failure' });
    const sarif = JSON.parse(deps.io.files.get(deps.io.outputs['sarif-file'] as string) ?? '{}');
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'envs/prod/deployment-patch.yaml' },
      region: { startLine: 6 },
    });
  });

  it.each([
    ['never', undefined, 'neutral'],
    ['warning', 'kubeproof found 1 error and 0 warnings (fail-on: warning)', 'failure'],
  ])('fail-on %s', async (failOn, message, conclusion) => {
    const port = fakeGitHub('invalid-head');
    const deps = checkDeps(pullRequestContext(headWorkspace('invalid-head')), port);

    const { failure } = await runCheckAction(checkInputs({ 'fail-on': failOn }), deps);

    expect(failure?.split(';')[0]).toBe(message);
    expect(port.checkRuns[0]?.conclusion).toBe(conclusion);
    expect(deps.io.outputs['conclusion']).toBe(conclusion);
  });

  it('counts an environment that does not render as an error', async () => {
    const port = fakeGitHub('render-failure');
    const deps = checkDeps(pullRequestContext(headWorkspace('render-failure')), port);

    const { failure } = await runCheckAction(checkInputs(), deps);

    expect(failure).toMatch(/^kubeproof found 1 error/);
    expect(port.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('without a token: workflow-command annotations and the job summary, and says so', async () => {
    const workspace = headWorkspace('invalid-head');
    const deps = checkDeps(pullRequestContext(workspace), undefined);
    const noToken = parseCheckInputs(inputs({ 'schema-locations': TEST_SCHEMA_LOCATIONS }));

    await runCheckAction(noToken, deps);

    expect(deps.io.annotations.map((a) => a.message)).toContain(
      `kubeproof: base ${BASE_SHA} is not in the checkout (use actions/checkout with fetch-depth: 0) and there is no github-token to download it; every environment is checked as new`,
    );
    expect(deps.io.annotations.map((a) => a.message)).toContain(
      'kubeproof: no github-token was given; the findings are annotated with workflow commands and the report is in the job summary',
    );
    expect(deps.io.log.join('\n')).toMatch(
      /^::error file=envs\/prod\/deployment-patch\.yaml,line=6,col=\d+,.*title=kubeproof schema%3A The resource does not match its JSON Schema\.::.*replicas/m,
    );
    expect(deps.io.summary).toContain('kubeproof');
    expect(deps.io.failed).toHaveLength(1);
  });

  it('without permission (403 on both): falls back to annotations, names the permission, still fails per fail-on', async () => {
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${BASE_SHA}`]: filesOf(join(FIXTURES, 'invalid-head', 'base')) },
      changedFiles: { 'acme/gitops#42': changedPaths('invalid-head') },
      failures: {
        upsertComment: forbidden('comment on the pull request'),
        publishCheckRun: forbidden('create the check run'),
      },
    });
    const deps = checkDeps(pullRequestContext(headWorkspace('invalid-head')), port);

    await runCheckAction(checkInputs(), deps);

    const warnings = deps.io.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.join('\n')).toContain('pull-requests: write');
    expect(warnings.join('\n')).toContain('checks: write');
    expect(warnings.at(-1)).toMatch(
      /the findings are annotated with workflow commands and the report is in the job summary$/,
    );
    expect(deps.io.log.join('\n')).toMatch(/^::error file=envs\/prod\/deployment-patch\.yaml,line=6/m);
    expect(deps.io.failed).toHaveLength(1);
    expect(deps.io.outputs['errors']).toBe('1');
  });

  it('a base the API cannot give fails with what to do', async () => {
    const port = createFakeGitHubPort({
      failures: {
        getTree: new GitHubApiError('repository acme/gitops or ref x not found, or the token cannot see it', {
          status: 404,
          operation: 'download',
        }),
      },
    });
    const deps = checkDeps(pullRequestContext(headWorkspace('image-bump')), port);

    await expect(runCheckAction(checkInputs(), deps)).rejects.toThrow(
      /not found, or the token cannot see it/,
    );
  });

  it('falls back to comparing the trees when the list of changed files fails', async () => {
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${BASE_SHA}`]: filesOf(join(FIXTURES, 'image-bump', 'base')) },
      failures: { listChangedFiles: forbidden("list the pull request's files") },
    });
    const deps = checkDeps(pullRequestContext(headWorkspace('image-bump')), port);

    await runCheckAction(checkInputs(), deps);

    expect(deps.io.annotations[0]?.message).toMatch(/comparing the trees instead$/);
    expect(deps.io.outputs['environments']).toBe('["prod"]');
  });

  it('checks a repository in a subfolder: changed files and annotations use repository paths', async () => {
    const workspace = headWorkspace('invalid-head', 'clusters');
    const port = fakeGitHub('invalid-head', 'clusters/');
    const deps = checkDeps(pullRequestContext(workspace), port);

    await runCheckAction(checkInputs({ 'working-directory': 'clusters' }), deps);

    expect(deps.io.outputs['environments']).toBe('["prod"]');
    expect(port.checkRuns[0]?.annotations[0]?.path).toBe('clusters/envs/prod/deployment-patch.yaml');
  });

  it('keeps one sticky comment per working directory, and minimizes the diff-only comment it supersedes', async () => {
    const workspace = headWorkspace('image-bump', 'clusters');
    const port = createFakeGitHubPort({
      trees: { [`acme/gitops@${BASE_SHA}`]: filesOf(join(FIXTURES, 'image-bump', 'base'), 'clusters/') },
      changedFiles: { 'acme/gitops#42': changedPaths('image-bump', 'clusters/') },
      comments: {
        'acme/gitops#42': [
          '<!-- kubeproof:diff-clusters -->\nthe diff action ran here before',
          '<!-- kubeproof:report -->\nthe report of the root folder',
        ],
      },
    });
    const deps = checkDeps(pullRequestContext(workspace), port);

    await runCheckAction(checkInputs({ 'working-directory': 'clusters' }), deps);

    const comments = port.comments.get('acme/gitops#42') ?? [];
    expect(comments.map((c) => [c.body.split('\n')[0], c.minimized])).toEqual([
      ['<!-- kubeproof:diff-clusters -->', true],
      ['<!-- kubeproof:report -->', false],
      ['<!-- kubeproof:report-clusters -->', false],
    ]);
    expect(port.checkRuns[0]?.name).toBe('kubeproof (clusters)');
  });

  it('outside a pull request, with base-ref: no comment, no check run, annotations and summary', async () => {
    const { workspace, baseSha } = gitWorkspace('invalid-head');
    const port = fakeGitHub('invalid-head');
    const context = pullRequestContext(workspace, { eventName: 'push', pullRequest: undefined });
    const deps = checkDeps(context, port);

    await runCheckAction(checkInputs({ 'base-ref': baseSha }), deps);

    expect(port.calls).toEqual([]);
    expect(deps.io.annotations.map((a) => a.message)).toContain(
      'kubeproof: this push event is not about a pull request: no comment nor check run; the findings are annotated with workflow commands and the report is in the job summary',
    );
    expect(deps.io.outputs['environments']).toBe('["prod"]');
    // No check run was published: the conclusion is still the check's, and there is no comment.
    expect(deps.io.outputs).toMatchObject({ conclusion: 'failure', 'comment-url': '' });
  });

  it('says which folder is missing when working-directory is wrong', async () => {
    const deps = checkDeps(pullRequestContext(headWorkspace('image-bump')), undefined);
    await expect(runCheckAction(checkInputs({ 'working-directory': 'nope' }), deps)).rejects.toThrow(
      /^input working-directory: .*nope is not a folder/,
    );
  });
});

describe('the diff action run()', () => {
  it('diffs without validating: its own comment and check run, no validation errors', async () => {
    const port = fakeGitHub('invalid-head');
    const deps = checkDeps(pullRequestContext(headWorkspace('invalid-head')), port);

    const { failure } = await runDiffAction(parseDiffInputs(inputs({ 'github-token': 't' })), deps);

    expect(failure).toBeUndefined();
    expect(port.checkRuns).toMatchObject([{ name: 'kubeproof diff', conclusion: 'success' }]);
    const body = port.comments.get('acme/gitops#42')?.[0]?.body ?? '';
    expect(body.startsWith('<!-- kubeproof:diff -->')).toBe(true);
    expect(body).not.toMatch(/want integer/);
    expect(deps.io.outputs).toMatchObject({ errors: '0', changed: 'true', environments: '["prod"]' });
    expect(existsSync(deps.io.outputs['sarif-file'] as string)).toBe(false); // recorded, not written
  });
});
