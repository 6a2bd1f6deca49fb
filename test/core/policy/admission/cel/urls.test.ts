import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library and the godoc examples
describe('the Kubernetes URL library', () => {
  it.each([
    ["url('https://example.com:80/').getHost()", 'example.com:80'],
    ["url('https://example.com/path with spaces/').getEscapedPath()", '/path%20with%20spaces/'],
    ["isURL('https://user:pass@example.com:80/path?query=val#fragment')", true],
    ["isURL('/absolute-path')", true],
    ["isURL('https://a:b:c/')", false],
    ["isURL('../relative-path')", false],
    ["url('/path').getScheme()", ''],
    ["url('https://example.com/').getScheme()", 'https'],
    ["url('https://example.com/').getHost()", 'example.com'],
    ["url('https://[::1]:80/').getHost()", '[::1]:80'],
    ["url('https://[::1]/').getHost()", '[::1]'],
    ["url('/path').getHost()", ''],
    ["url('https://example.com:80/').getHostname()", 'example.com'],
    ["url('https://127.0.0.1:80/').getHostname()", '127.0.0.1'],
    ["url('https://[::1]:80/').getHostname()", '::1'],
    ["url('https://example.com:80/').getPort()", '80'],
    ["url('https://example.com/').getPort()", ''],
    ["url('https://example.com/path').getEscapedPath()", '/path'],
    ["url('https://example.com').getEscapedPath()", ''],
    [
      "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery()",
      new Map([
        ['k1', ['a']],
        ['k2', ['b', 'c']],
      ]),
    ],
    [
      "url('https://example.com/path?key with spaces=value with spaces').getQuery()",
      new Map([['key with spaces', ['value with spaces']]]),
    ],
    ["url('https://example.com/path?').getQuery()", new Map()],
    ["url('https://example.com/path').getQuery()", new Map()],
    ["url('https://example.com/path?k2=b&k2=c').getQuery()['k2'][1]", 'c'],
  ])('%s is %j', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });

  it('url() of a relative path is an error', () => {
    expect(celErrorOf("url('../relative-path')")).toContain('URL parse error');
  });
});
