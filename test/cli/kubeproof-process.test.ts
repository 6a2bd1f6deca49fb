import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BUNDLE_DIR } from '../global-setup.ts';
import { FIXTURE_LOCATION, FIXTURE_SCHEMAS } from '../helpers/schemas.ts';

const CLI = join(TEST_BUNDLE_DIR, 'kubeproof.js');
const FIXTURES = 'test/fixtures/validate';

/** Runs the bundled CLI as a process, exactly as `npx kubeproof` would. */
function kubeproof(
  args: string[],
  stdin?: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HTTPS_PROXY: '', HTTP_PROXY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

describe('the kubeproof process', () => {
  it('validates files with exit code 0 and prints the summary', async () => {
    const result = await kubeproof([
      'validate',
      '-summary',
      '-kubernetes-version',
      '1.31.0',
      '-schema-location',
      FIXTURE_LOCATION,
      `${FIXTURES}/folder`,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: 'Summary: 7 resources found in 2 files - Valid: 7, Invalid: 0, Errors: 0, Skipped: 0\n',
      stderr: '',
    });
  });

  it('exits 1 on an invalid resource and names it', async () => {
    const result = await kubeproof([
      'validate',
      '--kubernetes-version',
      '1.31.0',
      '--schema-location',
      FIXTURE_LOCATION,
      `${FIXTURES}/invalid.yaml`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^test\/fixtures\/validate\/invalid\.yaml - ReplicationController bob is invalid: .* at '\/spec\/replicas': got string, want null or integer\n$/,
    );
  });

  it('reads standard input when given no file, and an empty stdin is an error (as kubeconform)', async () => {
    const text = readFileSync(`${FIXTURES}/valid.yaml`, 'utf8');
    const result = await kubeproof(
      ['validate', '-summary', '-kubernetes-version', '1.31.0', '-schema-location', FIXTURE_LOCATION],
      text,
    );
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    });
    for (const args of [['-'], []]) {
      const empty = await kubeproof(['validate', '-summary', ...args], '');
      expect(empty).toEqual({ code: 1, stdout: '', stderr: 'failing to read data from stdin\n' });
    }
  });

  it('writes usage errors to stderr with exit code 1 and help to stdout with exit code 0', async () => {
    const bad = await kubeproof(['validate', '-nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^flag provided but not defined: -nope\nUsage: kubeproof validate/);
    const help = await kubeproof(['validate', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: kubeproof validate/);
  });

  it('sends schema downloads through HTTPS_PROXY, and a dead proxy makes the location unreachable', async () => {
    const result = await kubeproof(
      [
        'validate',
        '-schema-location',
        'https://schemas.example/{{ .ResourceKind }}.json',
        `${FIXTURES}/valid.yaml`,
      ],
      undefined,
      { HTTPS_PROXY: '127.0.0.1:1' },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /could not find schema for ReplicationController \(1 schema location\(s\) unreachable\)/,
    );
    expect(result.stderr).toMatch(/connect ECONNREFUSED 127\.0\.0\.1:1; trying the next schema location/);
  });

  it('prints GitHub workflow commands and SARIF', async () => {
    const common = [
      'validate',
      '-kubernetes-version',
      '1.31.0',
      '-schema-location',
      FIXTURE_LOCATION,
      `${FIXTURES}/invalid.yaml`,
    ];
    const github = await kubeproof([...common.slice(0, 1), '-output', 'github', ...common.slice(1)]);
    expect(github.stdout).toBe(
      `::error file=${FIXTURES}/invalid.yaml,line=6,col=3,title=kubeproof schema::/spec/replicas: got string, want null or integer\n`,
    );
    const sarif = await kubeproof([...common.slice(0, 1), '-output', 'sarif', ...common.slice(1)]);
    const log = JSON.parse(sarif.stdout) as {
      version: string;
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(
      log.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine]),
    ).toEqual([['schema', 6]]);
  });
});

describe('the kubeproof process against an HTTP schema server on 127.0.0.1', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/v1.31.0-standalone/replicationcontroller-v1.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(`${FIXTURE_SCHEMAS}/v1.31.0-standalone/replicationcontroller-v1.json`));
      } else if (req.url?.startsWith('/broken/')) {
        res.writeHead(503);
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads a schema with the bare-URL rule, caches it, and validates from the cache with the server gone', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kubeproof-cache-'));
    try {
      const first = await kubeproof([
        'validate',
        '-summary',
        '-cache',
        cache,
        '-kubernetes-version',
        '1.31.0',
        '-schema-location',
        base,
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(first.stdout).toBe(
        'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
      );
      expect(requests).toContain('/v1.31.0-standalone/replicationcontroller-v1.json');
      expect(readdirSync(cache)).toHaveLength(1);
      const offline = await kubeproof([
        'validate',
        '-summary',
        '-cache',
        cache,
        '-kubernetes-version',
        '1.31.0',
        '-schema-location',
        'http://127.0.0.1:9',
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(offline.stdout).toMatch(/Errors: 1/); // different URL, not cached: proves the cache is keyed by URL
      const cached = await kubeproof([
        'validate',
        '-summary',
        '-cache',
        cache,
        '-kubernetes-version',
        '1.31.0',
        '-schema-location',
        base,
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(cached.stdout).toMatch(/Valid: 1,/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('falls through a 503 location to the next one and says so on stderr', async () => {
    const result = await kubeproof([
      'validate',
      '-summary',
      '-kubernetes-version',
      '1.31.0',
      '-schema-location',
      `${base}/broken/{{ .ResourceKind }}.json`,
      '-schema-location',
      base,
      `${FIXTURES}/valid.yaml`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Valid: 1,/);
    expect(result.stderr).toMatch(/received HTTP status 503; trying the next schema location/);
  });
});

describe('the kubeproof process with worker threads (-n)', () => {
  it('gives the same output with several threads as with one, in input order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeproof-n-'));
    try {
      // Over the 4 MiB threshold, with problems scattered through it and a second file.
      const docs: string[] = [];
      for (let i = 0; i < 9000; i++) {
        const replicas = i % 1500 === 7 ? '"many"' : String(i % 4);
        docs.push(
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: a${i}\n  template:\n    metadata:\n      labels:\n        app: a${i}\n    spec:\n      containers:\n        - name: main\n          image: nginx:1.${i % 30}\n          ports:\n            - containerPort: 8080\n${i % 2000 === 3 ? '          imagePullPolice: Always\n' : ''}`,
        );
      }
      writeFileSync(join(dir, 'a.yaml'), docs.join('---\n'));
      writeFileSync(join(dir, 'b.yaml'), readFileSync(`${FIXTURES}/invalid.yaml`));
      const args = [
        '-strict',
        '-summary',
        '-output',
        'json',
        '-kubernetes-version',
        '1.31.0',
        '-schema-location',
        FIXTURE_LOCATION,
        dir,
      ];
      const one = await kubeproof(['validate', '-n', '1', ...args]);
      const two = await kubeproof(['validate', '-n', '2', ...args]);
      expect(one.code).toBe(1);
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      const parsed = JSON.parse(one.stdout) as {
        resources: { name: string; line: number }[];
        summary: { invalid: number; valid: number };
      };
      expect(parsed.summary).toEqual({ valid: 9001 - 12, invalid: 12, errors: 0, skipped: 0 });
      expect(parsed.resources.map((r) => r.name).slice(0, 2)).toEqual(['app-3', 'app-7']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the kubeproof process on documents nested 10,000 levels deep', () => {
  it('reports each as an error naming its file, validates and counts the others, with or without threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubeproof-deep-'));
    try {
      const levels = 10_000;
      const configMap = (name: string, x: string) =>
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  x: ${x}\n`;
      writeFileSync(
        join(dir, 'a-flow.yaml'),
        configMap('flow', `${'['.repeat(levels)}${']'.repeat(levels)}`),
      );
      writeFileSync(
        join(dir, 'b-flow-map.yaml'),
        configMap('map', `${'{a: '.repeat(levels)}1${'}'.repeat(levels)}`),
      );
      writeFileSync(
        join(dir, 'c-deep.json'),
        `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j"},"data":{"x":${'['.repeat(levels)}${']'.repeat(levels)}}}`,
      );
      writeFileSync(join(dir, 'd-block.yaml'), `${configMap('block', '')}    ${'- '.repeat(levels)}1\n`);
      // Over the 4 MiB threshold for threads: 20,000 valid ConfigMaps.
      const many = Array.from({ length: 20_000 }, (_, i) => configMap(`cm-${i}`, `"${'v'.repeat(200)}"`));
      writeFileSync(join(dir, 'e-many.yaml'), many.join('---\n'));
      const args = ['-summary', '-kubernetes-version', '1.31.0', '-schema-location', FIXTURE_LOCATION, dir];

      const one = await kubeproof(['validate', '-n', '1', ...args]);
      const two = await kubeproof(['validate', '-n', '2', ...args]);

      expect(one.code).toBe(1);
      expect(one.stderr).toBe('');
      const problem = "mappings and lists nest deeper than 512 levels, kubeproof's limit";
      const lines = one.stdout.trimEnd().split('\n');
      expect(lines.slice(0, 4).map((line) => line.slice(0, line.indexOf(' - ')))).toEqual(
        ['a-flow.yaml', 'b-flow-map.yaml', 'c-deep.json', 'd-block.yaml'].map((file) => join(dir, file)),
      );
      for (const line of lines.slice(0, 4)) expect(line).toContain(problem);
      expect(lines[4]).toBe(
        'Summary: 20004 resources found in 5 files - Valid: 20000, Invalid: 0, Errors: 4, Skipped: 0',
      );
      expect(two).toEqual(one);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('reports one on standard input the same way', async () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'{'.repeat(10_000)}\n`;
    const result = await kubeproof(
      ['validate', '-summary', '-kubernetes-version', '1.31.0', '-schema-location', FIXTURE_LOCATION],
      text,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(
      /^stdin - failed validation: error unmarshalling resource: error converting YAML to JSON: yaml: line 6: mappings and lists nest deeper than 512 levels/,
    );
    expect(result.stdout).toMatch(
      /\nSummary: 1 resource found parsing stdin - Valid: 0, Invalid: 0, Errors: 1, Skipped: 0\n$/,
    );
  });
});
