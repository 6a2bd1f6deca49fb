import { memoryFileSource } from '../../core/files/file-source.ts';
import { GitHubApiError } from '../../platform/github/github-api-error.ts';
import type {
  ChangedFile,
  CheckRunOutput,
  CommitRef,
  FileChange,
  GitHubPort,
  OpenedPullRequest,
  PromotionPullRequest,
  PullRef,
  PullRequestState,
  RepoPermission,
  RepoRef,
  UpsertCommentOptions,
} from '../../platform/github/github-port.ts';
import { BaseMovedError } from '../../platform/github/open-or-update-pull-request.ts';
import { commentMarker, parseMarker } from '../../platform/github/upsert-comment.ts';

export interface FakeComment {
  id: number;
  body: string;
  minimized: boolean;
}

export interface FakeCheckRun extends CheckRunOutput {
  id: number;
  sha: string;
}

/** A check run created in progress: `completed` once publishCheckRun completed it. */
export interface FakeStartedRun {
  id: number;
  sha: string;
  name: string;
  status: 'in_progress' | 'completed';
  startedAt: string;
}

export interface FakePullRequest {
  number: number;
  branch: string;
  base: string;
  title: string;
  body: string;
  commitMessage: string;
  changes: FileChange[];
  labels: string[];
}

/** One port call, in order, with its arguments. */
export type FakeCall = { method: keyof GitHubPort; args: unknown[] };

export interface FakeGitHubPortSetup {
  /** Files of a ref, keyed `owner/repo@ref`. */
  trees?: Record<string, Record<string, string | Uint8Array>>;
  /** Changed files of a pull request, keyed `owner/repo#number`. */
  changedFiles?: Record<string, (string | ChangedFile)[]>;
  /** Comments already on a pull request, keyed `owner/repo#number`. */
  comments?: Record<string, string[]>;
  /** The repository's default branch (getBranch without a name). Default `main`. */
  defaultBranch?: string;
  /** The commit a branch is at, keyed `owner/repo@branch`: a promotion planned on another is refused. */
  branchTips?: Record<string, string>;
  /** Makes these methods fail with this error (a 403 to test the fallback). */
  failures?: Partial<Record<keyof GitHubPort, Error>>;
  /** Pull requests as getPullRequest answers, keyed `owner/repo#number` (change them to move a head). */
  pulls?: Record<string, PullRequestState>;
  /** Users' permission on every repository; `none` for the others. */
  permissions?: Record<string, RepoPermission>;
  /** The App id check runs are created by (listCheckRuns). Default 1. */
  appId?: number;
  /** The check runs' `started_at`. Default the epoch. */
  now?: () => number;
}

export interface FakeGitHubPort extends GitHubPort {
  calls: FakeCall[];
  /** Comments by `owner/repo#number`, in posting order. */
  comments: Map<string, FakeComment[]>;
  checkRuns: FakeCheckRun[];
  /** Check runs started in progress, in order. */
  startedRuns: FakeStartedRun[];
  pullRequests: FakePullRequest[];
  /** Comments posted with postComment, by `owner/repo#number`. */
  posted: Map<string, string[]>;
  /** The pull requests getPullRequest answers: move a head here. */
  pulls: Map<string, PullRequestState>;
}

const pullKey = (pr: PullRef): string => `${pr.owner}/${pr.repo}#${pr.number}`;
const treeKey = (repo: RepoRef, ref: string): string => `${repo.owner}/${repo.repo}@${ref}`;

/** A 403 as the Octokit port throws it, for testing the no-permission fallback. */
export function forbidden(operation = 'comment on the pull request'): GitHubApiError {
  return new GitHubApiError(`the token lacks permission to ${operation}`, { status: 403, operation });
}

/**
 * An in-memory GitHub port that records every call and keeps the resulting state (comments, check
 * runs, pull requests) with the same upsert rules as the Octokit one, for the tests of what sits on it.
 */
