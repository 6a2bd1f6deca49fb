import { errorHeader, isNetworkError, isRequestError, rateLimitResetMs } from './github-api-error.ts';

/** Longest wait we honour from `retry-after` or a rate limit's reset; past it we fail rather than hold a runner. */
const MAX_RETRY_AFTER_MS = 60_000;
const BASE_DELAY_MS = 1_000;
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

/**
 * Milliseconds to wait before retry `attempt` (1-based), or undefined when the error is final:
 * rate limits wait as GitHub asks (when that is bounded), 5xx, 429, timeouts and lost connections
 * back off 1 s, 2 s, 4 s... A create (`idempotent: false`) that failed otherwise may have been
 * carried out, so it is not repeated: its caller looks first.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  now: number,
  idempotent: boolean,
): number | undefined {
  const limited = rateLimitWait(error, now);
  if (limited !== undefined) return finite(limited);
  const backoff = BASE_DELAY_MS * 2 ** (attempt - 1);
  // 429 is a refusal: the call was not carried out, whatever it was.
  if (isRequestError(error) && error.status === 429 && !isNetworkError(error)) return backoff;
  if (!idempotent) return undefined;
  // A timeout reaches here as what Octokit makes of it: a 500 without a response.
  if (isNetworkError(error)) return backoff;
  if (!isRequestError(error) || error.status < 500) return undefined;
  const asked = retryAfterMs(error);
  return asked === undefined ? backoff : finite(asked);
}
