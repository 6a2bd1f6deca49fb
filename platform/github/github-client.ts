import {
  errorHeader,
  GitHubApiError,
  isNetworkError,
  isRequestError,
  rateLimitResetMs,
  RequestTimeout,
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
  /** The wall clock in epoch milliseconds, to tell how far a rate limit's reset is. Default `Date.now`. */
  now?: () => number;
  /**
   * Retries after the first attempt for 5xx, 429, rate limits, timeouts and network errors. Default 3.
   * A create (`idempotent: false`) is retried only when GitHub refused it for a rate limit.
   */
  retries?: number;
  /**
   * An attempt without a complete answer after this long is abandoned (and retried). Default 60 s:
   * without it a hanging connection holds the runner for undici's 300 s, per try.
   */
  requestTimeoutMs?: number;
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

/** Longest wait we honour from `retry-after` or a rate limit's reset; past it we fail rather than hold a runner. */
const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 1_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Waited past a rate limit's reset: GitHub's clock and ours differ by a little. */
const RESET_SLACK_MS = 1_000;

/**
 * The wait GitHub asks for when it refused a call for a rate limit (the call was not carried out),
 * undefined when it did not, `Infinity` when the wait is longer than we hold a runner.
 * https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#handle-rate-limit-errors-appropriately
 */
function rateLimitWait(error: unknown, now: number): number | undefined {
  if (!isRequestError(error)) return undefined;
  // Secondary rate limits answer 403 or 429 with retry-after.
  if (error.status === 403 || error.status === 429) {
    const asked = retryAfterMs(error);
    if (asked !== undefined) return asked;
  }
  // The primary rate limit: worth waiting for only when it resets soon.
  const reset = rateLimitResetMs(error);
  if (reset === undefined) return undefined;
  const ms = Math.max(0, reset - now) + RESET_SLACK_MS;
  return ms > MAX_RETRY_AFTER_MS ? Infinity : ms;
}

/** The `retry-after` header in milliseconds (`Infinity` past what we wait), undefined without one. */
function retryAfterMs(error: unknown): number | undefined {
  const retryAfter = errorHeader(error, 'retry-after');
  if (retryAfter === undefined) return undefined;
  const ms = Number(retryAfter) * 1000;
  if (!Number.isFinite(ms) || ms < 0) return BASE_DELAY_MS;
  return ms > MAX_RETRY_AFTER_MS ? Infinity : ms;
}

const finite = (ms: number | undefined): number | undefined =>
  ms === undefined || !Number.isFinite(ms) ? undefined : ms;

/** Milliseconds to wait before retry `attempt` (1-based), or undefined when the error is final. */
function retryDelay(error: unknown, attempt: number, now: number, idempotent: boolean): number | undefined {
  const limited = rateLimitWait(error, now);
  if (limited !== undefined) return finite(limited);
  const backoff = BASE_DELAY_MS * 2 ** (attempt - 1);
  // 429 is a refusal: the call was not carried out, whatever it was.
  if (isRequestError(error) && error.status === 429 && !isNetworkError(error)) return backoff;
  // A create that failed otherwise may have been carried out: the caller looks before creating again.
  if (!idempotent) return undefined;
  if (error instanceof RequestTimeout || isNetworkError(error)) return backoff;
  if (!isRequestError(error) || error.status < 500) return undefined;
  const asked = retryAfterMs(error);
  return asked === undefined ? backoff : finite(asked);
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
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 3;
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  /** One attempt, abandoned with a `RequestTimeout` when it has no complete answer in time (body included). */
  async function timed<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeout(timeoutMs)), timeoutMs);
    try {
      return await call(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  async function withRetries<T>(call: (signal: AbortSignal) => Promise<T>, context: CallContext): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await timed(call);
      } catch (error) {
        if (error instanceof GitHubApiError) throw error;
        if (isGraphqlError(error) && !isRequestError(error)) throw graphqlError(error, context);
        const delay =
          attempt > retries ? undefined : retryDelay(error, attempt, now(), context.idempotent !== false);
        if (delay === undefined) throw toGitHubApiError(error, context, attempt);
        await sleep(delay);
      }
    }
  }

  // Octokit passes `request.signal` to fetch, which aborts the connection and the body's read. A
  // create also says `request.retries: 0`, what @octokit/plugin-retry (Probot's Octokit has it)
  // reads, so no layer below repeats it blindly either.
  const withSignal = (
    parameters: Record<string, unknown>,
    signal: AbortSignal,
    context: CallContext,
  ): Record<string, unknown> => ({
    ...parameters,
    request: {
      ...(parameters['request'] as Record<string, unknown> | undefined),
      signal,
      ...(context.idempotent === false ? { retries: 0 } : {}),
    },
  });

  const client: GitHubClient = {
    async request<T>(route: string, parameters: Record<string, unknown>, context: CallContext) {
      return (await withRetries(
        (signal) => octokit.request(route, withSignal(parameters, signal, context)),
        context,
      )) as Response<T>;
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
      return (await withRetries(
        (signal) => octokit.graphql(query, withSignal(variables, signal, context)),
        context,
      )) as T;
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
