import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { VALIDATE_OUTPUT_NAMES } from '../../core/report/validate/index.ts';

/**
 * Secrets that schema errors would quote: a PEM private key from a secretGenerator (kustomize wraps
 * its base64 at 70 characters, which the offline models reject as `format: byte`), and a plain
 * `data` value that is not base64. No output of check, diff or validate may show either, with the
 * offline schemas or with "online-style" schemas from a location template (here a local folder
 * whose Secret schema checks `data` with a pattern: its error quotes the value it rejects).
 */
const PLAIN_CANARY = 'hunter2-CANARY-7d3f!';
const PEM = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const PEM_BASE64 = Buffer.from(PEM).toString('base64');
/** Pieces that must never appear: the values, their encodings, and lines of the key. */
const FORBIDDEN = [
  PLAIN_CANARY,
  'CANARY-7d3f',
  Buffer.from(PLAIN_CANARY).toString('base64'),
  PEM_BASE64.slice(0, 40),
  PEM_BASE64.slice(70, 110),
  ...PEM.split('\n').slice(1, 4),
];

let root: string;
let repo: string;
let manifests: string;
let schemas: string;

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env: {},
    cwd: root,
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function expectNoSecret(output: string): void {
  for (const piece of FORBIDDEN) expect(output).not.toContain(piece);
}

