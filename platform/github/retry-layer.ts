import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { EndpointDefaults, OctokitResponse } from '@octokit/types';
import Bottleneck from 'bottleneck/light.js';
import { retryDelay } from './retry-policy.ts';
import { isTimedFetch, timedFetch } from './timed-fetch.ts';

export interface RetryLayerOptions {
  /** Waits between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** The wall clock in epoch milliseconds, to tell how far a rate limit's reset is. Default `Date.now`. */
  now?: () => number;
  /**
   * Retries after the first attempt for 5xx, 429, rate limits, timeouts and network errors. Default 3.
   * A create (`request.retries: 0`) is retried only when GitHub refused it for a rate limit.
   */
  retries?: number;
  /**
   * An attempt without a complete answer after this long is abandoned (and retried). Default 60 s:
   * without it a hanging connection holds the runner for undici's 300 s, per try.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** The Octokit the plugins are given: `@octokit/core`'s, which both doors' Octokits are. */
type PluginHost = Parameters<typeof retry>[0];
/** Octokit's merged options of one call, the same object through every hook and every retry of it. */
type Endpoint = Required<EndpointDefaults>;
type Attempt = (endpoint: Endpoint) => OctokitResponse<unknown> | Promise<OctokitResponse<unknown>>;

/** What the policy hook knows of one call across its retries. */
interface Call {
  attempts: number;
  /** Asked for no retries (`request.retries: 0`): a create, repeated only after a refusal. */
  create: boolean;
  /** The policy's verdict on the last failure, which the throttling plugin's callbacks return. */
  retry: boolean;
}

const layered = new WeakSet<object>();
const attemptsByError = new WeakMap<object, number>();

/** How many attempts the retry layer made before it gave up with `error`; undefined when it did not count. */
export function attemptsOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? attemptsByError.get(error) : undefined;
}

/**
 * Gives `octokit` kubeproof's one retry layer, once: `@octokit/plugin-throttling` (primary and
 * secondary rate limits) and `@octokit/plugin-retry` (5xx, 429, lost connections), added to the
 * instance as `Octokit.plugin` would at construction, and a time limit on every attempt.
 *
 * An Octokit that already has `@octokit/plugin-retry` (Probot's `ProbotOctokit`, with throttling)
 * keeps its own layer: kubeproof adds only the time limit, so no call is retried twice over.
 *
 * The plugins carry out the retries; when is kubeproof's policy (`retryDelay`), read by a hook
 * below them that also waits, with `sleep`: the plugins wait with Bottleneck's timers, which take
 * no injected clock, so their own waits are set to 0 and the throttling callbacks return the verdict.
 */
export function addRetryLayer(octokit: object, options: RetryLayerOptions = {}): void {
  if (layered.has(octokit)) return;
  layered.add(octokit);
  const host = octokit as PluginHost;
  const ownsRetries = !('retry' in octokit);
  const calls = new WeakMap<Endpoint, Call>();
  if (ownsRetries) host.hook.wrap('request', retryPolicyHook(options, calls));
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  host.hook.wrap('request', (request, endpoint) => {
    const fetch = endpoint.request.fetch as typeof globalThis.fetch | undefined;
    if (!isTimedFetch(fetch))
      endpoint.request = { ...endpoint.request, fetch: timedFetch(fetch ?? globalThis.fetch, timeoutMs) };
    return request(endpoint);
  });
  if (!ownsRetries) return;

  const verdict = (_retryAfter: number, endpoint: Endpoint) => calls.get(endpoint)?.retry === true;
  const pluginOptions = {
    retry: { retries: options.retries ?? DEFAULT_RETRIES, retryAfterBaseValue: 0 },
    throttle: {
      onRateLimit: verdict,
      onSecondaryRateLimit: verdict,
      retryAfterBaseValue: 0,
      // Writes one at a time, as GitHub asks, but without the plugin's 1 s (3 s for comments)
      // between them: kubeproof makes few, and a check run's annotation batches would crawl.
      write: new Bottleneck.Group({ maxConcurrent: 1 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1 }),
    },
  };
  Object.assign(octokit, throttling(host, pluginOptions), retry(host, pluginOptions));
}

/**
 * The innermost hook: it sees each attempt's failure first, decides with `retryDelay` whether it is
 * worth another attempt, waits for it, and tells the plugins above through `request.retries`
 * (read by plugin-retry) and the verdict (returned by the throttling callbacks).
 */
function retryPolicyHook(options: RetryLayerOptions, calls: WeakMap<Endpoint, Call>) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const retries = options.retries ?? DEFAULT_RETRIES;
  return async (request: Attempt, endpoint: Endpoint) => {
    let call = calls.get(endpoint);
    if (call === undefined) {
      call = { attempts: 0, create: endpoint.request.retries === 0, retry: false };
      calls.set(endpoint, call);
      // A call without request options of its own (every page of `paginate`) shares the Octokit's
      // defaults object: this call's `retries` must not become every later call's.
      endpoint.request = { ...endpoint.request };
    }
    call.attempts++;
    try {
      return await request(endpoint);
    } catch (error) {
      const delay =
        call.attempts > retries ? undefined : retryDelay(error, call.attempts, now(), !call.create);
      call.retry = delay !== undefined;
      endpoint.request.retries = call.retry ? retries : 0;
      if (delay === undefined) {
        if (typeof error === 'object' && error !== null) attemptsByError.set(error, call.attempts);
      } else await sleep(delay);
      throw error;
    }
  };
}
