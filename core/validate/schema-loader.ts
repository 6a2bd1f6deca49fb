/**
 * Loads schema documents from HTTP(S) locations and from disk, with kubeconform's fall-through
 * rules and one deliberate difference (kubeconform #329): a network failure, a 429 or a 5xx is not
 * a verdict on the resource. The loader reports it as `unreachable` and the registry moves on to the
 * next location, saying so once.
 */

/** What loading one URL gave. */
export type LoadResult =
  | { status: 'found'; url: string; document: unknown }
  /** 404, a missing file, or an HTTP body that is not JSON: try the next location. */
  | { status: 'not-found'; url: string; message: string }
  /** Network error, 429 or 5xx after retries: try the next location, and warn. */
  | { status: 'unreachable'; url: string; message: string }
  /** Anything else (403, a local file that is not JSON): the resource gets an error. */
  | { status: 'error'; url: string; message: string };

/** The part of `fetch` the loader needs; the platform layer supplies proxy and TLS settings. */
export type FetchLike = (url: string) => Promise<{ status: number; text(): Promise<string> }>;

/** The `-cache DIR` store: file name = hex sha256 of the URL (kubeconform's layout). */
export interface SchemaCache {
  get(url: string): Promise<string | undefined>;
  set(url: string, body: string): Promise<void>;
}

export interface SchemaLoaderDeps {
  fetch?: FetchLike;
  /** Reads a local file; rejects with an error whose `code` is `ENOENT` when it does not exist. */
  readFile: (path: string) => Promise<string>;
  cache?: SchemaCache;
  /** Waits between retries; tests pass a function that does not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SchemaLoader {
  load(url: string): Promise<LoadResult>;
}

// go-retryablehttp as configured by kubeconform: RetryMax = 2, so three attempts at most.
const ATTEMPTS = 3;
const BACKOFF_MS = [1000, 2000];

function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, message: errorText(error) };
  }
}

/** Creates the loader. Hosts that fail at the network level are remembered and not tried again. */
export function createSchemaLoader(deps: SchemaLoaderDeps): SchemaLoader {
  const downHosts = new Map<string, string>();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function loadHttp(url: string): Promise<LoadResult> {
    const cached = await deps.cache?.get(url);
    if (cached !== undefined) {
      const parsed = parseJson(cached);
      if (parsed.ok) return { status: 'found', url, document: parsed.value };
    }
    const host = new URL(url).host;
    const down = downHosts.get(host);
    if (down !== undefined) return { status: 'unreachable', url, message: down };
    if (!deps.fetch)
      return { status: 'unreachable', url, message: 'HTTP schema locations are disabled (offline)' };
    let lastProblem = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(BACKOFF_MS[attempt - 1] ?? 2000);
      let response: { status: number; text(): Promise<string> };
      try {
        response = await deps.fetch(url);
      } catch (error) {
        lastProblem = `failed downloading schema at ${url}: ${errorText(error)}`;
        // A host that does not resolve or refuses connections will not do better a second later.
        if (/ENOTFOUND|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|proxy/i.test(lastProblem)) break;
        continue;
      }
      if (response.status === 404)
        return { status: 'not-found', url, message: `could not find schema at ${url}` };
      if (isRetryableStatus(response.status)) {
        lastProblem = `error while downloading schema at ${url} - received HTTP status ${response.status}`;
        continue;
      }
      if (response.status !== 200) {
        return {
          status: 'error',
          url,
          message: `error while downloading schema at ${url} - received HTTP status ${response.status}`,
        };
      }
      const body = await response.text();
      const parsed = parseJson(body);
      if (!parsed.ok) return { status: 'not-found', url, message: `the response from ${url} is not JSON` };
      await deps.cache?.set(url, body);
      return { status: 'found', url, document: parsed.value };
    }
    if (lastProblem.startsWith('failed downloading')) downHosts.set(host, lastProblem);
    return { status: 'unreachable', url, message: lastProblem };
  }

  async function loadFile(url: string): Promise<LoadResult> {
    const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
    let body: string;
    try {
      body = await deps.readFile(path);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return { status: 'not-found', url, message: `could not open file ${path}` };
      return { status: 'error', url, message: `failed to read schema at ${path}: ${errorText(error)}` };
    }
    const parsed = parseJson(body);
    if (!parsed.ok)
      return { status: 'error', url, message: `failed parsing schema from ${path}: ${parsed.message}` };
    return { status: 'found', url, document: parsed.value };
  }

  return {
    load(url) {
      return /^https?:\/\//.test(url) ? loadHttp(url) : loadFile(url);
    },
  };
}