const SECRET_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    type: { type: 'string' },
    data: { type: 'object', additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9+/=\\r\\n]*$' } },
  },
};

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'kubeproof-canary-'));
  repo = join(root, 'repo');
  mkdirSync(join(repo, 'envs/dev'), { recursive: true });
  writeFileSync(join(repo, 'envs/dev/key.pem'), PEM);
  writeFileSync(
    join(repo, 'envs/dev/plain.yaml'),
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\ndata:\n  password: ${PLAIN_CANARY}\n`,
  );
  writeFileSync(
    join(repo, 'envs/dev/kustomization.yaml'),
    'resources:\n- plain.yaml\nsecretGenerator:\n- name: tls\n  files:\n  - key.pem\n',
  );
  manifests = join(root, 'manifests.yaml');
  // What kustomize prints for the generated Secret: base64 wrapped at 70 characters.
  const wrapped = PEM_BASE64.replace(/(.{70})/g, '$1\n    ').trimEnd();
  writeFileSync(
    manifests,
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ndata:\n  key.pem: |\n    ${wrapped}\ntype: Opaque\n---\n` +
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\ndata:\n  password: ${PLAIN_CANARY}\n`,
  );
  schemas = join(root, 'schemas');
  mkdirSync(schemas);
  writeFileSync(join(schemas, 'secret.json'), JSON.stringify(SECRET_SCHEMA));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const ONLINE_STYLE = () => ['-schema-location', `${schemas}/{{ .ResourceKind }}.json`];

describe('validate: no output quotes a Secret value', () => {
  it.each(VALIDATE_OUTPUT_NAMES)('-offline -output %s', async (output) => {
    const result = await run(['validate', '-offline', '-output', output, manifests]);
    // The non-base64 value is still an error (it is not valid bytes), without its value.
    expect(result.code).toBe(1);
    expectNoSecret(result.stdout + result.stderr);
  });

  it.each(VALIDATE_OUTPUT_NAMES)('online-style location, -output %s', async (output) => {
    const result = await run(['validate', ...ONLINE_STYLE(), '-output', output, manifests]);
    expect(result.code).toBe(1);
    expectNoSecret(result.stdout + result.stderr);
  });

  it('says which value is wrong without quoting it', async () => {
    const result = await run(['validate', '-offline', manifests]);
    expect(result.stdout).toContain("at '/data/password': '(redacted)' is not valid byte");
  });

  it("accepts kustomize's wrapped base64 as format: byte (Go's decoder skips line breaks)", async () => {
    const result = await run(['validate', '-offline', '-summary', manifests]);
    expect(result.stdout).toMatch(/Valid: 1, Invalid: 1, Errors: 0/);
    expect(result.stdout).not.toContain('Secret tls is invalid');
  });
});

describe('check and diff: no output quotes a Secret value', () => {
  it.each(['text', 'markdown', 'json', 'sarif'])('check -offline -o %s', async (output) => {
    const result = await run(['check', '-offline', '-o', output, repo]);
    expect(result.code).toBe(1);
    expectNoSecret(result.stdout + result.stderr);
  });

  it.each(['text', 'markdown', 'json', 'sarif'])(
    'check with an online-style location, -o %s',
    async (output) => {
      const result = await run(['check', ...ONLINE_STYLE(), '-o', output, repo]);
      expect(result.code).toBe(1);
      expectNoSecret(result.stdout + result.stderr);
    },
  );

  it.each(['text', 'markdown', 'json', 'sarif'])('diff -o %s', async (output) => {
    const empty = join(root, 'empty-base');
    mkdirSync(join(empty, 'envs/dev'), { recursive: true });
    writeFileSync(join(empty, 'envs/dev/kustomization.yaml'), 'resources: []\n');
    const result = await run(['diff', '-o', output, empty, repo]);
    expectNoSecret(result.stdout + result.stderr);
  });

  it('the generated Secret validates; the plain one is an error at its own line, without its value', async () => {
    const result = await run(['check', '-offline', '-o', 'json', repo]);
    const report = JSON.parse(result.stdout) as {
      environments: {
        validation: { errors: number; findings: { path: string; line: number; message: string }[] };
      }[];
    };
    const findings = report.environments[0]?.validation.findings ?? [];
    expect(findings).toEqual([
      expect.objectContaining({
        path: 'envs/dev/plain.yaml',
        line: 6,
        message: "/data/password: '(redacted)' is not valid byte",
      }),
    ]);
  });
});

describe('a SealedSecret: no output quotes its encryptedData', () => {
  const SEALED_CANARY = 'AgBy3i4OJSWK-SEALED-CANARY-e51c+PiTySYZZA==';
  /** A SealedSecret schema whose error quotes the value it rejects, as a JSON Schema pattern error does. */
  const SEALED_SCHEMA = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          encryptedData: { type: 'object', additionalProperties: { type: 'string', pattern: '^[a-z]+$' } },
        },
      },
    },
  };
  let sealedRoot: string;

  beforeAll(() => {
    sealedRoot = mkdtempSync(join(tmpdir(), 'kubeproof-sealed-'));
    mkdirSync(join(sealedRoot, 'repo/envs/prod'), { recursive: true });
    mkdirSync(join(sealedRoot, 'schemas'));
    writeFileSync(join(sealedRoot, 'schemas/sealedsecret.json'), JSON.stringify(SEALED_SCHEMA));
    writeFileSync(
      join(sealedRoot, 'repo/envs/prod/sealed.yaml'),
      'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\n' +
        `spec:\n  encryptedData:\n    password: ${SEALED_CANARY}\n`,
    );
    writeFileSync(join(sealedRoot, 'repo/envs/prod/kustomization.yaml'), 'resources:\n- sealed.yaml\n');
  });
  afterAll(() => rmSync(sealedRoot, { recursive: true, force: true }));

  const location = () => ['-schema-location', `${sealedRoot}/schemas/{{ .ResourceKind }}.json`];
  const expectNoSealed = (output: string) => {
    expect(output).not.toContain(SEALED_CANARY);
    expect(output).not.toContain('SEALED-CANARY');
  };

  it.each(VALIDATE_OUTPUT_NAMES)('validate -output %s', async (output) => {
    const result = await run([
      'validate',
      ...location(),
      '-output',
      output,
      join(sealedRoot, 'repo/envs/prod/sealed.yaml'),
    ]);
    expect(result.code).toBe(1);
    expectNoSealed(result.stdout + result.stderr);
  });

  it.each(['text', 'markdown', 'json', 'sarif'])('check -o %s', async (output) => {
    const result = await run(['check', ...location(), '-o', output, join(sealedRoot, 'repo')]);
    expect(result.code).toBe(1);
    expectNoSealed(result.stdout + result.stderr);
  });

  it('still says which value is wrong', async () => {
    const result = await run(['check', ...location(), '-o', 'json', join(sealedRoot, 'repo')]);
    expect(result.stdout).toContain('/spec/encryptedData/password');
    expect(result.stdout).toContain('(redacted)');
  });
});
