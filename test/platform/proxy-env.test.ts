import { describe, expect, it } from 'vitest';
import { proxyEnvFrom, schemaFetchOptionsFrom } from '../../platform/proxy-env.ts';

describe('proxyEnvFrom', () => {
  // Go's http.ProxyFromEnvironment (kubeconform's client): upper case first, and empty means unset.
  it.each([
    [
      { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128' },
      { httpsProxy: 'http://upper:3128' },
    ],
    [{ https_proxy: 'http://lower:3128' }, { httpsProxy: 'http://lower:3128' }],
    [{ HTTPS_PROXY: '' }, {}],
    [{ HTTPS_PROXY: '', https_proxy: 'http://lower:3128' }, { httpsProxy: 'http://lower:3128' }],
    [{ HTTP_PROXY: '', http_proxy: '' }, {}],
    [
      { HTTP_PROXY: 'proxy:8080', NO_PROXY: 'localhost,.internal' },
      { httpProxy: 'proxy:8080', noProxy: 'localhost,.internal' },
    ],
    [{ NO_PROXY: '', no_proxy: '127.0.0.1' }, { noProxy: '127.0.0.1' }],
  ])('%j reads as %j', (env, expected) => {
    expect(proxyEnvFrom(env)).toEqual(expected);
  });

  it('is what the CLI and the Actions both pass to the schema download', () => {
    expect(schemaFetchOptionsFrom({ HTTPS_PROXY: '' })).toEqual({
      insecureSkipTlsVerify: false,
      proxyEnv: {},
    });
    expect(schemaFetchOptionsFrom({}, true)).toEqual({ insecureSkipTlsVerify: true, proxyEnv: {} });
  });
});
