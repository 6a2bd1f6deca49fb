/**
 * `npm run bench [validate|render|check|action|promote|policy|admission|bot]`: prints figures, never fails on them. Each scenario
 * runs a bundle (`dist/kubeproof.js`, `dist/check.js`; run `npm run build` first) as its own
 * process, so peak memory is measured per run. Generated data goes to bench/.data/ (git-ignored).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeGitHubServer } from '../test/helpers/fake-github-server.ts';
import { runActionProcess } from '../test/helpers/run-action-process.ts';
import { deploymentsStream, smallDeploymentYaml } from './generate.ts';
import { GITOPS_ENVIRONMENTS, writeGitopsRepo } from './generate-gitops.ts';
import { admissionBenchmark } from './admission-bench.ts';
import { policyBenchmark } from './policy-bench.ts';
import { botBenchmark } from './bot-bench.ts';
import { promoteBenchmark } from './promote-bench.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = `${root}bench/.data`;
/** The upstream schemas, where the tests find them (KUBEPROOF_TEST_SCHEMAS); the offline ones when absent. */
const shared = resolve(root, process.env['KUBEPROOF_TEST_SCHEMAS'] || '../shared/k8s-schemas');
const only = process.argv[2];

interface Figures {
  scenario: string;
  resources: number;
  seconds: number;
  perSecond: number;
  peakMiB: number;
  exit: number | null;
}

function runCli(scenario: string, resources: number, args: string[]): Figures {
  const started = performance.now();
  const child = spawnSync(process.execPath, [`${root}bench/measure-cli.mjs`, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - started) / 1000;
  const stats = /KUBEPROOF_BENCH (\{.*\})/.exec(child.stderr);
  const peakMiB = stats ? (JSON.parse(stats[1] as string) as { maxRssKiB: number }).maxRssKiB / 1024 : NaN;
  const summary = child.stdout.trim().split('\n').at(-1) ?? '';
  if (!summary.includes(`${resources} resources found`))
    console.error(`  unexpected output for ${scenario}: ${summary}\n${child.stderr}`);
  return { scenario, resources, seconds, perSecond: resources / seconds, peakMiB, exit: child.status };
}

/** Runs a scenario several times: this machine is a shared VM whose speed varies by a third from run to run. */
function repeat(scenario: string, resources: number, args: string[], times = 3): void {
  const runs = Array.from({ length: times }, () => runCli(scenario, resources, args));
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(runs.length / 2)] as Figures;
  const best = runs[0] as Figures;
  print({ ...median, scenario: `${scenario} (median of ${times})` });
  console.log(
    `${''.padEnd(60)} best ${best.seconds.toFixed(2)} s = ${Math.round(best.perSecond)} resources/s`,
  );
}

function print(f: Figures): void {
  console.log(
    `${f.scenario.padEnd(60)} ${String(f.resources).padStart(7)} resources  ${f.seconds.toFixed(2).padStart(6)} s  ` +
      `${Math.round(f.perSecond).toString().padStart(6)} resources/s  peak ${Math.round(f.peakMiB)} MiB  exit ${f.exit}`,
  );
}

/** The first line where two renderings differ, for the report. */
function firstDifference(builtin: string, kubectl: string): string {
  const a = builtin.split('\n');
  const b = kubectl.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const show = (line: string | undefined): string =>
      line === undefined ? '(end of output)' : JSON.stringify(line);
    return `line ${i + 1}: built-in ${show(a[i])}, kubectl ${show(b[i])}`;
  }
  return 'same lines, different bytes';
}

/**
 * `kubeproof diff` and `kubeproof check` on a pull request of the generated repository that bumps
 * one image in every app (its staging overlay): find the affected environments, render both sides,
 * diff, (validate,) and render the review comment. Each command is one process, timed whole.
 */
/** The pull request of the check benchmarks: base and head folders, and the files it changes. */
function checkData(apps: number): { base: string; head: string; changed: string[] } {
  const base = `${data}/check-base`;
  const head = `${data}/check-head`;
  writeGitopsRepo(base, apps);
  rmSync(head, { recursive: true, force: true });
  cpSync(base, head, { recursive: true });
  const changed: string[] = [];
  for (let index = 0; index < apps; index++) {
    const folder = readdirSync(`${head}/apps`).sort()[index] as string;
    const path = `apps/${folder}/envs/staging/kustomization.yaml`;
    const file = `${head}/${path}`;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/newTag: (\S+)/, 'newTag: $1-next'));
    changed.push(path);
  }
  return { base, head, changed };
}

