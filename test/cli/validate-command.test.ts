import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { FIXTURE_LOCATION, FIXTURE_SCHEMAS } from '../helpers/schemas.ts';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const FIXTURES = 'test/fixtures/validate';
const LOCAL = ['-kubernetes-version', '1.31.0', '-schema-location', FIXTURE_LOCATION];

async function run(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }),
    stdinIsTTY: stdin === undefined,
    env: {},
    cwd: process.cwd(),
    now: () => 0,
    sleep: async () => {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('kubeproof validate: kubeconform command line', () => {
  it.each([
    [
      'a valid file',
      ['-summary', `${FIXTURES}/valid.yaml`],
      0,
      'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'a folder, walking only manifest files',
      ['-summary', `${FIXTURES}/folder`],
      0,
      'Summary: 7 resources found in 2 files - Valid: 7, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'a List',
      ['-summary', `${FIXTURES}/list_valid.yaml`],
      0,
      'Summary: 2 resources found in 1 file - Valid: 2, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'verbose valid lines',
      ['-verbose', `${FIXTURES}/valid.yaml`],
      0,
      `${FIXTURES}/valid.yaml - ReplicationController bob is valid\n`,
    ],
    [
      'skipped lines (name before kind, as kubeconform)',
      ['-verbose', '-skip', 'ReplicationController', `${FIXTURES}/valid.yaml`],
      0,
      `${FIXTURES}/valid.yaml - bob ReplicationController skipped\n`,
    ],
    [
      'rejected kinds',
      ['-reject', 'v1/ReplicationController', `${FIXTURES}/valid.yaml`],
      1,
      `${FIXTURES}/valid.yaml - ReplicationController bob failed validation: prohibited resource kind ReplicationController\n`,
    ],
    [
      'a missing path',
      [`${FIXTURES}/not-here`],
      1,
      `${FIXTURES}/not-here - failed validation: lstat ${FIXTURES}/not-here: no such file or directory\n`,
    ],
    [
      'ignore-filename-pattern',
      [
        '-summary',
        '--ignore-filename-pattern',
        'inval',
        `${FIXTURES}/invalid.yaml`,
        `${FIXTURES}/valid.yaml`,
      ],
      0,
      'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'TAP output',
      ['-output', 'tap', `${FIXTURES}/valid.yaml`],
      0,
      `TAP version 13\nok 1 - ${FIXTURES}/valid.yaml (v1/ReplicationController//bob)\n1..1\n`,
    ],
  ])('validates %s', async (_name, args, code, stdout) => {
    const result = await run(['validate', ...LOCAL, ...args]);
    expect(result.stdout).toBe(stdout);
    expect(result.code).toBe(code);
  });

  it('reports an invalid file with kubeconform message and exit code 1', async () => {
    const result = await run(['validate', ...LOCAL, `${FIXTURES}/invalid.yaml`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      `${FIXTURES}/invalid.yaml - ReplicationController bob is invalid: problem validating schema. Check JSON formatting: jsonschema validation failed with 'file://${FIXTURE_SCHEMAS}/v1.31.0-standalone/replicationcontroller-v1.json#' - at '/spec/replicas': got string, want null or integer\n`,
    );
  });

  it.each([['-'], []])('reads standard input (%j)', async (...args) => {
    const text = await import('node:fs/promises').then((fs) => fs.readFile(`${FIXTURES}/valid.yaml`, 'utf8'));
    const result = await run(['validate', ...LOCAL, '-summary', ...args], text);
    expect(result.stdout).toBe(
      'Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    );
    expect(result.code).toBe(0);
  });

  it('refuses to wait for a terminal on standard input', async () => {
    const result = await run(['validate', '-summary']);
    expect(result).toMatchObject({ code: 1, stderr: 'failing to read data from stdin\n' });
  });

  it.each([['-'], []])('fails on an empty standard input, as kubeconform (%j)', async (...args) => {
    const result = await run(['validate', ...LOCAL, '-summary', ...args], '');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'failing to read data from stdin\n' });
  });

  it('validates a custom resource with a local registry location', async () => {
    const result = await run([
      'validate',
      '-summary',
      '-schema-location',
      `${FIXTURES}/registry/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      `${FIXTURES}/widget.yaml`,
    ]);
    expect(result.stdout).toBe(
      'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    );
  });

  it.each([
    [
      ['-kubernetes-version', '1.25'],
      /^invalid value "1\.25" for flag -kubernetes-version: 1\.25 is not a valid version\. Valid values are "master" \(default\) or full version x\.y\.z \(e\.g\. "1\.27\.2"\)\nUsage: kubeproof validate/,
    ],
    [['-xyz'], /^flag provided but not defined: -xyz\nUsage:/],
    [['-summary', '-output'], /^flag needs an argument: -output\n/],
    [
      ['-output', 'yaml'],
      /^'outputFormat' must be 'json', 'junit', 'pretty', 'tap', 'text', 'sarif' or 'github'\n$/,
    ],
    [
      ['-schema-location', 'foo {{ .Foo }}'],
      /^failed initialising schema location registry: template: tpl:1:\d+: executing "tpl" at <\.Foo>/,
    ],
    [
      ['-cache', 'cache_does_not_exist'],
      /^failed opening cache folder cache_does_not_exist: stat cache_does_not_exist: no such file or directory\n$/,
    ],
    [['-n', 'x'], /^invalid value "x" for flag -n: parse error/],
  ])('fails early on bad flags %j', async (args, message) => {
    const file = args.at(-1) === '-output' ? [] : [`${FIXTURES}/valid.yaml`];
    const result = await run(['validate', ...args, ...file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('prints help on -h and the version on -v, exit 0', async () => {
    const help = await run(['validate', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^Usage: kubeproof validate \[OPTION\]\.\.\. \[FILE OR FOLDER\]\.\.\.\n {2}-cache string\n/,
    );
    const version = await run(['validate', '--v']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^v\d+\.\d+\.\d+\n$/) });
  });
});

describe('kubeproof validate: HTTP schema locations', () => {
  const base = 'https://schemas.example/{{ .ResourceKind }}{{ .KindSuffix }}.json';

  it('downloads schemas, caches them on disk by sha256 of the URL, and reuses the cache with no network', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kubeproof-cache-'));
    try {
      const schema = await import('node:fs/promises').then((fs) =>
        fs.readFile(`${FIXTURE_SCHEMAS}/v1.31.0-standalone/replicationcontroller-v1.json`, 'utf8'),
      );
      const scope = nock('https://schemas.example')
        .get('/replicationcontroller-v1.json')
        .once()
        .reply(200, schema);
      const first = await run([
        'validate',
        '-summary',
        '-cache',
        cache,
        '-schema-location',
        base,
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(first.stdout).toMatch(/Valid: 1,/);
      scope.done();
      const url = 'https://schemas.example/replicationcontroller-v1.json';
      expect(readdirSync(cache)).toEqual([createHash('sha256').update(url).digest('hex')]);
      const second = await run([
        'validate',
        '-summary',
        '-cache',
        cache,
        '-schema-location',
        base,
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(second.stdout).toMatch(/Valid: 1,/);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('does not cache a 404 and reports the schema missing', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'kubeproof-cache-'));
    try {
      nock('https://schemas.example').get('/replicationcontroller-v1.json').reply(404);
      const result = await run([
        'validate',
        '-cache',
        cache,
        '-schema-location',
        base,
        `${FIXTURES}/valid.yaml`,
      ]);
      expect(result.stdout).toBe(
        `${FIXTURES}/valid.yaml - ReplicationController bob failed validation: could not find schema for ReplicationController\n`,
      );
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('falls through a failing location to the next one with a notice (kubeconform #329)', async () => {
    nock('https://schemas.example').get('/replicationcontroller-v1.json').times(3).reply(500);
    const result = await run([
      'validate',
      '-summary',
      '-schema-location',
      base,
      '-schema-location',
      FIXTURE_LOCATION,
      '-kubernetes-version',
      '1.31.0',
      `${FIXTURES}/valid.yaml`,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Valid: 1,/);
    expect(result.stderr).toBe(
      'kubeproof: error while downloading schema at https://schemas.example/replicationcontroller-v1.json - received HTTP status 500; trying the next schema location\n',
    );
  });

  it('without a location or network, the bundled schemas stand in only for what they honour (not -strict): kubeconform exits 1', async () => {
    const result = await run([
      'validate',
      '-summary',
      '-strict',
      '-kubernetes-version',
      '1.31.0',
      `${FIXTURES}/folder`,
      `${FIXTURES}/invalid.yaml`,
    ]);
    // Nothing passes: the 7 resources the non-strict 1.27 schemas accept were not validated as asked.
    expect(result.stdout).toMatch(
      /Summary: 8 resources found in 3 files - Valid: 0, Invalid: 1, Errors: 7, Skipped: 0\n$/,
    );
    expect(result.stdout).toMatch(/at '\/spec\/replicas': got string, want integer/);
    expect(result.stdout).toMatch(
      /not validated: no schema location could be reached; the offline schemas \(kubernetes-models .*\) cannot honour -strict \(they cannot see unknown fields\) or -kubernetes-version 1\.31\.0 \(they model Kubernetes 1\.27\)\. Give a reachable -schema-location or a local schema folder, or pass -offline for an explicit weaker check/,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.match(/schemas: /g)).toHaveLength(1);
  });

  it('works offline out of the box where the bundled schemas honour the request (default flags), and names them once', async () => {
    const result = await run(['validate', '-summary', `${FIXTURES}/folder`, `${FIXTURES}/invalid.yaml`]);
    expect(result.stdout).toMatch(
      /Summary: 8 resources found in 3 files - Valid: 7, Invalid: 1, Errors: 0, Skipped: 0\n$/,
    );
    expect(result.stderr.match(/schemas: offline/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/kubernetes-models 4\.5\.1 .*not strict/);
  });

  it('-offline is an explicit weaker check: -strict is said to be out of reach, resources pass', async () => {
    const result = await run(['validate', '-offline', '-strict', '-summary', `${FIXTURES}/folder`]);
    expect(result.stdout).toMatch(/Valid: 7, Invalid: 0, Errors: 0/);
    expect(result.stderr).toMatch(/-strict cannot report unknown fields with them/);
    expect(result.code).toBe(0);
  });

  it('never uses the network with -offline', async () => {
    const result = await run(['validate', '-offline', '-summary', `${FIXTURES}/valid.yaml`]);
    expect(result.stdout).toMatch(/Valid: 1,/);
    expect(result.stderr).toMatch(/schemas: offline/);
    expect(result.stderr).not.toMatch(/raw\.githubusercontent/);
  });
});

describe('kubeproof validate: Argo CD and Flux kinds out of the box', () => {
  const GITOPS = `${FIXTURES}/gitops`;
  const ARGO = '@kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict)';
  const FLUX = '@kubernetes-models/flux-cd 2.3.4 (Flux 2.2 CRDs, not strict)';
  const INVALID = [
    `${GITOPS}/invalid.yaml - Application web is invalid: problem validating schema. Check JSON formatting: jsonschema validation failed with '@kubernetes-models/argo-cd 2.7.2: argoproj.io/v1alpha1/Application#' - at '/spec': missing property 'destination' - at '/spec/syncPolicy/automated/prune': got string, want boolean`,
    `${GITOPS}/invalid.yaml - Kustomization apps is invalid: problem validating schema. Check JSON formatting: jsonschema validation failed with '@kubernetes-models/flux-cd 2.3.4: kustomize.toolkit.fluxcd.io/v1/Kustomization#' - at '/spec/interval': got number, want string - at '/spec/sourceRef/kind': value must be one of 'OCIRepository', 'GitRepository', 'Bucket'`,
    `${GITOPS}/invalid.yaml - GitRepository flux-system is invalid: problem validating schema. Check JSON formatting: jsonschema validation failed with '@kubernetes-models/flux-cd 2.3.4: source.toolkit.fluxcd.io/v1/GitRepository#' - at '/spec': missing property 'url'`,
  ];

  it('-offline validates every Argo CD and Flux kind the packages model, naming each source once', async () => {
    const result = await run(['validate', '-offline', '-verbose', '-summary', `${GITOPS}/valid.yaml`]);
    expect(result.stdout.split('\n').filter((l) => l.endsWith(' is valid'))).toHaveLength(9);
    expect(result.stdout).toMatch(
      /Summary: 9 resources found in 1 file - Valid: 9, Invalid: 0, Errors: 0, Skipped: 0\n$/,
    );
    expect(result.stderr).toBe(
      `kubeproof: schemas: offline, from ${ARGO}\nkubeproof: schemas: offline, from ${FLUX}\n`,
    );
    expect(result.code).toBe(0);
  });

  it('-offline finds a misspelled required field, a wrong type and a bad enum value', async () => {
    const result = await run(['validate', '-offline', `${GITOPS}/invalid.yaml`]);
    expect(result.stdout).toBe(`${INVALID.join('\n')}\n`);
    expect(result.code).toBe(1);
  });

  it('kinds the packages do not model are missing, per resource as kubeconform prints it', async () => {
    const result = await run(['validate', '-offline', `${GITOPS}/not-covered.yaml`]);
    expect(result.stdout).toBe(
      ['HelmRelease podinfo', 'HelmRepository podinfo', 'SealedSecret db']
        .map(
          (r) =>
            `${GITOPS}/not-covered.yaml - ${r.split(' ')[0]} ${r.split(' ')[1]} failed validation: could not find schema for ${r.split(' ')[0]}\n`,
        )
        .join(''),
    );
    expect(result.code).toBe(1);
    const ignored = await run([
      'validate',
      '-offline',
      '-ignore-missing-schemas',
      '-summary',
      `${GITOPS}/not-covered.yaml`,
    ]);
    expect(ignored.stdout).toMatch(/Valid: 0, Invalid: 0, Errors: 0, Skipped: 3/);
    expect(ignored.code).toBe(0);
  });

  it('fill the gap when the schema locations have no schema for them', async () => {
    const result = await run([
      ...['validate', '-summary', ...LOCAL],
      `${GITOPS}/valid.yaml`,
      `${GITOPS}/invalid.yaml`,
    ]);
    for (const line of INVALID) expect(result.stdout).toContain(`${line}\n`);
    expect(result.stdout).toMatch(
      /Summary: 12 resources found in 2 files - Valid: 9, Invalid: 3, Errors: 0, Skipped: 0\n$/,
    );
    expect(result.stderr).toBe(
      `kubeproof: schemas: kinds no schema location has are validated with ${ARGO}\n` +
        `kubeproof: schemas: kinds no schema location has are validated with ${FLUX}\n`,
    );
  });

  it('with -strict they cannot see unknown fields: a pass is "could not find schema", errors are still reported', async () => {
    const result = await run([
      ...['validate', '-strict', '-summary', ...LOCAL],
      `${GITOPS}/valid.yaml`,
      `${GITOPS}/invalid.yaml`,
    ]);
    expect(result.stdout).toContain(
      `${GITOPS}/valid.yaml - Application web failed validation: could not find schema for Application (no strict schema: @kubernetes-models/argo-cd 2.7.2 found no error but cannot see unknown fields)\n`,
    );
    for (const line of INVALID) expect(result.stdout).toContain(`${line}\n`);
    expect(result.stdout).toMatch(
      /Summary: 12 resources found in 2 files - Valid: 0, Invalid: 3, Errors: 9, Skipped: 0\n$/,
    );
    expect(result.code).toBe(1);
    const ignored = await run([
      ...['validate', '-strict', '-ignore-missing-schemas', '-summary', ...LOCAL],
      `${GITOPS}/valid.yaml`,
    ]);
    expect(ignored.stdout).toMatch(/Valid: 0, Invalid: 0, Errors: 0, Skipped: 9/);
    expect(ignored.code).toBe(0);
  });
});
