import { RequestTimeout } from './github-api-error.ts';

type Fetch = typeof globalThis.fetch;

/** Statuses whose response has no body (a `Response` with one cannot be built). */
const NO_BODY = new Set([204, 205, 304]);
const timed = new WeakSet<Fetch>();

/**
 * `fetch` abandoned with a `RequestTimeout` when it has no complete answer after `ms`, the body
 * included (it is read before this returns; Octokit reads it whole anyway). Without it a hanging
 * connection holds the runner for undici's 300 s. Octokit calls fetch once per attempt, so every
 * retry gets its own time.
 */
export function timedFetch(fetch: Fetch, ms: number): Fetch {
  const wrapped: Fetch = async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new RequestTimeout(ms)), ms);
    const signal = init?.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      const response = await fetch(input, { ...init, signal });
      if (response.status < 200) return response;
      const body = NO_BODY.has(response.status) ? null : await response.arrayBuffer();
      const whole = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      Object.defineProperty(whole, 'url', { value: response.url });
      return whole;
    } catch (error) {
      if (controller.signal.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  timed.add(wrapped);
  return wrapped;
}

/** True for a fetch `timedFetch` made: it is not wrapped twice. */
export function isTimedFetch(fetch: unknown): boolean {
  return typeof fetch === 'function' && timed.has(fetch as Fetch);
}
