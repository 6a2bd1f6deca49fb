import { Agent, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { FetchLike } from '../core/validate/schema-loader.ts';

export interface SchemaFetchOptions {
  /** `-insecure-skip-tls-verify`. */
  insecureSkipTlsVerify: boolean;
  /** Proxy variables (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) as read from the environment. */
  proxyEnv: { httpsProxy?: string; httpProxy?: string; noProxy?: string };
  /** Per-request timeout: kubeconform has none; a hung connection should not hang CI forever. */
  timeoutMs?: number;
}

/**
 * The HTTP client for schema locations. Node's own fetch is used when no proxy and no TLS option
 * is set (it is what nock intercepts in tests); otherwise undici's fetch with a dispatcher that
 * honours HTTPS_PROXY / NO_PROXY, as kubeconform's `http.ProxyFromEnvironment`, and the TLS switch.
 */
export function createSchemaFetch(options: SchemaFetchOptions): FetchLike {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const { httpsProxy, httpProxy, noProxy } = options.proxyEnv;
  const connect = options.insecureSkipTlsVerify ? { rejectUnauthorized: false } : undefined;
  if (!httpsProxy && !httpProxy && !connect) {
    return (url) => globalThis.fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  }
  const proxied = httpsProxy || httpProxy;
  const dispatcher = proxied
    ? new EnvHttpProxyAgent({
        ...(httpsProxy
          ? { httpsProxy: /^\w+:\/\//.test(httpsProxy) ? httpsProxy : `http://${httpsProxy}` }
          : {}),
        ...(httpProxy ? { httpProxy: /^\w+:\/\//.test(httpProxy) ? httpProxy : `http://${httpProxy}` } : {}),
        ...(noProxy ? { noProxy } : {}),
        ...(connect ? { connect } : {}),
      })
    : new Agent({ ...(connect ? { connect } : {}) });
  return (url) => undiciFetch(url, { dispatcher, signal: AbortSignal.timeout(timeoutMs) });
}
