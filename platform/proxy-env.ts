import type { SchemaFetchOptions } from './schema-fetch.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A proxy variable as Go's `http.ProxyFromEnvironment` reads it (kubeconform's client): the upper-case
 * name, then the lower-case one, and an empty value counts as unset, so `HTTPS_PROXY=""` falls back
 * to `https_proxy` and, without it, means no proxy.
 * https://pkg.go.dev/golang.org/x/net/http/httpproxy#FromEnvironment
 */
function pick(env: Env, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

/** HTTPS_PROXY, HTTP_PROXY and NO_PROXY from an environment, the set ones only. */
export function proxyEnvFrom(env: Env): SchemaFetchOptions['proxyEnv'] {
  const out: SchemaFetchOptions['proxyEnv'] = {};
  const https = pick(env, 'HTTPS_PROXY');
  const http = pick(env, 'HTTP_PROXY');
  const no = pick(env, 'NO_PROXY');
  if (https !== undefined) out.httpsProxy = https;
  if (http !== undefined) out.httpProxy = http;
  if (no !== undefined) out.noProxy = no;
  return out;
}

/** The schema download options of a run: the environment's proxies and the TLS switch. */
export function schemaFetchOptionsFrom(env: Env, insecureSkipTlsVerify = false): SchemaFetchOptions {
  return { insecureSkipTlsVerify, proxyEnv: proxyEnvFrom(env) };
}
