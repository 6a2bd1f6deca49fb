import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { FIXTURE_SCHEMAS } from '../helpers/schemas.ts';

// A schema host that does not exist: only the proxy on 127.0.0.1 can answer for it.
const LOCATION =
  'http://schemas.kubeproof.invalid/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

/** Serves the fixture schemas by path, whatever the host asked for. */
const schemaServer = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try {
    res.end(readFileSync(`${FIXTURE_SCHEMAS}${path}`));
  } catch {
    res.statusCode = 404;
    res.end();
  }
});

/** An HTTP proxy: tunnels CONNECT to the schema server and forwards absolute-form requests to it. */
const tunnels: string[] = [];
let proxy: Server;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  await new Promise<void>((resolve) => schemaServer.listen(0, '127.0.0.1', resolve));
  const schemaPort = (schemaServer.address() as AddressInfo).port;
  proxy = createServer((req, res) => {
    tunnels.push(new URL(req.url ?? '/').host);
    schemaServer.emit('request', req, res);
  });
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(schemaPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  nock.enableNetConnect();
  proxy.closeAllConnections();
  schemaServer.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await new Promise((resolve) => schemaServer.close(resolve));
});

async function validate(env: CliIo['env']) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    [
      'validate',
      '-summary',
      '-kubernetes-version',
      '1.31.0',
      '-schema-location',
      LOCATION,
      'test/fixtures/validate/valid.yaml',
    ],
    {
      stdout: (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      stdinIsTTY: true,
      env,
      cwd: process.cwd(),
      now: () => 0,
      sleep: async () => {},
    },
  );
  return { code, stdout, stderr };
}

describe('kubeproof validate behind a proxy', () => {
  it('treats an empty HTTP_PROXY as unset, as Go does, and uses http_proxy', async () => {
    tunnels.length = 0;
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

    const { code, stdout } = await validate({ HTTP_PROXY: '', http_proxy: proxyUrl });

    expect(tunnels).toContain('schemas.kubeproof.invalid:80');
    expect(stdout).toContain('Valid: 1');
    expect(code).toBe(0);
  });
});
