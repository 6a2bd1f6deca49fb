import type { FileSource } from '../../core/files/file-source.ts';
import type { CheckRunOutput } from '../../core/report/check-run-output.ts';

// The check run's data is built by the pure engine (core/report/check-run.ts), so its types live there.
export type { CheckAnnotation, CheckConclusion, CheckRunOutput } from '../../core/report/check-run-output.ts';

/** A repository on GitHub. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A pull request of a repository. */
export interface PullRef extends RepoRef {
  number: number;
}

/** A branch and the commit it is at. */
export interface BranchRef {
  name: string;
  sha: string;
}

/** A commit of a repository: check runs hang on the pull request's head SHA. */
export interface CommitRef extends RepoRef {
  sha: string;
}

/** How a file changed in a pull request, as GitHub's pulls/{n}/files says it. */
export type ChangeStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  path: string;
  status: ChangeStatus;
  /** For renames: the path in the base. */
  previousPath?: string;
}

export interface ChangedFiles {
  files: ChangedFile[];
  /**
   * GitHub lists at most 3,000 files of a pull request; with that many the list may be cut, and the
   * caller should fall back to checking every environment.
   */
  truncated: boolean;
}

/** The comment as it stands after an upsert. */
export interface UpsertedComment {
  /** The first body's comment on github.com (`html_url`), when GitHub gave it. */
  url: string | undefined;
}

export interface PublishedCheckRun {
  id: number;
  url: string;
  /** Annotations sent, and annotations left out past the cap (said in the summary). */
  annotationsShown: number;
  annotationsOmitted: number;
}

/** What a check run shows while it runs. */
export interface CheckRunStart {
  name: string;
  detailsUrl?: string;
  /** ISO 8601 time the check started. */
  startedAt?: string;
}

export interface StartedCheckRun {
  id: number;
  url: string;
}

/** A file to write in a promotion commit; `content: null` deletes it. */
export interface FileChange {
  path: string;
  content: string | null;
}

/** The promotion pull request: `branch` is rebuilt from `base` with `changes` on every call. */
export interface PromotionPullRequest extends RepoRef {
  base: string;
  branch: string;
  title: string;
  body: string;
  commitMessage: string;
  changes: FileChange[];
  draft?: boolean;
  /**
   * The commit of `base` the change was planned on: when the branch has moved on since, nothing is
   * written (a `BaseMovedError`), so a newer commit's edits to the same files are never overwritten.
   */
  baseSha?: string;
  /** Labels the pull request carries (`promotion`); added when missing, never removed. */
  labels?: string[];
  /** Turn on auto-merge with this method, so it merges once its required checks pass. */
  autoMerge?: 'merge' | 'squash' | 'rebase';
}

export interface OpenedPullRequest {
  number: number;
  url: string;
  /** False when an open pull request from `branch` was updated instead. */
  created: boolean;
  /** False when the branch, title, body and labels were already exactly these: nothing was written. */
  changed: boolean;
  /** Why auto-merge could not be turned on (the repository does not allow it, for example). */
  autoMergeError?: string;
}

/** A pull request as it stands now. */
export interface PullRequestState {
  number: number;
  state: 'open' | 'closed';
  draft: boolean;
  headSha: string;
  baseSha: string;
  /** The branch it goes into (`main`). */
  baseRef: string;
}

/** A check run on a commit, as GitHub lists it. */
export interface CheckRunRecord {
  id: number;
  url: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  /** ISO 8601. */
  startedAt: string | null;
  /** The GitHub App that created it. */
  appId: number | undefined;
}

/** What a user may do in a repository, as GitHub's `permission` says it. */
export type RepoPermission = 'admin' | 'write' | 'read' | 'none';

/**
 * Every side effect kubeproof has on GitHub. One implementation over an Octokit
 * (`createOctokitGitHubPort`), one in-memory fake for the tests of everything above it.
 */
export interface GitHubPort {
  /** The files of `ref`, from one tarball download (not one request per file). */
  getTree(repo: RepoRef, ref: string): Promise<FileSource>;
  /** A branch and its commit; without a name, the repository's default branch. */
  getBranch(repo: RepoRef, branch?: string): Promise<BranchRef>;
  /** The files a pull request changes. */
  listChangedFiles(pr: PullRef): Promise<ChangedFiles>;
  /**
   * Creates or updates, in place, the comments marked `<!-- kubeproof:KEY -->` (body 1) and
   * `<!-- kubeproof:KEY:N -->` (body N); deletes continuation comments no longer needed; minimizes
   * as outdated the kubeproof comments whose key is in `options.outdatedKeys`.
   */
  upsertComment(
    pr: PullRef,
    key: string,
    bodies: string[],
    options?: UpsertCommentOptions,
  ): Promise<UpsertedComment>;
  /** Creates a check run `in_progress` on `commit`, for publishCheckRun to complete. */
  startCheckRun(commit: CommitRef, start: CheckRunStart): Promise<StartedCheckRun>;
  /**
   * Completes the check run `started` (from startCheckRun), or creates a completed one on `commit`,
   * with its annotations sent 50 per request.
   */
  publishCheckRun(
    commit: CommitRef,
    check: CheckRunOutput,
    started?: StartedCheckRun,
  ): Promise<PublishedCheckRun>;
  /** Commits `changes` on `branch` (from `base`) and opens a pull request, or updates the open one. */
  openOrUpdatePullRequest(request: PromotionPullRequest): Promise<OpenedPullRequest>;
  /** The pull request now (its head may have moved since the event that started a check). */
  getPullRequest(pr: PullRef): Promise<PullRequestState>;
  /** The latest check runs named `name` on `commit`. */
  listCheckRuns(commit: CommitRef, name: string): Promise<CheckRunRecord[]>;
  /** What `user` may do in `repo`; `none` for someone who is not a collaborator. */
  getPermission(repo: RepoRef, user: string): Promise<RepoPermission>;
  /** A new comment on an issue or pull request (an answer to a command). */
  postComment(issue: PullRef, body: string): Promise<UpsertedComment>;
}

export interface UpsertCommentOptions {
  /**
   * Keys of kubeproof comments this one replaces, to minimize as outdated; `'all'` for every other
   * key. Default none: two jobs of a matrix (one key each) must not hide each other's comment.
   */
  outdatedKeys?: readonly string[] | 'all';
}
