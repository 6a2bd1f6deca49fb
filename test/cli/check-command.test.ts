import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

// Hand-written GitOps repositories, base and head of one pull request each (see the scenario list).
const FIXTURES = 'test/fixtures/check';
const SCENARIOS = [
  'image-bump',
  'base-change',
  'secret-change',
  'config-change',
  'invalid-head',
  'render-failure',
  'new-environment',
  'no-change',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const base = (scenario: Scenario) => `${FIXTURES}/${scenario}/base`;
const head = (scenario: Scenario) => `${FIXTURES}/${scenario}/head`;

/** Runs the CLI in-process, with a clock that never moves (the footer prints the duration). */
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

// These tests are about rendering, validation and the diff: policy, which has its own tests
// (test/cli/policy-command.test.ts), is off unless a test turns it on with `-policy`.
const check = (scenario: Scenario, ...flags: string[]) =>
  run(['check', '-base', base(scenario), '-policy=false', ...flags, head(scenario)]);
const diff = (scenario: Scenario, ...flags: string[]) =>
  run(['diff', ...flags, base(scenario), head(scenario)]);

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface JsonReport {
  version: number;
  summary: {
    environments: number;
    changed: number;
    notRendered: number;
    validationErrors: number;
    validationWarnings: number;
  };
  environments: {
    environment: string;
    path: string;
    status: string;
    counts: { added: number; changed: number; removed: number; unchanged: number };
    resources: {
      resource: { kind: string; namespace?: string; name: string };
      change: string;
      notes: { kind: string; text: string }[];
      renamed: { from: string; to: string } | null;
    }[];
    validation: { resources: number; errors: number } | null;
  }[];
  meta: { durationMs: number; kubernetesVersion: string };
}

const EXIT_CODES: Record<Scenario, { check: number; diff: number }> = {
  'image-bump': { check: 0, diff: 0 },
  'base-change': { check: 0, diff: 0 },
  'secret-change': { check: 0, diff: 0 },
  'config-change': { check: 0, diff: 0 },
  'invalid-head': { check: 1, diff: 0 }, // validation errors fail check, never diff
  'render-failure': { check: 1, diff: 1 },
  'new-environment': { check: 0, diff: 0 },
  'no-change': { check: 0, diff: 0 },
};

describe('kubeproof check -o markdown on the fixture repositories', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: prints the review comment and exits ${EXIT_CODES[scenario].check}`, async () => {
      const { code, stdout, stderr } = await check(scenario, '-o', 'markdown');
      expect(stderr).toBe('');
      expect(stdout.startsWith('<!-- kubeproof:report -->\n')).toBe(true);
      expect(stdout).toMatchSnapshot();
      expect(code).toBe(EXIT_CODES[scenario].check);
    });
  }
});

describe('kubeproof diff exit codes', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario}: exits ${EXIT_CODES[scenario].diff}`, async () => {
      const { code, stdout } = await diff(scenario, '-o', 'markdown');
      expect(stdout.startsWith('<!-- kubeproof:report -->\n')).toBe(true);
      expect(code).toBe(EXIT_CODES[scenario].diff);
    });
  }
});

