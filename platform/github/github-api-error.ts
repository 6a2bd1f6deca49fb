import { KubeproofError } from '../../core/errors.ts';

/** What a call was doing, to say so when it fails. */
export interface CallContext {
  /** `create the check run`, `list the pull request's files`. */
  operation: string;
  /** The workflow permission it needs: `checks: write`, `pull-requests: write`, `contents: read`. */
  permission: string;
  /** What a 404 means: `pull request octo/repo#4`. */
  subject: string;
  /**
   * False for a create (POST): a 5xx, a timeout or a lost connection may hide a success, so the call
   * is not repeated blindly and the caller looks first. Default true.
   */
  idempotent?: boolean;
}

/** An attempt that got no complete answer in time, abandoned (the client's `requestTimeoutMs`). */
export class RequestTimeout extends Error {
  override name = 'RequestTimeout';
  readonly ms: number;

  constructor(ms: number) {
    super(`GitHub did not answer within ${ms / 1000} s`);
    this.ms = ms;
  }
}

/** The `RequestTimeout` behind an error: Octokit wraps what fetch threw in a `RequestError`'s `cause`. */
export function timeoutOf(error: unknown): RequestTimeout | undefined {
  if (error instanceof RequestTimeout) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof RequestTimeout ? cause : undefined;
}

/** A GitHub API call failed: `status` is the HTTP status, undefined when GitHub was not reached. */
export class GitHubApiError extends KubeproofError {
  override name = 'GitHubApiError';
  readonly status: number | undefined;
  readonly operation: string;
  /** GitHub's own message, when it sent one. */
  readonly githubMessage: string | undefined;

  constructor(
    message: string,
    fields: { status: number | undefined; operation: string; githubMessage?: string },
  ) {
    super(message);
    this.status = fields.status;
    this.operation = fields.operation;
    this.githubMessage = fields.githubMessage;
  }
}

/** The parts of an Octokit `RequestError` we read, checked structurally (Probot may bring another copy). */
interface RequestErrorLike {
  status: number;
  message: string;
  response?: { headers: Record<string, unknown>; data?: unknown };
}

export function isRequestError(error: unknown): error is RequestErrorLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** True when GitHub never answered (DNS, refused, reset): Octokit reports those as 500 without a response. */
export function isNetworkError(error: unknown): boolean {
  return isRequestError(error) && error.response === undefined;
}

/** A response header of a failed call, as text. */
export function errorHeader(error: unknown, name: string): string | undefined {
  if (!isRequestError(error)) return undefined;
  const value = error.response?.headers[name];
  return value === undefined ? undefined : String(value);
}

/**
 * When the token's primary rate limit is used up (`x-ratelimit-remaining: 0`), the time it resets
 * (`x-ratelimit-reset`, epoch seconds) in epoch milliseconds:
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function rateLimitResetMs(error: unknown): number | undefined {
  if (!isRequestError(error) || (error.status !== 403 && error.status !== 429)) return undefined;
  if (errorHeader(error, 'x-ratelimit-remaining') !== '0') return undefined;
  const reset = Number(errorHeader(error, 'x-ratelimit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
}

function githubMessageOf(error: RequestErrorLike): string | undefined {
  const data = error.response?.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const details = Array.isArray(errors)
    ? errors.map((item: unknown) =>
        typeof item === 'string'
          ? item
          : typeof item === 'object' && item !== null
            ? String((item as { message?: unknown }).message ?? JSON.stringify(item))
            : String(item),
      )
    : [];
  const text = [typeof message === 'string' ? message : undefined, ...details].filter(Boolean).join(': ');
  return text === '' ? undefined : text;
}

/** The messages and codes along an error's `cause` chain: Octokit wraps fetch's, which wraps the socket's. */
function causeOf(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    // Octokit says "Unknown Error" when what fetch threw was not an Error.
    let text = typeof message === 'string' && message !== 'Unknown Error' ? message : '';
    if (typeof code === 'string' && !text.includes(code)) text = text === '' ? code : `${text} (${code})`;
    if (text !== '' && !parts.some((part) => part.includes(text))) parts.push(text);
    current = cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

/** Turns what Octokit threw into a `GitHubApiError` that says what to do about it. */
export function toGitHubApiError(error: unknown, context: CallContext, attempts: number): GitHubApiError {
  const { operation, permission, subject } = context;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const timeout = timeoutOf(error);
  if (timeout !== undefined) {
    return new GitHubApiError(
      `${timeout.message} to ${operation}${tries}; check the network, any proxy, and GITHUB_API_URL, or try again later (https://www.githubstatus.com)`,
      { status: undefined, operation },
    );
  }
  if (!isRequestError(error)) {
    return new GitHubApiError(`could not ${operation}: ${causeOf(error)}`, { status: undefined, operation });
  }
  if (isNetworkError(error)) {
    return new GitHubApiError(
      `cannot reach GitHub to ${operation}${tries}: ${causeOf(error)}; check the network, any proxy, and GITHUB_API_URL`,
      { status: undefined, operation },
    );
  }
  const { status } = error;
  const githubMessage = githubMessageOf(error) ?? error.message;
  const fields = { status, operation, githubMessage };
  const said = ` (GitHub said: ${githubMessage})`;
  const reset = rateLimitResetMs(error);
  if (reset !== undefined) {
    return new GitHubApiError(
      `GitHub's rate limit for this token is used up until ${new Date(reset).toISOString()} and stopped the call to ${operation}${tries}; ` +
        `re-run the job after that time, or use a token with its own limit (a GitHub App's)${said}`,
      fields,
    );
  }
  if (status === 401) {
    return new GitHubApiError(
      `the GitHub token was refused to ${operation}: it is missing, invalid or expired${said}`,
      fields,
    );
  }
  if (status === 403 && /rate limit/i.test(githubMessage)) {
    return new GitHubApiError(
      `GitHub's rate limit stopped the call to ${operation}${tries}; try again later${said}`,
      fields,
    );
  }
  if (status === 403) {
    return new GitHubApiError(
      `the token lacks permission to ${operation}: add \`permissions: ${permission}\` to the workflow ` +
        `(or grant it to the GitHub App); on pull requests from forks the workflow token is read-only${said}`,
      fields,
    );
  }
  if (status === 404) {
    return new GitHubApiError(
      `${subject} not found, or the token cannot see it: check the names, and for a private repository that ` +
        `the token has \`${permission}\`${said}`,
      fields,
    );
  }
  if (status === 422) {
    return new GitHubApiError(
      `GitHub rejected the request to ${operation}: validation failed${said}`,
      fields,
    );
  }
  if (status === 429) {
    return new GitHubApiError(
      `GitHub's rate limit stopped the call to ${operation}${tries}; try again later${said}`,
      fields,
    );
  }
  if (status >= 500) {
    return new GitHubApiError(
      `GitHub failed to ${operation} (HTTP ${status})${tries}; try again later (https://www.githubstatus.com)${said}`,
      fields,
    );
  }
  return new GitHubApiError(`GitHub answered HTTP ${status} to ${operation}${said}`, fields);
}
