import { createGitHubClient, type GitHubClient, type OctokitLike } from './github-client.ts';
import type { GitHubPort, PullRequestState, RepoRef } from './github-port.ts';
import { createOctokitGitHubPort, type OctokitGitHubPortOptions } from './octokit-github-port.ts';

/** One attempt to deliver a webhook, as `GET /app/hook/deliveries` lists it. */
export interface Delivery {
  id: number;
  /** The same for every attempt of one event (the `x-github-delivery` header). */
  guid: string;
  deliveredAt: string;
  /** `OK`, or what went wrong (`Invalid HTTP Response: 503`, `timed out`). */
  status: string;
  statusCode: number;
  event: string;
}

/**
 * What the App sees of itself across installations, for picking up work it accepted and did not
 * finish: its installations, their recently pushed repositories and open pull requests, and its
 * webhook deliveries. Calls as the App (a JWT) or as an installation.
 */
export interface AppDirectory {
  listInstallations(): Promise<number[]>;
  portFor(installation: number): Promise<GitHubPort>;
  /** The installation's repositories pushed to since `since` (epoch ms). */
  listRecentRepositories(installation: number, since: number): Promise<RepoRef[]>;
  /** Open pull requests updated since `since`, the 100 most recently updated. */
  listOpenPullRequests(installation: number, repo: RepoRef, since: number): Promise<PullRequestState[]>;
  /** Delivery attempts since `since`, the newest first. */
  listDeliveries(since: number): Promise<Delivery[]>;
  /** Asks GitHub to deliver that attempt's event again. */
  redeliver(id: number): Promise<void>;
}

const APP = { permission: 'the App (its private key)', subject: 'the GitHub App' };

/** The delivery cursor of a `link: <...&cursor=X>; rel="next"` header. */
function nextCursor(link: unknown): string | undefined {
  const next = typeof link === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
  return next === undefined ? undefined : (new URL(next).searchParams.get('cursor') ?? undefined);
}

/**
 * The directory over the App's Octokit (`app.auth()` in Probot) and its installations' Octokits
 * (`app.auth(id)`). https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
 */
export function createAppDirectory(
  appOctokit: OctokitLike,
  installationOctokit: (installation: number) => Promise<OctokitLike>,
  options: OctokitGitHubPortOptions = {},
): AppDirectory {
  const app = createGitHubClient(appOctokit, options);
  const clients = new Map<number, Promise<{ client: GitHubClient; port: GitHubPort }>>();
  const installation = (id: number) => {
    let known = clients.get(id);
    if (known === undefined) {
      known = installationOctokit(id).then((octokit) => ({
        port: createOctokitGitHubPort(octokit, options),
        client: createGitHubClient(octokit, options),
      }));
      clients.set(id, known);
    }
    return known;
  };
  return {
    async listInstallations() {
      const items = await app.paginate<{ id: number }>(
        'GET /app/installations',
        {},
        {
          operation: 'list the App installations',
          ...APP,
        },
      );
      return items.map((item) => item.id);
    },
    portFor: async (id) => (await installation(id)).port,
    async listRecentRepositories(id, since) {
      const { client } = await installation(id);
      const items = await client.paginate<{
        name: string;
        owner: { login: string };
        pushed_at: string | null;
        archived?: boolean;
      }>(
        'GET /installation/repositories',
        {},
        {
          operation: `list the repositories of installation ${id}`,
          permission: 'metadata: read',
          subject: `installation ${id}`,
        },
      );
      return items
        .filter((item) => !item.archived && item.pushed_at !== null && Date.parse(item.pushed_at) >= since)
        .map((item) => ({ owner: item.owner.login, repo: item.name }));
    },
    async listOpenPullRequests(id, repo, since) {
      const { client } = await installation(id);
      const { data } = await client.request<
        {
          number: number;
          draft?: boolean;
          updated_at: string;
          head: { sha: string };
          base: { sha: string; ref: string };
        }[]
      >(
        'GET /repos/{owner}/{repo}/pulls',
        { ...repo, state: 'open', sort: 'updated', direction: 'desc', per_page: 100 },
        {
          operation: `list the open pull requests of ${repo.owner}/${repo.repo}`,
          permission: 'pull-requests: read',
          subject: `repository ${repo.owner}/${repo.repo}`,
        },
      );
      return data
        .filter((pull) => Date.parse(pull.updated_at) >= since)
        .map((pull) => ({
          number: pull.number,
          state: 'open' as const,
          draft: pull.draft === true,
          headSha: pull.head.sha,
          baseSha: pull.base.sha,
          baseRef: pull.base.ref,
        }));
    },
    async listDeliveries(since) {
      const deliveries: Delivery[] = [];
      let cursor: string | undefined;
      do {
        const response = await app.request<
          {
            id: number;
            guid: string;
            delivered_at: string;
            status: string;
            status_code: number;
            event: string;
          }[]
        >(
          'GET /app/hook/deliveries',
          { per_page: 100, ...(cursor === undefined ? {} : { cursor }) },
          { operation: "list the App's webhook deliveries", ...APP },
        );
        for (const item of response.data)
          deliveries.push({
            id: item.id,
            guid: item.guid,
            deliveredAt: item.delivered_at,
            status: item.status,
            statusCode: item.status_code,
            event: item.event,
          });
        const oldest = response.data.at(-1);
        cursor =
          oldest === undefined || Date.parse(oldest.delivered_at) < since
            ? undefined
            : nextCursor(response.headers['link']);
      } while (cursor !== undefined);
      return deliveries.filter((delivery) => Date.parse(delivery.deliveredAt) >= since);
    },
    async redeliver(id) {
      await app.request(
        'POST /app/hook/deliveries/{delivery_id}/attempts',
        { delivery_id: id },
        { operation: `redeliver webhook delivery ${id}`, ...APP, idempotent: false },
      );
    },
  };
}