describe('what the reports say', () => {
  it('image-bump: only prod changes, with the image and replica change in one line', async () => {
    const { stdout } = await check('image-bump', '-o', 'markdown');
    expect(stdout).toContain('#### prod: 1 changed · +2 −2 · ✅ valid');
    expect(stdout).not.toMatch(/\bdev\b/);
    expect(stdout).toContain(
      '- `Deployment shop-prod/web`: replicas `3` → `5`; image `ghcr.io/acme/web` `1.4.2` → `1.5.0`',
    );
  });

  it('base-change: a change in apps/web/base shows in both environments', async () => {
    const { stdout } = await check('base-change', '-o', 'markdown');
    // One entry for both, with one diff: the changed lines are the same; the memory next to them
    // is each overlay's own, and the fold says so.
    expect(stdout).toContain('#### 2 environments: 1 changed · +3 −1 each · ✅ valid\n\nprod, dev\n');
    expect(stdout.match(/env `CACHE_TTL_SECONDS` added: `300`/g)).toHaveLength(1);
    expect(stdout.match(/CPU limit `500m` → `1`/g)).toHaveLength(1);
    expect(stdout).toContain(
      'Diff of prod (the changed lines are the same in both; the lines around them differ)',
    );
    expect(stdout).toContain('             memory: 512Mi');
  });

  it('config-change: the hash-suffixed ConfigMap is one changed resource, renamed, and the reference follows', async () => {
    const { code, stdout } = await diff('config-change', '-o', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.environments.map((e) => [e.environment, e.counts])).toEqual([
      ['dev', { added: 0, changed: 2, removed: 0, unchanged: 2 }],
      ['prod', { added: 0, changed: 2, removed: 0, unchanged: 2 }],
    ]);
    for (const environment of report.environments) {
      const configMap = environment.resources.find((r) => r.resource.kind === 'ConfigMap');
      expect(configMap?.change).toBe('changed');
      expect(configMap?.renamed?.from).toMatch(/^web-config-[a-z0-9]{10}$/);
      expect(configMap?.renamed?.to).toMatch(/^web-config-[a-z0-9]{10}$/);
      expect(configMap?.renamed?.to).not.toBe(configMap?.renamed?.from);
      expect(configMap?.notes.map((n) => n.text).join('; ')).toContain('FEATURE_CHECKOUT');
      const deployment = environment.resources.find((r) => r.resource.kind === 'Deployment');
      expect(deployment?.change).toBe('changed');
      expect(deployment?.notes.map((n) => n.text).join('; ')).toContain(configMap?.renamed?.to ?? '?');
    }
  });

  it('invalid-head: names the schema error on the Deployment', async () => {
    const { code, stdout } = await check('invalid-head', '-o', 'markdown');
    expect(code).toBe(1);
    expect(stdout).toMatch(/❌ 1 validation error/);
    expect(stdout).toMatch(/Deployment shop-prod\/web.*\/spec\/replicas: got string, want integer/);
    // The value comes from the overlay's patch, not from the base that also has spec.replicas.
    expect(stdout).toContain('envs/prod/deployment-patch.yaml:6');
  });

  it('render-failure: says prod was not rendered and names the missing file', async () => {
    const { code, stdout } = await check('render-failure', '-o', 'markdown');
    expect(code).toBe(1);
    expect(stdout).toContain('#### prod: ❌ not rendered');
    expect(stdout).toContain('envs/prod/hpa-patch.yaml does not exist in the repository');
    expect(stdout).toContain('envs/prod/kustomization.yaml:19');
  });

  it('render-failure: reports the missing file once, with counts that agree', async () => {
    const { stdout } = await check('render-failure', '-o', 'markdown');
    expect(stdout.match(/hpa-patch\.yaml does not exist/g)).toHaveLength(1);
    expect(stdout).not.toContain('2 errors');
  });

  it('new-environment: staging is new, every resource added', async () => {
    const { stdout } = await check('new-environment', '-o', 'json');
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.environments.map((e) => [e.environment, e.counts])).toEqual([
      ['staging', { added: 4, changed: 0, removed: 0, unchanged: 0 }],
    ]);
  });

  it('no-change: a README change affects no environment', async () => {
    const { code, stdout } = await check('no-change', '-o', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.environments).toEqual([]);
    expect(report.summary).toMatchObject({ changed: 0, notRendered: 0, validationErrors: 0 });
  });

  it('diff does not claim the head is valid, since it does not validate', async () => {
    const { stdout } = await diff('invalid-head', '-o', 'text');
    expect(stdout.split('\n')[0]).not.toMatch(/valid/);
  });
});

