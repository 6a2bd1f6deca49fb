import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env: {},
    cwd: process.cwd(),
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository of one plain environment, `envs/prod`, holding a Deployment with `securityContext`. */
function repository(securityContext: string, config = 'version: 1\n'): string {
  const root = mkdtempSync(join(tmpdir(), 'kubeproof-policy-'));
  temporary.push(root);
  const files: Record<string, string> = {
    '.kubeproof.yaml': config,
    'envs/prod/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'envs/prod/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  selector:',
      '    matchLabels: {app: web}',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '        - name: web',
      '          image: ghcr.io/acme/web:1.0.0',
      `          securityContext: ${securityContext}`,
      '',
    ].join('\n'),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('kubeproof policy', () => {
  it('exits 1 on a policy error, and says where it was written; nothing is validated', async () => {
    const root = repository('{privileged: true}');
    const { code, stdout, stderr } = await run(['policy', root]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toBe(
      'kubeproof: 1 environment rendered, 1 resource, no base to compare · 1 policy error · 5 policy warnings',
    );
    expect(stdout).toContain(
      'error privileged-container on Deployment web (envs/prod/deployment.yaml:15): Deployment web: container web runs privileged',
    );
    expect(stdout).toContain('not validated · policy: built-in rules');
  });

  it('exits 0 when policy finds warnings only', async () => {
    const root = repository('{allowPrivilegeEscalation: false, runAsNonRoot: true}');
    const { code, stdout } = await run(['policy', root]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/· 3 policy warnings$/);
  });

  it('exits 1 when the policy config is wrong, and names the line', async () => {
    const root = repository('{}', 'version: 1\npolicy:\n  rules:\n    no-such-rule: error\n');
    const { code, stderr } = await run(['policy', root]);
    expect(code).toBe(1);
    expect(stderr).toContain('.kubeproof.yaml:4');
    expect(stderr).toContain('"no-such-rule" is not a rule kubeproof knows');
  });

  it('prints JSON with the policy results', async () => {
    const root = repository('{privileged: true}');
    const json = JSON.parse((await run(['policy', '-o', 'json', root])).stdout) as {
      summary: { policy: { errors: number; warnings: number } | null };
    };
    expect(json.summary.policy).toEqual({ errors: 1, warnings: 5 });
  });

  it('has no validation flags', async () => {
    const { code, stderr } = await run(['policy', '-schema-location', 'default', '.']);
    expect(code).toBe(1);
    expect(stderr).toContain('schema-location');
  });
});

describe('kubeproof check -policy=false', () => {
  it('runs no policy and says so in the footer', async () => {
    const root = repository('{privileged: true}');
    const { code, stdout } = await run(['check', '-policy=false', root]);
    expect(code).toBe(0);
    expect(stdout).not.toContain('privileged');
    expect(stdout).toContain('· no policy checks');
  });

  it('without it, check fails on the policy error', async () => {
    const root = repository('{privileged: true}');
    const { code, stdout } = await run(['check', root]);
    expect(code).toBe(1);
    expect(stdout.split('\n')[0]).toContain('1 policy error');
  });
});
