/**
 * `npm run bench bot`: the App, from its sources, on a 100 apps x 3 environments pull request, from
 * the signed webhook to the published comment and check run, against the local fake GitHub (through
 * GHE_HOST), counting the API calls (the installation token included).
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { startAppServer, WEBHOOK_PATH } from '../bot/server.ts';
import { parseAppSettings } from '../platform/app/app-settings.ts';
import type { SchemaSetup } from '../platform/validation-setup.ts';
import { startFakeGitHubServer } from '../test/helpers/fake-github-server.ts';

const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const SECRET = 'bench';

/** A webhook payload, edited field by field: loosely typed on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Payload = Record<string, any>;

function payload(): string {
  const require = createRequire(import.meta.url);
  const examples = require('@octokit/webhooks-examples/api.github.com/index.json') as {
    name: string;
    examples: Payload[];
  }[];
  const opened = structuredClone(
    examples.find((event) => event.name === 'pull_request')?.examples.find((e) => e['action'] === 'opened'),
  ) as Payload;
  Object.assign(opened['repository'], { name: 'gitops', full_name: 'acme/gitops', default_branch: 'main' });
  opened['repository'].owner.login = 'acme';
  opened['installation'] = { id: 1 };
  opened['number'] = 42;
  Object.assign(opened['pull_request'], { number: 42, state: 'open' });
  Object.assign(opened['pull_request'].head, { sha: HEAD });
  Object.assign(opened['pull_request'].base, { sha: BASE, ref: 'main' });
  return JSON.stringify(opened);
}

export async function botBenchmark(
  data: { base: string; head: string; changed: string[] },
  schemas: Pick<SchemaSetup, 'locations' | 'offline'>,
): Promise<void> {
  console.log(
    '\nthe GitHub App (bot/, from its sources): 100 apps x 3 environments, one image bumped in every app',
  );
  const github = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    tarballs: { [HEAD]: data.head, [BASE]: data.base },
    pullFiles: { 42: data.changed.map((filename) => ({ filename, status: 'modified' })) },
    pullHeads: { 42: { head: HEAD, base: BASE } },
  });
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    type: 'pkcs1',
    format: 'pem',
  });
  const settings = parseAppSettings(
    {
      APP_ID: '1',
      PRIVATE_KEY: key.toString(),
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'silent',
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: 'http',
      KUBEPROOF_SWEEP_EVERY_SECONDS: '0',
    },
    () => '',
    process.cwd(),
  );
  const app = await startAppServer({ ...settings, schemas: { ...settings.schemas, ...schemas } });
  const body = payload();
  const started = performance.now();
  const response = await fetch(`${app.url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': 'bench-1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  const answered = performance.now();
  let commented: number | undefined;
  const arrivals: number[] = [];
  const poll = setInterval(() => {
    if (commented === undefined && (github.comments.get(42)?.length ?? 0) > 0) commented = performance.now();
    while (arrivals.length < github.calls.length) arrivals.push(performance.now() - started);
  }, 5);
  await app.kubeproof.queue.idle();
  const done = performance.now();
  clearInterval(poll);
  commented ??= done;
  const calls = github
    .apiCalls()
    .map((call) => `${call.method} ${call.path.replace('/repos/acme/gitops', '')}`);
  const comments = github.comments.get(42)?.length ?? 0;
  // When each call arrived, measured on the poll above (the check holds the same thread: a call
  // shows up when the App next yields).
  if (process.env['BENCH_TIMES'])
    github.calls.forEach((call, i) =>
      console.log(`  ${((arrivals[i] ?? 0) / 1000).toFixed(2)} s ${call.method} ${call.path}`),
    );
  await app.close();
  await github.close();
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${'webhook answered (HTTP ' + response.status + ')'.padEnd(0)}`.padEnd(60) +
      ` ${s(answered - started).padStart(8)}`,
  );
  console.log(`${'webhook to published comment'.padEnd(60)} ${s(commented - started).padStart(8)}`);
  console.log(
    `${'webhook to completed check run'.padEnd(60)} ${s(done - started).padStart(8)}  ${String(calls.length).padStart(2)} API calls  comments ${comments}`,
  );
  console.log(`${''.padEnd(60)} ${calls.join(', ')}`);
  console.log(`${''.padEnd(60)} target: comment under 5 s, at most 10 GitHub API calls`);
}