describe('text and json outputs', () => {
  it('text is the default, and shows the same content', async () => {
    const { code, stdout, stderr } = await check('image-bump');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatchSnapshot();
    expect((await check('image-bump', '-o', 'text')).stdout).toBe(stdout);
    expect((await check('image-bump', '-output', 'text')).stdout).toBe(stdout);
  });

  it('text: invalid-head', async () => {
    const { code, stdout } = await check('invalid-head', '-o', 'text');
    expect(code).toBe(1);
    expect(stdout).toMatchSnapshot();
  });

  it('json: image-bump', async () => {
    const { code, stdout } = await check('image-bump', '-o', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.summary).toMatchObject({
      environments: 1,
      changed: 1,
      notRendered: 0,
      validationErrors: 0,
      notValidated: 0,
    });
    // Without -schema-location: the bundled schemas, named for what they are.
    expect(report.meta).toMatchObject({
      durationMs: 0,
      kubernetesVersion: '1.27.0',
      strict: false,
      crdsFromRepo: false,
      schemas: [
        {
          source: 'kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)',
          kubernetesVersion: '1.27',
          strict: false,
          origin: 'offline',
        },
      ],
    });
    const [prod] = report.environments;
    expect(prod).toMatchObject({
      environment: 'prod',
      path: 'envs/prod',
      status: 'changed',
      counts: { added: 0, changed: 1, removed: 0, unchanged: 3 },
      validation: { resources: 4, errors: 0 },
    });
    expect(prod?.resources.map((r) => [r.resource.kind, r.change, r.notes.map((n) => n.kind)])).toEqual([
      ['Deployment', 'changed', ['replicas', 'image']],
    ]);
    expect(stdout).toMatchSnapshot();
  });

  it('json: invalid-head counts the validation error', async () => {
    const { code, stdout } = await check('invalid-head', '-o', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.summary).toMatchObject({ validationErrors: 1, notRendered: 0 });
  });

  it('json: render-failure counts the environment not rendered', async () => {
    const { code, stdout } = await diff('render-failure', '-o', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.summary).toMatchObject({ notRendered: 1 });
  });

  it('diff BASE_DIR HEAD_DIR -o json, as the issue writes it, prints json', async () => {
    const { code, stdout } = await run(['diff', base('image-bump'), head('image-bump'), '-o', 'json']);
    expect(code).toBe(0);
    expect(() => JSON.parse(stdout) as unknown).not.toThrow();
  });
});

describe('-changed narrowing', () => {
  it('keeps only the environments the named files affect', async () => {
    const all = await check('base-change', '-o', 'json');
    expect((JSON.parse(all.stdout) as JsonReport).environments.map((e) => e.environment)).toEqual([
      'dev',
      'prod',
    ]);
    const prod = await check('base-change', '-o', 'json', '-changed', 'envs/prod/kustomization.yaml');
    expect((JSON.parse(prod.stdout) as JsonReport).environments.map((e) => e.environment)).toEqual(['prod']);
    const both = await check(
      'image-bump',
      '-o',
      'json',
      '-changed',
      'envs/dev/kustomization.yaml',
      '-changed',
      'envs/prod/kustomization.yaml',
    );
    const environments = (JSON.parse(both.stdout) as JsonReport).environments;
    expect(environments.map((e) => [e.environment, e.status])).toEqual([
      ['dev', 'unchanged'],
      ['prod', 'changed'],
    ]);
  });

  it('a changed file no environment uses selects none', async () => {
    const { code, stdout } = await diff('image-bump', '-o', 'json', '-changed', 'README.md');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as JsonReport).environments).toEqual([]);
  });
});