function checkBenchmark(apps = 100): void {
  const { base, head } = checkData(apps);
  console.log(
    `\nkubeproof diff/check: ${apps} apps x 3 environments, one image bumped in every app (${head})`,
  );
  for (const command of ['diff', 'check']) {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [`${root}dist/kubeproof.js`, command, '-o', 'markdown', '-base', base, head],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const bodies = child.stdout.split('<!-- kubeproof:report').length - 1;
    const changed = (child.stdout.match(/^- `Deployment/gm) ?? []).length;
    console.log(
      `${`kubeproof ${command} -o markdown (one process)`.padEnd(60)} ${seconds.toFixed(2).padStart(6)} s  ` +
        `${bodies} comment bodies, ${child.stdout.length} characters, ${changed} Deployments listed  exit ${child.status}` +
        (child.status === 0 ? '' : `\n${child.stderr.slice(0, 500)}`),
    );
  }
  console.log(`${''.padEnd(60)} target: under 3 s for render + diff + comment`);
}

/** A checkout with history (actions/checkout with `fetch-depth: 0`): base committed, then head. */
function gitCheckout(base: string, head: string): { workspace: string; baseSha: string; headSha: string } {
  const workspace = mkdtempSync(join(tmpdir(), 'kubeproof-bench-checkout-'));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
      cwd: workspace,
      encoding: 'utf8',
    }).trim();
  git('init', '-q', '-b', 'main');
  cpSync(base, workspace, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  for (const entry of readdirSync(workspace))
    if (entry !== '.git') rmSync(join(workspace, entry), { recursive: true });
  cpSync(head, workspace, { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  return { workspace, baseSha, headSha: git('rev-parse', 'HEAD') };
}

/**
 * The root action (`dist/check.js`) end to end as the runner runs it, on the check benchmark's pull
 * request, against a local server that answers like GitHub and counts the calls: once with the base
 * downloaded from the API (one tarball), once with a checkout that has the base in its history.
 */
async function actionBenchmark(apps = 100): Promise<void> {
  const { base, head, changed } = checkData(apps);
  const schemaLocations = existsSync(shared)
    ? [
        `${shared}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
        `${shared}/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`,
      ].join('\n')
    : 'offline';
  console.log(
    `\nthe root action (dist/check.js): ${apps} apps x 3 environments, one image bumped in every app`,
  );
  const checkout = gitCheckout(base, head);
  const cases = [
    {
      label: 'base from the API (one tarball)',
      workspace: head,
      baseSha: 'b'.repeat(40),
      headSha: 'a'.repeat(40),
    },
    { label: 'base from the checkout (fetch-depth: 0)', ...checkout },
  ];
  for (const { label, workspace, baseSha, headSha } of cases) {
    const server = await startFakeGitHubServer({
      owner: 'acme',
      repo: 'gitops',
      pullFiles: { 42: changed.map((filename) => ({ filename, status: 'modified' })) },
      tarballs: { [baseSha]: base },
    });
    const run = await runActionProcess({
      script: `${root}dist/check.js`,
      actionYml: `${root}action.yml`,
      workspace,
      apiUrl: server.url,
      event: {
        number: 42,
        pull_request: { number: 42, head: { sha: headSha }, base: { sha: baseSha, ref: 'main' } },
        repository: { name: 'gitops', owner: { login: 'acme' } },
      },
      inputs: { 'schema-locations': schemaLocations },
    });
    const calls = server
      .apiCalls()
      .map((call) => `${call.method} ${call.path.replace('/repos/acme/gitops', '')}`);
    await server.close();
    rmSync(dirname(run.runnerTemp), { recursive: true, force: true });
    console.log(
      `${label.padEnd(60)} ${run.seconds.toFixed(2).padStart(6)} s  ${String(calls.length).padStart(2)} API calls  ` +
        `environments ${JSON.parse(run.outputs['environments'] ?? '[]').length}  errors ${run.outputs['errors']}  exit ${run.code}` +
        (run.code === 0 ? '' : `\n${run.stdout.slice(-800)}${run.stderr.slice(0, 500)}`),
    );
    console.log(`${''.padEnd(60)} ${calls.join(', ')}`);
  }
  rmSync(checkout.workspace, { recursive: true, force: true });
  console.log(`${''.padEnd(60)} target: under 10 s, at most 10 GitHub API calls`);
}

/**
 * `kubeproof render` against `kubectl kustomize` on a generated GitOps repository: every
 * environment rendered by one built-in process, then by one kubectl process per folder (how CI
 * scripts call it), output compared byte for byte.
 */
function renderBenchmark(apps = 100): void {
  const repo = `${data}/gitops-${apps}x${GITOPS_ENVIRONMENTS.length}`;
  const folders = writeGitopsRepo(repo, apps);
  const out = mkdtempSync(join(tmpdir(), 'kubeproof-bench-render-'));
  console.log(
    `kubeproof render vs kubectl kustomize: ${apps} apps x ${GITOPS_ENVIRONMENTS.join('/')} = ${folders.length} environments (${repo})`,
  );

  let started = performance.now();
  const builtin = spawnSync(
    process.execPath,
    [`${root}dist/kubeproof.js`, 'render', '--out-dir', `${out}/builtin`, ...folders],
    { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  const builtinSeconds = (performance.now() - started) / 1000;
  const builtinErrors = builtin.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.includes('deprecated'));
  console.log(
    `${'built-in: 1 process, all environments'.padEnd(60)} ${builtinSeconds.toFixed(2).padStart(6)} s  ` +
      `${(folders.length / builtinSeconds).toFixed(1).padStart(7)} environments/s  exit ${builtin.status}`,
  );
  for (const line of builtinErrors.slice(0, 5)) console.log(`  ${line}`);

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (kubectl.error !== undefined || kubectl.status !== 0) {
    console.log('kubectl is not installed: only the built-in engine was timed');
    rmSync(out, { recursive: true, force: true });
    return;
  }
  const failed: string[] = [];
  started = performance.now();
  for (const folder of folders) {
    const run = spawnSync('kubectl', ['kustomize', folder], {
      cwd: repo,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    if (run.status !== 0) failed.push(`${folder}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
    mkdirSync(dirname(`${out}/kubectl/${folder}.yaml`), { recursive: true });
    writeFileSync(`${out}/kubectl/${folder}.yaml`, run.stdout);
  }
  const kubectlSeconds = (performance.now() - started) / 1000;
  console.log(
    `${`kubectl kustomize: ${folders.length} processes, one after another`.padEnd(60)} ${kubectlSeconds.toFixed(2).padStart(6)} s  ` +
      `${(folders.length / kubectlSeconds).toFixed(1).padStart(7)} environments/s  ${failed.length} failed`,
  );
  for (const line of failed.slice(0, 3)) console.log(`  ${line}`);

  const differing: string[] = [];
  for (const folder of folders) {
    const expected = readFileSync(`${out}/kubectl/${folder}.yaml`, 'utf8');
    const path = `${out}/builtin/${folder}.yaml`;
    if (!existsSync(path)) differing.push(`${folder}: no built-in output (the render failed)`);
    else {
      const actual = readFileSync(path, 'utf8');
      if (actual !== expected) differing.push(`${folder}: ${firstDifference(actual, expected)}`);
    }
  }
  const ratio = kubectlSeconds / builtinSeconds;
  console.log(
    `environments ${folders.length}  identical ${folders.length - differing.length}  differing ${differing.length}  ` +
      `built-in ${builtinSeconds.toFixed(2)} s  kubectl ${kubectlSeconds.toFixed(2)} s  ` +
      `speed-up ${ratio.toFixed(1)}x (target: identical output, >= 20x)`,
  );
  for (const line of differing.slice(0, 3)) console.log(`  ${line}`);
  if (differing.length > 0) console.log(`  outputs kept in ${out}`);
  else rmSync(out, { recursive: true, force: true });
}

// The admission benchmark runs from the sources; every other one needs the bundles.
if (only !== 'admission' && !existsSync(`${root}dist/kubeproof.js`))
  throw new Error('run `npm run build` first');
mkdirSync(data, { recursive: true });
const locations = existsSync(shared)
  ? [
      '-kubernetes-version',
      '1.31.0',
      '-schema-location',
      `${shared}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
    ]
  : ['-offline'];

const N = 100_000;
if (!only || only === 'validate') {
  console.log(
    `kubeproof validate -strict (schemas: ${existsSync(shared) ? 'shared/k8s-schemas v1.31.0 strict' : 'offline'})`,
  );
  const single = `${data}/deployments-100k.yaml`;
  if (!existsSync(single)) writeFileSync(single, deploymentsStream(N));
  for (const n of ['1', '2']) {
    repeat(`100,000 Deployments in one file (63 MB), -n ${n}`, N, [
      'validate',
      '-n',
      n,
      '-strict',
      '-summary',
      ...locations,
      single,
    ]);
  }

  const spread = `${data}/deployments-10k-files`;
  if (!existsSync(`${spread}/09999.yaml`)) {
    rmSync(spread, { recursive: true, force: true });
    mkdirSync(spread);
    for (let f = 0; f < 10_000; f++) {
      const docs: string[] = [];
      for (let d = 0; d < 10; d++) docs.push(smallDeploymentYaml(f * 10 + d));
      writeFileSync(`${spread}/${String(f).padStart(5, '0')}.yaml`, docs.join('---\n'));
    }
  }
  for (const n of ['1', '2']) {
    repeat(`100,000 Deployments in 10,000 files, -n ${n}`, N, [
      'validate',
      '-n',
      n,
      '-strict',
      '-summary',
      ...locations,
      spread,
    ]);
  }
}

if (!only || only === 'render') renderBenchmark();
if (!only || only === 'check') checkBenchmark();
if (!only || only === 'action') await actionBenchmark();
if (!only || only === 'promote') await promoteBenchmark(data);
if (!only || only === 'policy') await policyBenchmark();
if (!only || only === 'admission') admissionBenchmark();
if (!only || only === 'bot')
  await botBenchmark(
    checkData(100),
    existsSync(shared) && !process.env['BENCH_OFFLINE']
      ? {
          locations: [
            `${shared}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
            `${shared}/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`,
          ],
          offline: false,
        }
      : { locations: ['offline'], offline: true },
  );
