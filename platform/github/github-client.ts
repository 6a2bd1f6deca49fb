import { GitHubApiError, toGitHubApiError, type CallContext } from './github-api-error.ts';
import { addRetryLayer, attemptsOf, type RetryLayerOptions } from './retry-layer.ts';

export interface OctokitResponseLike {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

/**
 * What kubeproof uses of an Octokit. `@actions/github`'s `getOctokit(token)` and Probot's
 * `context.octokit` both have it (`graphql` knows GitHub Enterprise's `/api/graphql` path,
 * `paginate` is @octokit/plugin-paginate-rest, `hook` is where the retry layer goes).
 */
export interface OctokitLike {
  request(route: string, parameters?: Record<string, unknown>): Promise<OctokitResponseLike>;
  graphql(query: string, parameters?: Record<string, unknown>): Promise<unknown>;
  paginate(route: string, parameters?: Record<string, unknown>): Promise<unknown[]>;
  hook: object;
}

export type GitHubClientOptions = RetryLayerOptions;

/** Octokit calls (retried by the Octokit's retry layer) with errors that say what to do. */
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

interface GraphqlErrorLike {
  errors: { type?: string; message: string }[];
}

function isGraphqlError(error: unknown): error is GraphqlErrorLike {
  return error instanceof Error && Array.isArray((error as { errors?: unknown }).errors);
}

/** What Octokit threw, as a `GitHubApiError` that says what to do. */
function translated(error: unknown, context: CallContext): GitHubApiError {
  if (error instanceof GitHubApiError) return error;
  if (isGraphqlError(error) && typeof (error as { status?: unknown }).status !== 'number')
    return graphqlError(error, context);
  return toGitHubApiError(error, context, attemptsOf(error) ?? 1);
}

/**
 * A create says `request.retries: 0`, what @octokit/plugin-retry reads: a 5xx, a timeout or a lost
 * connection may hide a success, so no retry layer (kubeproof's or Probot's) repeats it blindly.
 */
function withRetriesFor(parameters: Record<string, unknown>, context: CallContext): Record<string, unknown> {
  if (context.idempotent !== false) return parameters;
  const request = parameters['request'] as Record<string, unknown> | undefined;
  return { ...parameters, request: { ...request, retries: 0 } };
}

/**
 * Gives the Octokit kubeproof's retry layer (unless it has one: see `addRetryLayer`) and wraps its
 * calls so that they fail with a `GitHubApiError`. Retrying is the layer's; this only translates.
 */
export function createGitHubClient(octokit: OctokitLike, options: GitHubClientOptions = {}): GitHubClient {
  addRetryLayer(octokit, options);
  async function call<T>(context: CallContext, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translated(error, context);
    }
  }
  return {
    request: <T>(route: string, parameters: Record<string, unknown>, context: CallContext) =>
      call(
        context,
        async () => (await octokit.request(route, withRetriesFor(parameters, context))) as Response<T>,
      ),
    paginate: <T>(route: string, parameters: Record<string, unknown>, context: CallContext) =>
      call(
        context,
        async () => (await octokit.paginate(route, { ...parameters, per_page: 100, page: 1 })) as T[],
      ),
    graphql: <T>(query: string, variables: Record<string, unknown>, context: CallContext) =>
      call(context, async () => (await octokit.graphql(query, variables)) as T),
  };
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
