import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach } from 'vitest';
import { createNodeProcessRunner } from '../../platform/node-process-runner.ts';
import type { ActionContext } from '../../platform/actions/action-context.ts';
import type { ActionsIo, AnnotationProperties } from '../../platform/actions/actions-io.ts';
import type { CheckActionDeps } from '../../platform/actions/run-check-action.ts';
import { checkoutGit } from '../../platform/actions/resolve-base.ts';
import type { GitHubPort } from '../../platform/github/github-port.ts';
import { createValidationDeps } from '../../platform/validation-setup.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../helpers/schemas.ts';

export const FIXTURES = 'test/fixtures/check';
export const REPO = { owner: 'acme', repo: 'gitops' };
export const PR = { ...REPO, number: 42 };
export const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const BASE_SHA = 'f0e1d2c3b4a5968778695a4b3c2d1e0f98765432';

/** The project's fixture schemas as the `schema-locations` input (no network in tests). */
export const TEST_SCHEMA_LOCATIONS = `${FIXTURE_LOCATION}\n${FIXTURE_CRD_LOCATION}`;

/** Inputs as the runner passes them, `''` when unset (what `core.getInput` returns). */
export function inputs(values: Record<string, string>): (name: string) => string {
  return (name) => values[name] ?? '';
}

/** Everything an action did through its `ActionsIo`, in order. */
export interface RecordedIo extends ActionsIo {
  log: string[];
  annotations: {
    level: 'notice' | 'warning' | 'error';
    message: string;
    properties?: AnnotationProperties;
  }[];
  outputs: Record<string, string>;
  failed: string[];
  summary: string;
  files: Map<string, string>;
}

export function recordingIo(): RecordedIo {
  const io: RecordedIo = {
    log: [],
    annotations: [],
    outputs: {},
    failed: [],
    summary: '',
    files: new Map(),
    info: (message) => void io.log.push(message),
    notice: (message, properties) =>
      void io.annotations.push({ level: 'notice', message, ...(properties ? { properties } : {}) }),
    warning: (message, properties) =>
      void io.annotations.push({ level: 'warning', message, ...(properties ? { properties } : {}) }),
    error: (message, properties) =>
      void io.annotations.push({ level: 'error', message, ...(properties ? { properties } : {}) }),
    setOutput: (name, value) => void (io.outputs[name] = value),
    setFailed: (message) => void io.failed.push(message),
    appendSummary: async (markdown) => void (io.summary += markdown),
    writeFile: async (path, content) => void io.files.set(path, content),
  };
  return io;
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(prefix = 'kubeproof-action-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A workspace holding the head of a fixture scenario (at `under`, default the top), no git. */
export function headWorkspace(scenario: string, under = ''): string {
  const workspace = tempDir();
  mkdirSync(join(workspace, under), { recursive: true });
  cpSync(join(FIXTURES, scenario, 'head'), join(workspace, under), { recursive: true });
  return workspace;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).trim();
}

/**
 * A checkout with history, as `actions/checkout` with `fetch-depth: 0` leaves it: the fixture's base
 * committed, then its head. Returns the workspace and the base commit.
 */
export function gitWorkspace(scenario: string): { workspace: string; baseSha: string; headSha: string } {
  const workspace = tempDir();
  git(workspace, 'init', '-q', '-b', 'main');
  cpSync(join(FIXTURES, scenario, 'base'), workspace, { recursive: true });
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'base');
  const baseSha = git(workspace, 'rev-parse', 'HEAD');
  for (const entry of readdirSync(workspace))
    if (entry !== '.git') rmSync(join(workspace, entry), { recursive: true });
  cpSync(join(FIXTURES, scenario, 'head'), workspace, { recursive: true });
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'head');
  return { workspace, baseSha, headSha: git(workspace, 'rev-parse', 'HEAD') };
}

/** Every file of a folder, by POSIX path relative to it (a fake port's tree, a tarball's entries). */
export function filesOf(folder: string, prefix = ''): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else
        files[`${prefix}${relative(folder, path).split('\\').join('/')}`] = new Uint8Array(
          readFileSync(path),
        );
    }
  };
  walk(folder);
  return files;
}

/** The files that differ between a scenario's base and head (what GitHub lists for the pull request). */
export function changedPaths(scenario: string, prefix = ''): string[] {
  const base = filesOf(join(FIXTURES, scenario, 'base'));
  const head = filesOf(join(FIXTURES, scenario, 'head'));
  const paths = new Set([...Object.keys(base), ...Object.keys(head)]);
  const same = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean =>
    a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));
  return [...paths]
    .filter((path) => !same(base[path], head[path]))
    .map((path) => `${prefix}${path}`)
    .sort();
}

/** A `pull_request` run's context for a workspace. */
export function pullRequestContext(workspace: string, overrides: Partial<ActionContext> = {}): ActionContext {
  return {
    workspace,
    runnerTemp: join(workspace, '..', 'runner-temp'),
    repo: REPO,
    sha: 'merge0000000000000000000000000000000000000',
    eventName: 'pull_request',
    pullRequest: { pr: PR, headSha: HEAD_SHA, baseSha: BASE_SHA, baseRef: 'main' },
    runUrl: 'https://github.com/acme/gitops/actions/runs/7',
    ...overrides,
  };
}

/** The check action's dependencies over a recording io, a fake (or no) port and the real git. */
export function checkDeps(
  context: ActionContext,
  port: GitHubPort | undefined,
  io: RecordedIo = recordingIo(),
): CheckActionDeps & { io: RecordedIo } {
  return {
    io,
    context,
    port,
    git: checkoutGit,
    createValidationDeps,
    runner: createNodeProcessRunner(),
    fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
    now: () => 0,
  };
}

const DEPLOYMENT = (replicas: string, namespace: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.5.0
`;

/** A workspace with rendered manifests (one invalid) and a kustomization the pattern ignores. */
export function renderedWorkspace(): string {
  const workspace = tempDir();
  mkdirSync(join(workspace, 'rendered'));
  writeFileSync(join(workspace, 'rendered', 'dev.yaml'), DEPLOYMENT('1', 'shop-dev'));
  writeFileSync(join(workspace, 'rendered', 'prod.yaml'), `# prod\n${DEPLOYMENT('"two"', 'shop-prod')}`);
  writeFileSync(join(workspace, 'rendered', 'kustomization.yaml'), 'resources: [dev.yaml]\n');
  return workspace;
}
