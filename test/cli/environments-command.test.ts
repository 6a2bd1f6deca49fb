import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

async function run(argv: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdinIsTTY: true,
    env: {},
    cwd,
    now: () => 0,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const names = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t').slice(0, 3).join(' '));

describe('kubeproof environments', () => {
  it('lists the environments of the example repository: overlays and Argo CD folders', async () => {
    const { code, stdout, stderr } = await run(['environments', 'examples']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(names(stdout)).toEqual([
      'acme-platform-backups platform/backups none',
      'acme-platform-crds platform/crds none',
      'dev envs/dev builtin',
      'prod envs/prod builtin',
      'staging envs/staging builtin',
    ]);
  });

  it('narrows to the environments a change affects through the kustomization graph', async () => {
    const base = await run(['environments', '-changed', 'apps/web/base/deployment.yaml', 'examples']);
    expect(names(base.stdout)).toEqual([
      'dev envs/dev builtin',
      'prod envs/prod builtin',
      'staging envs/staging builtin',
    ]);
    const prod = await run(['environments', '-changed', 'envs/prod/web-hpa-patch.yaml', 'examples']);
    expect(names(prod.stdout)).toEqual(['prod envs/prod builtin']);
    const none = await run(['environments', '-changed', 'README.md', 'examples']);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('README.md affects no environment');
  });

  it('renders the affected environments with -render, as kubectl kustomize would', async () => {
    const { code, stdout } = await run([
      'environments',
      '-changed',
      'envs/dev/kustomization.yaml',
      '-render',
      'examples',
    ]);
    expect(code).toBe(0);
    const { readFileSync } = await import('node:fs');
    expect(stdout).toBe(
      `# environment dev (envs/dev)\n${readFileSync('test/fixtures/emit-yaml/examples-dev.yaml', 'utf8')}`,
    );
  });

  it('prints JSON with -output json and refuses other outputs', async () => {
    const json = await run(['environments', '-output', 'json', 'examples']);
    const parsed = JSON.parse(json.stdout) as { environments: { name: string; renderer: string }[] };
    expect(parsed.environments.map((e) => e.name)).toContain('prod');
    const bad = await run(['environments', '-output', 'xml', 'examples']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('-output must be text or json');
  });
});

describe('kubeproof environments on a folder without environments', () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('lists nothing and says on stderr where it looked and how to declare environments', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kubeproof-environments-'));
    temporary.push(cwd);
    mkdirSync(join(cwd, 'deploy'));
    const { code, stdout, stderr } = await run(['environments', 'deploy'], cwd);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^kubeproof environments: no environment found in deploy: kubeproof looked in \.kubeproof\.yaml, /,
    );
    expect(stderr).toContain('declare them in .kubeproof.yaml');
    expect(stderr.split('\n')).toHaveLength(2);
  });
});

describe('kubeproof environments in a git repository with a remote', () => {
  it('keeps the Argo CD Applications of the remote, and names the others on stderr', async () => {
    const { cpSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    const root = mkdtempSync(join(tmpdir(), 'kubeproof-remote-'));
    try {
      cpSync(new URL('../fixtures/layout-argocd-other-repos', import.meta.url).pathname, root, {
        recursive: true,
      });
      execFileSync('git', ['init', '--quiet'], { cwd: root });
      execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/platform.git'], { cwd: root });
      const { code, stdout, stderr } = await run(['environments', root]);
      expect(code).toBe(0);
      expect(names(stdout)).toEqual(['web manifests/web none', 'web-all manifests/web none']);
      expect(stderr).toContain(
        'Argo CD Application guestbook: repoURL https://github.com/argoproj/argocd-example-apps.git is another repository than git@github.com:acme/platform.git (git remote)',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
