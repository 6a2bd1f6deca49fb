import {
  GitHubApiError,
  isNetworkError,
  isRequestError,
  toGitHubApiError,
  type CallContext,
} from './github-api-error.ts';

export interface OctokitResponseLike {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

/**
 * The two methods kubeproof uses of an Octokit. `@actions/github`'s `getOctokit(token)` and Probot's
 * `context.octokit` both have them (`graphql` knows GitHub Enterprise's `/api/graphql` path).
 */
export interface OctokitLike {
  request(route: string, parameters?: Record<string, unknown>): Promise<OctokitResponseLike>;
  graphql(query: string, parameters?: Record<string, unknown>): Promise<unknown>;
}

export interface GitHubClientOptions {
  /** Waits between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Retries after the first attempt for 5xx, 429, secondary rate limits and network errors. Default 3. */
  retries?: number;
}

/** Octokit calls with retries, pagination and errors that say what to do. */
export interface GitHubClient {
  request<T>(route: string, parameters: Record<string, unknown>, context: CallContext): Promise<Response<T>>;
  /** Every item of a list endpoint, 100 per page, following the `link: rel="next"` header. */
  paginate<T>(route: string, parameters: Record<string, unknown>, context: CallContext): Promise<T[]>;
  graphql<T>(query: string, variables: Record<string, unknown>, context: CallContext): Promise<T>;
}

export interface Response<T> {
  status: number;
  headers: Record<string, unknown>;
  data: T;
}

/** Longest wait we honour from `retry-after`; past it we fail rather than hold a runner. */
const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 1_000;

function header(error: unknown, name: string): string | undefined {
  if (!isRequestError(error)) return undefined;
  const value = error.response?.headers[name];
  return value === undefined ? undefined : String(value);
}

/** Milliseconds to wait before retry `attempt` (1-based), or undefined when the error is final. */
function retryDelay(error: unknown, attempt: number): number | undefined {
  const backoff = BASE_DELAY_MS * 2 ** (attempt - 1);
  if (isNetworkError(error)) return backoff;
  if (!isRequestError(error)) return undefined;
  const retryAfter = header(error, 'retry-after');
  // Secondary rate limits answer 403 or 429 with retry-after:
  // https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
  const retryable =
    error.status >= 500 || error.status === 429 || (error.status === 403 && retryAfter !== undefined);
  if (!retryable) return undefined;
  if (retryAfter === undefined) return backoff;
  const ms = Number(retryAfter) * 1000;
  if (!Number.isFinite(ms) || ms < 0) return backoff;
  return ms > MAX_RETRY_AFTER_MS ? undefined : ms;
}

function nextLink(headers: Record<string, unknown>): boolean {
  const link = headers['link'];
  return typeof link === 'string' && /rel="next"/.test(link);
}

interface GraphqlErrorLike {
  errors: { type?: string; message: string }[];
}

function isGraphqlError(error: unknown): error is GraphqlErrorLike {
  return error instanceof Error && Array.isArray((error as { errors?: unknown }).errors);
}

/** Wraps an Octokit-like object with kubeproof's retry and error policy. */
export function createGitHubClient(octokit: OctokitLike, options: GitHubClientOptions = {}): GitHubClient {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = options.retries ?? 3;

  async function withRetries<T>(call: () => Promise<T>, context: CallContext): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (error instanceof GitHubApiError) throw error;
        if (isGraphqlError(error) && !isRequestError(error)) throw graphqlError(error, context);
        const delay = attempt > retries ? undefined : retryDelay(error, attempt);
        if (delay === undefined) throw toGitHubApiError(error, context, attempt);
        await sleep(delay);
      }
    }
  }

  const client: GitHubClient = {
    async request<T>(route: string, parameters: Record<string, unknown>, context: CallContext) {
      return (await withRetries(() => octokit.request(route, parameters), context)) as Response<T>;
    },
    async paginate<T>(route: string, parameters: Record<string, unknown>, context: CallContext) {
      const items: T[] = [];
      for (let page = 1; ; page++) {
        const response = await client.request<T[]>(route, { ...parameters, per_page: 100, page }, context);
        items.push(...response.data);
        if (!nextLink(response.headers)) return items;
      }
    },
    async graphql<T>(query: string, variables: Record<string, unknown>, context: CallContext) {
      return (await withRetries(() => octokit.graphql(query, variables), context)) as T;
    },
  };
  return client;
}

function graphqlError(error: GraphqlErrorLike, context: CallContext): GitHubApiError {
  const said = error.errors.map((item) => item.message).join('; ');
  const forbidden = error.errors.some((item) => item.type === 'FORBIDDEN');
  const message = forbidden
    ? `the token lacks permission to ${context.operation}: add \`permissions: ${context.permission}\` to the workflow (GitHub said: ${said})`
    : `GitHub's GraphQL API refused to ${context.operation} (GitHub said: ${said})`;
  return new GitHubApiError(message, {
    status: forbidden ? 403 : undefined,
    operation: context.operation,
    githubMessage: said,
  });
}
