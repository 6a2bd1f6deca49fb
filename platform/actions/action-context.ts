import { tmpdir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import type { RepositoryIdentity } from '../../core/render/environments/repository-identity.ts';
import type { PullRef, RepoRef } from '../github/github-port.ts';

/** The pull request an Actions run is about, from the `pull_request` event payload. */
export interface PullRequestInfo {
  pr: PullRef;
  /** The pull request's head commit: check runs hang on it so they show on the pull request. */
  headSha: string;
  /** The base branch's commit when the event fired: the default base of the diff. */
  baseSha: string;
  baseRef: string;
  /** GitHub's test merge of head into base (`merge_commit_sha`), when it has made one. */
  mergeCommitSha?: string;
}

/** The merge queue's commit of a `merge_group` event: a required check must report on it. */
export interface MergeGroupInfo {
  /** The merge group's commit (base plus the queued pull requests): the check run hangs on it. */
  headSha: string;
  /** The commit the group is built on: the default base of the diff. */
  baseSha: string;
}

/** What the runner tells an action about its run, parsed once (GITHUB_* and RUNNER_* variables). */
export interface ActionContext {
  /** GITHUB_WORKSPACE: where actions/checkout put the repository. */
  workspace: string;
  /** RUNNER_TEMP: emptied after every job; the SARIF file goes there. */
  runnerTemp: string;
  repo: RepoRef | undefined;
  /** GITHUB_SHA: the commit the workflow runs on (the merge commit, on pull requests). */
  sha: string | undefined;
  eventName: string;
  /** Undefined outside `pull_request` and `pull_request_target` events. */
  pullRequest: PullRequestInfo | undefined;
  /** Set on `merge_group` events only. */
  mergeGroup?: MergeGroupInfo;
  /** On `push` (and `workflow_dispatch` when a payload has it): the commit before, the default base. */
  before?: string;
  /** The workflow run's page, where the job summary is shown. */
  runUrl: string | undefined;
  /**
   * What discovery knows this repository by: `{GITHUB_SERVER_URL}/{GITHUB_REPOSITORY}` and the event
   * payload's `repository.clone_url` / `ssh_url`, with the branch checked (the pull request's base
   * branch, or the pushed branch).
   */
  repository?: RepositoryIdentity;
  /** GITHUB_REF_NAME when the run is on a branch (GITHUB_REF_TYPE `branch`): the pushed or dispatched branch. */
  branch?: string;
  /** The repository's default branch, from the event payload (`repository.default_branch`). */
  defaultBranch?: string;
  /** GITHUB_SERVER_URL: `https://github.com`, or a GitHub Enterprise Server; links to files start there. */
  serverUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `owner/name` of GITHUB_REPOSITORY. */
export function parseRepository(value: string | undefined): RepoRef | undefined {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value ?? '');
  return match ? { owner: match[1] as string, repo: match[2] as string } : undefined;
}

/**
 * The pull request of a `pull_request` or `pull_request_target` payload
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request), or undefined for
 * other events. A payload that claims to be a pull request but lacks its fields is an error.
 */
export function pullRequestOf(
  eventName: string,
  payload: unknown,
  repo: RepoRef | undefined,
): PullRequestInfo | undefined {
  const pull = record(record(payload)?.['pull_request']);
  if (pull === undefined) return undefined;
  const number = pull['number'];
  const headSha = text(record(pull['head'])?.['sha']);
  const base = record(pull['base']);
  const baseSha = text(base?.['sha']);
  const repository = record(record(payload)?.['repository']);
  const owner = text(record(repository?.['owner'])?.['login']) ?? repo?.owner;
  const name = text(repository?.['name']) ?? repo?.repo;
  if (typeof number !== 'number' || !headSha || !baseSha || !owner || !name) {
    throw new UsageError(
      `the ${eventName} event payload lacks the pull request's number, head.sha, base.sha or repository`,
    );
  }
  const mergeCommitSha = text(pull['merge_commit_sha']);
  return {
    pr: { owner, repo: name, number },
    headSha,
    baseSha,
    baseRef: text(base?.['ref']) ?? baseSha,
    ...(mergeCommitSha === undefined ? {} : { mergeCommitSha }),
  };
}

/**
 * The merge group of a `merge_group` payload
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#merge_group), or undefined.
 */
export function mergeGroupOf(eventName: string, payload: unknown): MergeGroupInfo | undefined {
  const group = record(record(payload)?.['merge_group']);
  if (group === undefined) return undefined;
  const headSha = text(group['head_sha']);
  const baseSha = text(group['base_sha']);
  if (!headSha || !baseSha) {
    throw new UsageError(`the ${eventName} event payload lacks merge_group.head_sha or merge_group.base_sha`);
  }
  return { headSha, baseSha };
}

const NO_COMMIT = /^0+$/;

/**
 * The commit before a push (`before`), or undefined: a new branch's push says 40 zeros. Only push
 * and workflow_dispatch events: a pull request's `before` is the head's previous commit, not a base.
 * https://docs.github.com/webhooks/webhook-events-and-payloads#push
 */
export function beforeOf(eventName: string, payload: unknown): string | undefined {
  if (eventName !== 'push' && eventName !== 'workflow_dispatch') return undefined;
  const before = text(record(payload)?.['before']);
  return before === undefined || NO_COMMIT.test(before) ? undefined : before;
}

/** The run's context from the runner's variables and the event payload (read from GITHUB_EVENT_PATH by the caller). */
export function actionContext(env: Env, eventName: string, payload: unknown, cwd: string): ActionContext {
  const repo = parseRepository(env['GITHUB_REPOSITORY']);
  const workspace = env['GITHUB_WORKSPACE'] || cwd;
  const server = env['GITHUB_SERVER_URL'] || 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  const mergeGroup = mergeGroupOf(eventName, payload);
  const before = beforeOf(eventName, payload);
  const pullRequest = pullRequestOf(eventName, payload, repo);
  const branch = env['GITHUB_REF_TYPE'] === 'branch' ? text(env['GITHUB_REF_NAME']) : undefined;
  const defaultBranch = text(record(record(payload)?.['repository'])?.['default_branch']);
  const identity = repositoryIdentityOf(env, eventName, server, repo, payload, pullRequest);
  return {
    workspace: isAbsolute(workspace) ? workspace : resolve(cwd, workspace),
    runnerTemp: env['RUNNER_TEMP'] || tmpdir(),
    repo,
    sha: env['GITHUB_SHA'] || undefined,
    eventName,
    pullRequest,
    ...(mergeGroup === undefined ? {} : { mergeGroup }),
    ...(before === undefined ? {} : { before }),
    ...(branch === undefined ? {} : { branch }),
    ...(defaultBranch === undefined ? {} : { defaultBranch }),
    serverUrl: server,
    runUrl:
      repo && runId
        ? `${server}/${repo.owner}/${repo.repo}/actions/runs/${runId}${env['GITHUB_RUN_ATTEMPT'] ? `/attempts/${env['GITHUB_RUN_ATTEMPT']}` : ''}`
        : undefined,
    ...(identity === undefined ? {} : { repository: identity }),
  };
}

/** The branch a run checks: a pull request's base, a merge group's base, a pushed branch. */
function checkedBranch(
  env: Env,
  eventName: string,
  payload: unknown,
  pullRequest: PullRequestInfo | undefined,
): string | undefined {
  const ref = pullRequest
    ? pullRequest.baseRef
    : eventName === 'merge_group'
      ? text(record(record(payload)?.['merge_group'])?.['base_ref'])
      : eventName === 'push' && env['GITHUB_REF_TYPE'] === 'branch'
        ? text(env['GITHUB_REF_NAME'])
        : undefined;
  // A pull request without its base ref falls back to the base SHA: no branch is known then.
  if (ref === undefined || /^[0-9a-f]{40}$/.test(ref)) return undefined;
  return ref.replace(/^refs\/heads\//, '');
}

function repositoryIdentityOf(
  env: Env,
  eventName: string,
  server: string,
  repo: RepoRef | undefined,
  payload: unknown,
  pullRequest: PullRequestInfo | undefined,
): RepositoryIdentity | undefined {
  const repository = record(record(payload)?.['repository']);
  const urls = [
    ...(repo ? [`${server}/${repo.owner}/${repo.repo}`] : []),
    ...[text(repository?.['clone_url']), text(repository?.['ssh_url'])].filter((url) => url !== undefined),
  ];
  if (urls.length === 0) return undefined;
  const branch = checkedBranch(env, eventName, payload, pullRequest);
  return { urls: [...new Set(urls)], origin: 'GITHUB_REPOSITORY', ...(branch ? { branch } : {}) };
}
