import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';
import { gitWorkTree } from '../../cli/repository-root.ts';

// What `kubectl kustomize examples/envs/<env>` printed (kustomize v5.5.0), kept for the emitter tests.
const expected = (env: string) => readFileSync(`test/fixtures/emit-yaml/examples-${env}.yaml`, 'utf8');

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

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubeproof-render-'));
  temporary.push(dir);
  return dir;
}

describe('kubeproof render', () => {
  it('prints what kubectl kustomize prints for each folder, one after another', async () => {
    const { code, stdout, stderr } = await run(['render', 'examples/envs/dev', 'examples/envs/prod']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(expected('dev') + expected('prod'));
  });

  it('writes OUT/<folder>.yaml with --out-dir', async () => {
    const out = tempDir();
    const { code } = await run(['render', '--out-dir', out, 'examples/envs/dev', 'examples/envs/staging']);
    expect(code).toBe(0);
    expect(readFileSync(join(out, 'examples/envs/dev.yaml'), 'utf8')).toBe(expected('dev'));
    expect(readFileSync(join(out, 'examples/envs/staging.yaml'), 'utf8')).toBe(expected('staging'));
  });

  it('reports a folder it cannot render with file and line, renders the others, and exits 1', async () => {
    const repo = tempDir();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'bad'));
    writeFileSync(
      join(repo, 'bad/kustomization.yaml'),
      'resources:\n- cm.yaml\n- https://github.com/org/repo//base?ref=v1\n',
    );
    writeFileSync(join(repo, 'bad/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    mkdirSync(join(repo, 'good'));
    writeFileSync(join(repo, 'good/kustomization.yaml'), 'resources:\n- cm.yaml\n');
    writeFileSync(join(repo, 'good/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    const { code, stdout, stderr } = await run(['render', 'bad', 'good'], repo);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'bad/kustomization.yaml:3:3: error: remote resource https://github.com/org/repo//base?ref=v1',
    );
    expect(stdout).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
  });

  it.each([
    ['flow sequences', `x: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, 6],
    ['flow mappings', `x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`, 6],
    ['block sequences', `x:\n    ${'- '.repeat(10_000)}1`, 7],
  ])(
    'reports a manifest of %s nested 10,000 levels deep as a finding, and renders the others',
    async (_, data, line) => {
      const repo = tempDir();
      mkdirSync(join(repo, '.git'));
      mkdirSync(join(repo, 'deep'));
      writeFileSync(join(repo, 'deep/kustomization.yaml'), 'resources:\n- cm.yaml\n');
      writeFileSync(
        join(repo, 'deep/cm.yaml'),
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  ${data.replaceAll('\n', '\n  ')}\n`,
      );
      mkdirSync(join(repo, 'good'));
      writeFileSync(join(repo, 'good/kustomization.yaml'), 'resources:\n- cm.yaml\n');
      writeFileSync(join(repo, 'good/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
      const { code, stdout, stderr } = await run(['render', 'deep', 'good'], repo);
      expect(code).toBe(1);
      // The column is where the limit is crossed.
      expect(stderr).toMatch(
        new RegExp(
          String.raw`^deep/cm\.yaml:${line}:\d+: error: invalid YAML: mappings and lists nest deeper than 512 levels`,
        ),
      );
      expect(stderr).not.toMatch(/Maximum call stack|\n\s+at /);
      expect(stdout).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n');
    },
  );

  it('refuses paths and symlinks that leave the repository', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n');
    const repo = tempDir();
    mkdirSync(join(repo, '.git'));
    mkdirSync(join(repo, 'env'));
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'env/link.yaml'));
    writeFileSync(join(repo, 'env/kustomization.yaml'), 'resources:\n- link.yaml\n');
    mkdirSync(join(repo, 'up'));
    writeFileSync(join(repo, 'up/kustomization.yaml'), 'resources:\n- ../../etc/passwd\n');
    const { code, stdout, stderr } = await run(['render', 'env', 'up'], repo);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'env/kustomization.yaml:2:3: error: resource link.yaml: env/link.yaml is a symlink that points outside the repository',
    );
    expect(stderr).toContain(
      'up/kustomization.yaml:2:3: error: resource ../../etc/passwd leaves the repository',
    );
  });

  it('explains its usage', async () => {
    expect((await run(['render'])).code).toBe(1);
    const help = await run(['render', '-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('-out-dir');
  });
});

describe('kubeproof render flag placement', () => {
  it('takes --out-dir after the folders too, as `kubeproof render DIR... --out-dir OUT`', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kubeproof-render-'));
    try {
      const { code } = await run(['render', 'examples/envs/dev', '--out-dir', out]);
      expect(code).toBe(0);
      expect(readFileSync(join(out, 'examples/envs/dev.yaml'), 'utf8')).toBe(expected('dev'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('kubeproof render finds the root kubectl kustomize would read from', () => {
  const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n';
  // What `kubectl kustomize overlays/prod` (v5.5.0) prints for this layout.
  const PROD = 'apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: prod-x\n';

  /** base/ and overlays/prod/ (resources: ../../base), inside `top`. */
  function layout(top: string): string {
    mkdirSync(join(top, 'base'), { recursive: true });
    writeFileSync(join(top, 'base/cm.yaml'), CONFIG_MAP);
    writeFileSync(join(top, 'base/kustomization.yaml'), 'resources:\n- cm.yaml\n');
    mkdirSync(join(top, 'overlays/prod'), { recursive: true });
    writeFileSync(
      join(top, 'overlays/prod/kustomization.yaml'),
      'resources:\n- ../../base\nnamePrefix: prod-\n',
    );
    return top;
  }

  it('outside git, from the overlay itself, from a sibling and from elsewhere, relative or absolute', async () => {
    const top = layout(tempDir());
    expect(gitWorkTree(top)).toBeUndefined();
    for (const [cwd, dir] of [
      [join(top, 'overlays/prod'), '.'],
      [join(top, 'base'), '../overlays/prod'],
      [tmpdir(), join(top, 'overlays/prod')],
      [join(top, 'overlays'), 'prod'],
    ] as const) {
      const { code, stdout, stderr } = await run(['render', dir], cwd);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(PROD);
    }
  });

  it('inside git, from a subfolder, with a path that goes up', async () => {
    const repo = layout(tempDir());
    mkdirSync(join(repo, '.git'));
    const { code, stdout, stderr } = await run(['render', '../overlays/prod'], join(repo, 'base'));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(PROD);
  });

  it('a path refused for leaving the root names the root used, and -root widens it', async () => {
    const top = layout(tempDir());
    mkdirSync(join(top, 'overlays/.git'));
    const refused = await run(['render', 'prod'], join(top, 'overlays'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `prod/kustomization.yaml:2:3: error: resource ../../base leaves the repository: kubeproof only reads files inside it (root ${join(top, 'overlays')}: the git work tree holding ${join(top, 'overlays/prod')}; give -root to read from a wider folder)`,
    );
    const widened = await run(['render', '-root', top, 'prod'], join(top, 'overlays'));
    expect(widened.stderr).toBe('');
    expect(widened.stdout).toBe(PROD);
    const outside = await run(['render', '-root', join(top, 'base'), 'prod'], join(top, 'overlays'));
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain(
      `kubeproof render: ${join(top, 'overlays/prod')} is not inside -root ${join(top, 'base')}\n`,
    );
  });

  it('a missing folder or a file is one line; the other folders still render', async () => {
    const top = layout(tempDir());
    const { code, stdout, stderr } = await run(['render', 'missing', 'base/cm.yaml', 'overlays/prod'], top);
    expect(code).toBe(1);
    expect(stdout).toBe(PROD);
    expect(stderr).toBe(
      `kubeproof render: missing: no such folder (${join(top, 'missing')})\n` +
        'kubeproof render: base/cm.yaml: a file, not a folder (give a folder)\n' +
        'kubeproof render: 2 of 3 folder(s) could not be rendered\n',
    );
  });
});
