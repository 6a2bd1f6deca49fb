import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createKubeproofApp, type KubeproofApp } from '../../bot/app.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../../platform/check-defaults.ts';
import type { SchemaSetup } from '../../platform/validation-setup.ts';
import { tarball } from '../helpers/fake-github-server.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../helpers/schemas.ts';

export const API = 'https://api.github.com';
export const APP_ID = 123;
export const INSTALLATION = 77;
export const OWNER = 'acme';
export const REPO = 'gitops';
export const NUMBER = 42;
export const HEAD = 'a'.repeat(40);
export const BASE = 'b'.repeat(40);
export const SCENARIO = 'test/fixtures/check/image-bump';

/** A throwaway key made for this test run: no private key is ever committed. */
export const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();

export const SCHEMAS: SchemaSetup = {
  locations: [FIXTURE_LOCATION, FIXTURE_CRD_LOCATION],
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  strict: true,
  offline: false,
  fetch: { insecureSkipTlsVerify: false, proxyEnv: {} },
  baseDirectory: process.cwd(),
};

/** A webhook payload, edited field by field in the tests: loosely typed on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Payload = Record<string, any>;

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}
const require = createRequire(import.meta.url);
const EXAMPLES = require('@octokit/webhooks-examples/api.github.com/index.json') as Example[];

/** A payload GitHub sends, from @octokit/webhooks-examples, as a copy to adjust. */
export function example(name: string, action?: string): Payload {
  const found = EXAMPLES.find((event) => event.name === name)?.examples.find(
    (payload) => action === undefined || payload['action'] === action,
  );
  if (found === undefined) throw new Error(`no example of ${name}.${action}`);
  return structuredClone(found);
}

/** The repository and installation of the examples, made ours. */
export function ours(payload: Payload): Payload {
  payload['repository'].owner.login = OWNER;
  payload['repository'].name = REPO;
  payload['repository'].full_name = `${OWNER}/${REPO}`;
  payload['repository'].default_branch = 'main';
  payload['installation'] = { id: INSTALLATION, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=' };
  return payload;
}

/** pull_request.<action> for our pull request at HEAD over BASE. */
export function pullRequestPayload(action: string): Payload {
  const payload = ours(example('pull_request', action));
  payload['number'] = NUMBER;
  Object.assign(payload['pull_request'], { number: NUMBER, state: 'open', draft: false });
  Object.assign(payload['pull_request'].head, { sha: HEAD, ref: 'feature' });
  Object.assign(payload['pull_request'].base, { sha: BASE, ref: 'main' });
  return payload;
}

/** A Probot with the App loaded, whose Octokit does not wait between retries (nock answers at once). */
export async function loadedApp(
  options: { now?: () => number } = {},
): Promise<{ probot: Probot; kubeproof: KubeproofApp }> {
  const probot = new Probot({
    appId: APP_ID,
    privateKey: PRIVATE_KEY,
    secret: 'test-secret',
    logLevel: 'silent' as 'info',
    // Probot puts its own throttle options over an object's: a function sees them, and turns it off.
    Octokit: ProbotOctokit.defaults((options: Payload) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options['throttle'], enabled: false },
    })),
  });
  const kubeproof = createKubeproofApp({
    appId: APP_ID,
    schemas: SCHEMAS,
    staleAfterMs: 15 * 60_000,
    maxTarballBytes: 64 * 1024 * 1024,
    failOn: 'error',
    serverUrl: undefined,
    ...(options.now ? { now: options.now } : {}),
  });
  await probot.load(kubeproof.app, { cwd: process.cwd(), addHandler: () => {} });
  return { probot, kubeproof };
}

/** The API calls nock answered, in order, `METHOD /path`. */
export const calls: string[] = [];

/** nock with no real network, every mock used, the calls recorded. */
export function useGitHubMock(): void {
  const record = (request: { method?: string; path?: string }) =>
    calls.push(`${request.method} ${(request.path ?? '').split('?')[0]}`);
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on('no match', (request: { method?: string; path?: string }) =>
      calls.push(`UNMATCHED ${request.method} ${request.path}`),
    );
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    calls.length = 0;
    if (pending.length > 0) throw new Error(`unused HTTP mocks: ${pending.join(', ')}`);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.emitter.removeAllListeners('no match');
  });
  recorder = record;
}

let recorder: (request: { method?: string; path?: string }) => void = () => {};

/** A nock scope on the API that records each answered call. */
export function github(): nock.Scope {
  return nock(API).on('request', (request: { method?: string; path?: string }) => recorder(request));
}

/** The installation token, as GitHub answers it. */
export function token(scope: nock.Scope): nock.Scope {
  return scope
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: 'ghs_test', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
}

/** The tarball GitHub serves of one side of the scenario. */
export function tarballOf(side: 'base' | 'head'): Buffer {
  return tarball(`${SCENARIO}/${side}`, `${OWNER}-${REPO}-${(side === 'head' ? HEAD : BASE).slice(0, 7)}`);
}