describe('usage errors', () => {
  it('refuses -base together with -base-ref, naming the flag', async () => {
    const { code, stdout, stderr } = await run([
      'check',
      '-base',
      base('image-bump'),
      '-base-ref',
      'HEAD~1',
      head('image-bump'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubeproof check: .*-base-ref/);
  });

  it('refuses an unknown output, naming the flag and the value', async () => {
    for (const command of ['check', 'diff']) {
      const { code, stdout, stderr } = await run([
        command,
        '-o',
        'yaml',
        base('image-bump'),
        head('image-bump'),
      ]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(`^kubeproof ${command}: -output must be one of text, markdown, json`),
      );
      expect(stderr).toContain('"yaml"');
    }
  });

  it('diff without folders or -base-ref explains what it needs', async () => {
    const { code, stderr } = await run(['diff']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/BASE_DIR and HEAD_DIR, or -base-ref/);
  });

  it('an unknown flag is a usage error, and -h prints the flags', async () => {
    const bad = await run(['check', '-nope']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('-nope');
    for (const command of ['check', 'diff']) {
      const help = await run([command, '-h']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: kubeproof ${command}`));
      expect(help.stdout).toContain('-base-ref');
      expect(help.stdout).toContain('-changed');
    }
  });
});

describe('secrets never appear (secret-change canaries)', () => {
  const CANARIES = ['CANARY-SECRET-OLD-5f1e2d', 'CANARY-SECRET-NEW-9a8b7c'];
  const FORBIDDEN = [
    ...CANARIES,
    ...CANARIES.map((c) => Buffer.from(c).toString('base64')),
    // The canary's distinctive tail, in case a value is cut or wrapped.
    '5f1e2d',
    '9a8b7c',
  ];

  it('the fixture holds the canaries (else the test proves nothing)', () => {
    const text = (side: 'base' | 'head', file: string) =>
      readFileSync(`${FIXTURES}/secret-change/${side}/apps/web/base/${file}`, 'utf8');
    expect(text('base', 'kustomization.yaml')).toContain(CANARIES[0]);
    expect(text('head', 'kustomization.yaml')).toContain(CANARIES[1]);
    expect(text('base', 'deployment.yaml')).toContain(`value: ${CANARIES[0]}`);
    expect(text('head', 'payment-secret.yaml')).toContain(FORBIDDEN[3]);
  });

  for (const command of ['check', 'diff'] as const)
    for (const output of ['text', 'markdown', 'json'])
      it(`${command} -o ${output}`, async () => {
        const { code, stdout, stderr } =
          command === 'check'
            ? await check('secret-change', '-policy', '-o', output)
            : await diff('secret-change', '-o', output);
        expect(code).toBe(0);
        // The change is reported...
        expect(stdout).toMatch(/API_TOKEN|API\\_TOKEN/);
        expect(stdout).toContain('api-key');
        // ...but never the values.
        for (const canary of FORBIDDEN) {
          expect(stdout).not.toContain(canary);
          expect(stderr).not.toContain(canary);
        }
      });

  it('the summaries say which secret keys changed', async () => {
    const { stdout } = await check('secret-change', '-o', 'markdown');
    expect(stdout).toMatch(/#### 2 environments: [^\n]*\n\nprod, dev\n/);
    expect(stdout).toMatch(/`Secret payment-gateway`: secret key api-key changed/);
    expect(stdout).toMatch(/env API\\_TOKEN changed \(redacted\)/);
    expect(stdout).toMatch(/secret key password changed/);
  });
});

describe('kubeproof diff -base-ref', () => {
  function git(cwd: string, ...args: string[]): void {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd,
      stdio: 'pipe',
    });
  }

  /** A git repository whose last two commits are the scenario's base and head (in `subfolder`). */
  function gitRepository(scenario: Scenario, subfolder = ''): { root: string; gitops: string } {
    const root = mkdtempSync(join(tmpdir(), 'kubeproof-check-git-'));
    temporary.push(root);
    const gitops = join(root, subfolder);
    mkdirSync(gitops, { recursive: true });
    git(root, 'init', '-q', '.');
    cpSync(base(scenario), gitops, { recursive: true });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    rmSync(join(gitops, 'apps'), { recursive: true });
    rmSync(join(gitops, 'envs'), { recursive: true });
    cpSync(head(scenario), gitops, { recursive: true });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'head');
    return { root, gitops };
  }

  it('reads the base from git and gives the same report as with two folders', async () => {
    const { root } = gitRepository('image-bump');
    const fromGit = await run(['diff', '-base-ref', 'HEAD~1', '-o', 'markdown', root]);
    expect(fromGit.stderr).toBe('');
    expect(fromGit.code).toBe(0);
    const fromFolders = await diff('image-bump', '-o', 'markdown');
    expect(fromGit.stdout).toBe(fromFolders.stdout);
  });

  it('defaults HEAD_DIR to the current directory', async () => {
    const { root } = gitRepository('config-change');
    const { code, stdout } = await run(['diff', '-base-ref', 'HEAD~1', '-o', 'json'], root);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.environments.map((e) => [e.environment, e.counts.changed])).toEqual([
      ['dev', 2],
      ['prod', 2],
    ]);
  });

  it('works when the GitOps repository is a subfolder of the git repository', async () => {
    const { gitops } = gitRepository('image-bump', 'deploy/gitops');
    const { code, stdout, stderr } = await run(['diff', '-base-ref', 'HEAD~1', '-o', 'json', gitops]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.environments).toHaveLength(1);
    expect(report.environments[0]).toMatchObject({
      environment: 'prod',
      path: 'envs/prod',
      counts: { added: 0, changed: 1, removed: 0, unchanged: 3 },
    });
  });

  it('check -base-ref validates and diffs like check -base', async () => {
    const { root } = gitRepository('invalid-head');
    const fromGit = await run(['check', '-base-ref', 'HEAD~1', '-policy=false', '-o', 'markdown', root]);
    expect(fromGit.code).toBe(1);
    expect(fromGit.stdout).toBe((await check('invalid-head', '-o', 'markdown')).stdout);
  });

  it('from a subfolder, check and diff find the repository root and report what they report from the root', async () => {
    const { root } = gitRepository('image-bump');
    for (const command of ['check', 'diff']) {
      const fromRoot = await run([command, '-base-ref', 'HEAD~1', '-o', 'markdown'], root);
      expect(fromRoot.stdout).toContain('1 environment changes');
      const fromSubfolder = await run(
        [command, '-base-ref', 'HEAD~1', '-o', 'markdown'],
        join(root, 'envs/prod'),
      );
      expect(fromSubfolder.stderr).toBe('');
      expect(fromSubfolder.code).toBe(0);
      expect(fromSubfolder.stdout).toBe(fromRoot.stdout);
    }
  });

  it('an unknown ref is an error on stderr with exit code 1', async () => {
    const { root } = gitRepository('image-bump');
    const { code, stdout, stderr } = await run(['diff', '-base-ref', 'no-such-ref', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubeproof diff: .*no-such-ref/);
  });
});

describe('sarif output', () => {
  it('gives the findings as SARIF 2.1.0 with the source file and line, for code scanning', async () => {
    const { code, stdout } = await check('invalid-head', '-o', 'sarif');
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as {
      version: string;
      runs: {
        results: {
          ruleId: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const [result] = log.runs[0]?.results ?? [];
    expect(result?.ruleId).toBe('schema');
    expect(result?.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
      'envs/prod/deployment-patch.yaml',
    );
    expect(result?.locations[0]?.physicalLocation.region.startLine).toBe(6);
  });
});

describe('check without a base (the README main job on examples/)', () => {
  it('renders and validates every environment, lists what each one holds, exits 0', async () => {
    let stdout = '';
    const code = await main(['check', '-policy=false', 'examples'], {
      stdout: (t) => void (stdout += t),
      stderr: () => {},
      stdinIsTTY: true,
      env: {},
      cwd: process.cwd(),
      now: () => 0,
    });
    expect(code).toBe(0);
    // Without a base nothing changes: what each environment holds, and that it is valid.
    expect(stdout.split('\n')[0]).toBe(
      'kubeproof: 5 environments rendered, 30 resources, no base to compare · valid',
    );
    expect(stdout).toMatch(/^environment +resources +validation$/m);
    expect(stdout).toMatch(/^prod +10 +valid$/m);
    expect(stdout).toContain('prod: 10 resources\n');
    expect(stdout).toContain('    Deployment acme-prod/web: image ghcr.io/acme/web:1.3.0\n');
    expect(stdout).toContain('    Secret acme-prod/db-');
    expect(stdout).not.toMatch(/change|added/);
    // No YAML repeated as a diff of everything, no "environment is new" notices.
    expect(stdout).not.toMatch(/^\s+\+apiVersion:/m);
    expect(stdout).not.toContain('is new');
  });
});

describe('nothing found is not valid', () => {
  function folder(layout: 'empty' | 'unknown layout' | 'a file'): { cwd: string; dir: string } {
    const cwd = mkdtempSync(join(tmpdir(), 'kubeproof-nothing-'));
    temporary.push(cwd);
    if (layout === 'a file') {
      writeFileSync(join(cwd, 'deploy'), 'not a folder\n');
      return { cwd, dir: 'deploy' };
    }
    mkdirSync(join(cwd, 'deploy'));
    if (layout === 'unknown layout') {
      // A kustomization, but not in envs/, environments/, overlays/ or clusters/, and no config.
      mkdirSync(join(cwd, 'deploy/app'));
      writeFileSync(join(cwd, 'deploy/app/kustomization.yaml'), 'resources:\n- cm.yaml\n');
      writeFileSync(
        join(cwd, 'deploy/app/cm.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      );
    }
    return { cwd, dir: 'deploy' };
  }

  it.each(['empty', 'unknown layout', 'a file'] as const)(
    '%s: check says no environment found, where it looked and how to declare one, and exits 1',
    async (layout) => {
      const { cwd, dir } = folder(layout);
      const { code, stdout, stderr } = await run(['check', dir], cwd);
      expect(code).toBe(1);
      expect(stderr).toBe('');
      const [verdict, , explanation] = stdout.split('\n');
      expect(verdict).toBe('kubeproof: no environment found');
      expect(explanation).toContain(
        `No environment found in deploy${layout === 'a file' ? ' (a file, not a folder)' : ''}:`,
      );
      expect(explanation).toContain('envs/, environments/, overlays/ or clusters/');
      expect(explanation).toContain('{version: 1, environments: [{name: prod, path: deploy/prod}]}');
      expect(stdout).not.toMatch(/valid|no environment affected/);
    },
  );

  it('diff says it too and exits 1; the json and sarif outputs carry it', async () => {
    const { cwd, dir } = folder('empty');
    const text = await run(['diff', dir, dir], cwd);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')[0]).toBe('kubeproof: no environment found');
    const json = await run(['check', dir, '-o', 'json'], cwd);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { summary: { noEnvironment: string } }).summary.noEnvironment).toMatch(
      /^no environment found in deploy: /,
    );
    expect(json.stderr).toMatch(/^kubeproof check: no environment found in deploy: .*\n$/);
    const sarif = await run(['check', dir, '-o', 'sarif'], cwd);
    expect(sarif.stdout).toContain('"ruleId": "no-environment"');
  });

  it.each([
    ['check', ['check', '/nonexistent-kubeproof']],
    ['check -base', ['check', '-base', '/nonexistent-kubeproof', '.']],
    ['diff', ['diff', '.', '/nonexistent-kubeproof']],
    ['environments', ['environments', '/nonexistent-kubeproof']],
    ['render', ['render', '/nonexistent-kubeproof']],
  ])('%s of a nonexistent path: one line naming it, exit 1, no stack trace', async (_, argv) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^kubeproof [a-z]+: (-base )?\/nonexistent-kubeproof: no such folder\n/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});

describe('schemas that cannot honour the request are not a pass', () => {
  it('check -strict without a location: every resource the offline schemas pass is "not validated", exit 1', async () => {
    const { code, stdout } = await check('image-bump', '-strict', '-kubernetes-version', '1.31.0');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^kubeproof: 1 environment changes · 4 resources not validated\n/);
    expect(stdout).not.toMatch(/· valid/);
    expect(stdout).toContain(
      'cannot honour -strict (they cannot see unknown fields) or -kubernetes-version 1.31.0 (they model Kubernetes 1.27). Give a reachable -schema-location or a local schema folder, or pass -offline for an explicit weaker check',
    );
  });

  it('-offline accepts the weaker check and the footer says what it was', async () => {
    const { code, stdout } = await check('image-bump', '-offline', '-strict');
    expect(code).toBe(0);
    expect(stdout).toMatch(/· valid\n/);
    expect(stdout).toContain(
      'schemas: kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)',
    );
    expect(stdout).not.toContain('CRDs from the repository');
  });

  it('names CRDs from the repository when it has them', async () => {
    const { stdout } = await run(['check', 'examples']);
    expect(stdout).toContain('CRDs from the repository');
  });
});

describe('kubeproof check: Argo CD, Flux and SealedSecret objects, offline', () => {
  const REPO = `${FIXTURES}/gitops-kinds`;
  const ONCE =
    'not validated, no schema: SealedSecret bitnami.com/v1alpha1 (2 resources), HelmRelease helm.toolkit.fluxcd.io/v2 (2 resources)';

  it('validates the Argo CD and Flux kinds with the bundled packages and names the kinds without a schema once', async () => {
    const { code, stdout } = await run(['check', '-policy=false', REPO]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^kubeproof: .* · 1 validation error · 4 resources not validated$/m);
    expect(stdout).toContain(
      'error schema on Application argocd/web (envs/prod/application-patch.yaml:9): /spec/syncPolicy/automated/prune: got string, want boolean',
    );
    expect(stdout).toMatch(/^dev +5 +2 not validated$/m);
    expect(stdout).toContain(
      'schemas: @kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict), @kubernetes-models/flux-cd 2.3.4 (Flux 2.2 CRDs, not strict)',
    );
    expect(stdout.split(ONCE)).toHaveLength(2);
    expect(stdout).not.toMatch(/could not find schema|missing-schema/);
  });

  it('says it once in the review comment, and in the JSON per kind', async () => {
    const markdown = (await run(['check', '-o', 'markdown', REPO])).stdout;
    expect(markdown.split(ONCE)).toHaveLength(2);
    expect(markdown).not.toMatch(/could not find schema|missing-schema/);
    const json = JSON.parse((await run(['check', '-o', 'json', REPO])).stdout) as {
      summary: { missingSchemas: unknown[] };
    };
    expect(json.summary.missingSchemas).toEqual([
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', resources: 2, detail: null },
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', resources: 2, detail: null },
    ]);
  });
});
