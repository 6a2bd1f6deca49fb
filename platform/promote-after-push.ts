/**
 * Promotion after a push to the default branch, written once for the promote action and the App:
 * the environments the push changed (as the pull-request check finds them), each to the next
 * (`promotion.order`, or the `promotion.auto` pairs), one promotion pull request per pair.
 *
 * The changed files come from comparing the trees before and after the push
 * (core/check/changed-files.ts): the App downloads the `before` tarball (one API call, the same cost
 * as the compare API, without its 300-file cap), the action reads it from the checkout when the
 * commit is there and from the API otherwise. A caller that knows the list passes `changedFiles`.
 */
import { changedFiles as treeChanges } from '../core/check/changed-files.ts';
import type { FileSource } from '../core/files/file-source.ts';
import type { Finding } from '../core/findings.ts';
import { pushedPromotions } from '../core/promote/pushed-promotions.ts';
import { affectedEnvironments } from '../core/render/environments/affected-environments.ts';
import { discoverEnvironments } from '../core/render/environments/discover-environments.ts';
import { loadConfig } from '../core/render/environments/load-config.ts';
import type { RepositoryIdentity } from '../core/render/environments/repository-identity.ts';
import type { GitHubPort, RepoRef } from './github/github-port.ts';
import type { Logger } from './logger.ts';
import { promoteOnRequest, type PromotionOutcome } from './promote-on-request.ts';

export interface PushPromotionRequest {
  repo: RepoRef;
  /** The branch pushed (the default branch): the promotion pull requests go into it. */
  branch: string;
  /** The pushed commit, which `after` holds. */
  afterSha: string;
  after: FileSource;
  /** The folder of the repository `after` and `before` are (an action's `working-directory`). */
  prefix?: string;
  /** The files before the push; undefined for a push that created the branch. */
  before: FileSource | undefined;
  /** The files the push changed, when the caller has them (else `before` and `after` are compared). */
  changedFiles?: string[];
  /** What an unset `promotion.auto` means: true for the promote action, false for the App. */
  autoByDefault: boolean;
  repository?: RepositoryIdentity;
  autoMerge?: 'merge' | 'squash' | 'rebase';
  draft?: boolean;
}

export interface PushPromotionResult {
  /** The environments the push changed, in discovery order. */
  changed: string[];
  /** One per pair, in the order of `changed`. */
  outcomes: PromotionOutcome[];
  /** Why a changed environment was not promoted, or why nothing was looked at. */
  notes: string[];
  /** The config's findings (an error stops everything: nothing is promoted). */
  findings: Finding[];
  /** Set when nothing could be promoted at all: the config has errors. */
  failure?: string;
}

/** Opens or updates the promotion pull request of every environment `push` changed. */
export async function promoteAfterPush(
  push: PushPromotionRequest,
  deps: { port: GitHubPort; log: Logger },
): Promise<PushPromotionResult> {
  const loaded = await loadConfig(push.after);
  const configPath = loaded.path ?? '.kubeproof.yaml';
  if (loaded.findings.some((finding) => finding.severity === 'error'))
    return {
      changed: [],
      outcomes: [],
      notes: [],
      findings: loaded.findings,
      failure: `${configPath} has errors: fix them first; nothing was promoted`,
    };
  if (push.before === undefined && push.changedFiles === undefined)
    return {
      changed: [],
      outcomes: [],
      notes: [
        'the push created the branch: there is no commit before it to tell what changed; nothing was promoted',
      ],
      findings: loaded.findings,
    };
  const discover = push.repository ? { repository: push.repository } : {};
  const discovered = await discoverEnvironments(push.after, loaded, discover);
  const counterpart =
    push.before === undefined
      ? undefined
      : (await discoverEnvironments(push.before, undefined, discover)).environments;
  const files = push.changedFiles ?? (await treeChanges(push.before as FileSource, push.after));
  const { affected } = await affectedEnvironments(
    discovered.environments,
    files,
    push.after,
    counterpart === undefined ? {} : { counterpart },
  );
  const names = discovered.environments.map((environment) => environment.name);
  const { promotions, notes } = pushedPromotions(
    affected,
    names,
    loaded.config?.promotion ?? {},
    push.autoByDefault,
  );
  const outcomes: PromotionOutcome[] = [];
  // One after the other: each pull request is a handful of calls, and GitHub asks integrators not
  // to make concurrent requests (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
  for (const promotion of promotions) {
    outcomes.push(
      await promoteOnRequest(
        {
          repo: push.repo,
          base: push.branch,
          baseSha: push.afterSha,
          files: push.after,
          ...(push.prefix ? { prefix: push.prefix } : {}),
          command: promotion.command,
          source: promotion.source,
          target: promotion.target,
          ...(push.repository === undefined ? {} : { repository: push.repository }),
          ...(push.autoMerge === undefined ? {} : { autoMerge: push.autoMerge }),
          ...(push.draft === undefined ? {} : { draft: push.draft }),
        },
        deps,
      ),
    );
  }
  return { changed: affected, outcomes, notes, findings: loaded.findings };
}