export function createFakeGitHubPort(setup: FakeGitHubPortSetup = {}): FakeGitHubPort {
  let nextId = 1;
  const comments = new Map<string, FakeComment[]>(
    Object.entries(setup.comments ?? {}).map(([key, bodies]) => [
      key,
      bodies.map((body) => ({ id: nextId++, body, minimized: false })),
    ]),
  );
  const checkRuns: FakeCheckRun[] = [];
  const startedRuns: FakeStartedRun[] = [];
  const pullRequests: FakePullRequest[] = [];
  const calls: FakeCall[] = [];
  const posted = new Map<string, string[]>();
  const pulls = new Map(Object.entries(setup.pulls ?? {}));
  const now = setup.now ?? (() => 0);
  const createdRuns: { id: number; sha: string; name: string; startedAt: string }[] = [];
  const record = (method: keyof GitHubPort, args: unknown[]): void => {
    calls.push({ method, args: structuredClone(args) });
    const failure = setup.failures?.[method];
    if (failure !== undefined) throw failure;
  };

  return {
    calls,
    comments,
    checkRuns,
    startedRuns,
    pullRequests,
    posted,
    pulls,
    async getTree(repo, ref) {
      record('getTree', [repo, ref]);
      const files = setup.trees?.[treeKey(repo, ref)];
      if (files === undefined) {
        throw new GitHubApiError(`no tree for ${treeKey(repo, ref)}`, { status: 404, operation: 'download' });
      }
      return memoryFileSource(files);
    },
    async getBranch(repo, branch) {
      record('getBranch', branch === undefined ? [repo] : [repo, branch]);
      const name = branch ?? setup.defaultBranch ?? 'main';
      const sha = setup.branchTips?.[treeKey(repo, name)];
      if (sha === undefined)
        throw new GitHubApiError(`branch ${name} of ${repo.owner}/${repo.repo} does not exist`, {
          status: 404,
          operation: `read branch ${name}`,
        });
      return { name, sha };
    },
    async listChangedFiles(pr) {
      record('listChangedFiles', [pr]);
      const files = (setup.changedFiles?.[pullKey(pr)] ?? []).map((file) =>
        typeof file === 'string' ? { path: file, status: 'modified' as const } : file,
      );
      return { files, truncated: false };
    },
    async upsertComment(pr, key, bodies, options: UpsertCommentOptions = {}) {
      record('upsertComment', [pr, key, bodies, options]);
      const list = comments.get(pullKey(pr)) ?? [];
      comments.set(pullKey(pr), list);
      const marked = bodies.map((body, i) => {
        const marker = commentMarker(key, i + 1);
        return body.startsWith(marker) ? body : `${marker}\n${body}`;
      });
      const kept = new Set<number>();
      for (const [i, body] of marked.entries()) {
        const existing = list.find((comment) => {
          const marker = parseMarker(comment.body);
          return marker?.key === key && marker.index === i + 1;
        });
        if (existing === undefined) list.push({ id: nextId++, body, minimized: false });
        else existing.body = body;
        kept.add(existing?.id ?? nextId - 1);
      }
      const first = [...kept][0];
      const outdated = options.outdatedKeys;
      for (const comment of [...list]) {
        const marker = parseMarker(comment.body);
        if (marker === undefined) continue;
        if (marker.key === key && !kept.has(comment.id)) list.splice(list.indexOf(comment), 1);
        else if (marker.key !== key && (outdated === 'all' || outdated?.includes(marker.key))) {
          comment.minimized = true;
        }
      }
      return {
        url:
          first === undefined
            ? undefined
            : `https://github.com/${pr.owner}/${pr.repo}/pull/${pr.number}#issuecomment-${first}`,
      };
    },
    async startCheckRun(commit: CommitRef, start) {
      record('startCheckRun', [commit, start]);
      const id = nextId++;
      const startedAt = start.startedAt ?? new Date(now()).toISOString();
      startedRuns.push({ id, sha: commit.sha, name: start.name, status: 'in_progress', startedAt });
      return { id, url: `https://github.com/${commit.owner}/${commit.repo}/runs/${id}` };
    },
    async publishCheckRun(commit: CommitRef, check, started) {
      record('publishCheckRun', [commit, check, ...(started === undefined ? [] : [started])]);
      const run = started === undefined ? undefined : startedRuns.find((r) => r.id === started.id);
      if (started !== undefined && run === undefined) throw new Error(`fake: no check run ${started.id}`);
      if (run !== undefined) run.status = 'completed';
      const id = run?.id ?? nextId++;
      if (run === undefined)
        createdRuns.push({ id, sha: commit.sha, name: check.name, startedAt: new Date(now()).toISOString() });
      checkRuns.push({ ...structuredClone(check), id, sha: commit.sha });
      return {
        id,
        url: `https://github.com/${commit.owner}/${commit.repo}/runs/${id}`,
        annotationsShown: check.annotations.length,
        annotationsOmitted: 0,
      };
    },
    async openOrUpdatePullRequest(request: PromotionPullRequest): Promise<OpenedPullRequest> {
      record('openOrUpdatePullRequest', [request]);
      const tip = setup.branchTips?.[treeKey(request, request.base)];
      if (request.baseSha !== undefined && tip !== undefined && tip !== request.baseSha)
        throw new BaseMovedError(request.base, request.baseSha, tip);
      const fields = {
        branch: request.branch,
        base: request.base,
        title: request.title,
        body: request.body,
        commitMessage: request.commitMessage,
        changes: structuredClone(request.changes),
        labels: [...(request.labels ?? [])],
      };
      const existing = pullRequests.find((pr) => pr.branch === request.branch && pr.base === request.base);
      const url = (n: number): string => `https://github.com/${request.owner}/${request.repo}/pull/${n}`;
      if (existing !== undefined) {
        const labels = [...new Set([...existing.labels, ...fields.labels])];
        const changed =
          JSON.stringify({ ...existing, number: 0 }) !== JSON.stringify({ number: 0, ...fields, labels });
        Object.assign(existing, fields, { labels });
        return { number: existing.number, url: url(existing.number), created: false, changed };
      }
      const number = nextId++;
      pullRequests.push({ number, ...fields });
      return { number, url: url(number), created: true, changed: true };
    },
    async getPullRequest(pr) {
      record('getPullRequest', [pr]);
      const state = pulls.get(pullKey(pr));
      if (state === undefined)
        throw new GitHubApiError(`no pull request ${pullKey(pr)}`, { status: 404, operation: 'read' });
      return structuredClone(state);
    },
    async listCheckRuns(commit, name) {
      record('listCheckRuns', [commit, name]);
      const runs = [
        ...startedRuns.map((run) => ({ ...run })),
        ...createdRuns.map((run) => ({ ...run, status: 'completed' as const })),
      ].filter((run) => run.sha === commit.sha && run.name === name);
      return runs
        .sort((a, b) => b.id - a.id)
        .map((run) => ({
          id: run.id,
          url: `https://github.com/${commit.owner}/${commit.repo}/runs/${run.id}`,
          status: run.status,
          conclusion:
            run.status === 'completed'
              ? (checkRuns.filter((check) => check.id === run.id).at(-1)?.conclusion ?? null)
              : null,
          startedAt: run.startedAt,
          appId: setup.appId ?? 1,
        }));
    },
    async getPermission(repo, user) {
      record('getPermission', [repo, user]);
      return setup.permissions?.[user] ?? 'none';
    },
    async postComment(issue, body) {
      record('postComment', [issue, body]);
      const list = posted.get(pullKey(issue)) ?? [];
      posted.set(pullKey(issue), list);
      list.push(body);
      return {
        url: `https://github.com/${issue.owner}/${issue.repo}/issues/${issue.number}#issuecomment-${nextId++}`,
      };
    },
  };
}
