import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppServer, WEBHOOK_PATH, type RunningApp } from '../../bot/server.ts';
import { parseAppSettings } from '../../platform/app/app-settings.ts';
import {
  checkRunState,
  startFakeGitHubServer,
  type FakeGitHubServer,
} from '../helpers/fake-github-server.ts';
import {
  APP_ID,
  BASE,
  HEAD,
  NUMBER,
  PRIVATE_KEY,
  pullRequestPayload,
  SCENARIO,
  SCHEMAS,
} from './bot-test-kit.ts';

const SECRET = 'a webhook secret';
let github: FakeGitHubServer | undefined;
let app: RunningApp | undefined;

afterEach(async () => {
  await app?.close();
  await github?.close();
  app = undefined;
  github = undefined;
});

/** The App's own server on 127.0.0.1, its GitHub the local fake one, reached through GHE_HOST. */
async function start(): Promise<{ app: RunningApp; github: FakeGitHubServer }> {
  github = await startFakeGitHubServer({
    owner: 'acme',
    repo: 'gitops',
    appId: APP_ID,
    tarballs: { [HEAD]: `${SCENARIO}/head`, [BASE]: `${SCENARIO}/base` },
    pullFiles: { [NUMBER]: [{ filename: 'envs/prod/deployment-patch.yaml', status: 'modified' }] },
    pullHeads: { [NUMBER]: { head: HEAD, base: BASE } },
  });
  const settings = parseAppSettings(
    {
      APP_ID: String(APP_ID),
      PRIVATE_KEY,
      WEBHOOK_SECRET: SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      GHE_HOST: new URL(github.url).host,
      GHE_PROTOCOL: 'http',
      // The sweeps have their own tests: here every call to GitHub is the webhook's.
      KUBEPROOF_SWEEP_EVERY_SECONDS: '0',
    },
    () => '',
    process.cwd(),
  );
  app = await startAppServer({ ...settings, schemas: SCHEMAS });
  return { app, github };
}

function deliver(url: string, body: string, signature: string, delivery = 'delivery-1'): Promise<Response> {
  return fetch(`${url}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': delivery,
      'x-hub-signature-256': signature,
    },
    body,
  });
}

const sign = (body: string, secret = SECRET): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe("the App's server", () => {
  it('answers a signed webhook, then the comment and the completed check run arrive on GitHub', async () => {
    const { app, github } = await start();
    const body = JSON.stringify(pullRequestPayload('opened'));

    const response = await deliver(app.url, body, sign(body));
    await app.kubeproof.queue.idle();

    expect(response.status).toBeLessThan(300);
    const comments = github.comments.get(NUMBER) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- kubeproof:report -->')).toBe(true);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]?.body).toMatchObject({
      name: 'kubeproof',
      head_sha: HEAD,
      status: 'in_progress',
    });
    expect(checkRunState(github.checkRuns[0])).toMatchObject({ status: 'completed' });
    expect(github.calls[0]?.path).toBe(`/app/installations/77/access_tokens`);
    expect(github.calls.slice(1).every((call) => call.authorization === 'token ghs_fake')).toBe(true);
  });

  it('refuses a webhook whose signature is wrong, and calls GitHub not once', async () => {
    const { app, github } = await start();
    const body = JSON.stringify(pullRequestPayload('opened'));

    const response = await deliver(app.url, body, sign(body, 'another secret'));
    await app.kubeproof.queue.idle();

    expect(response.status).toBe(400);
    expect(github.calls).toEqual([]);
  });

  it('answers GET /healthz with 200, and anything else it does not serve with 404', async () => {
    const { app } = await start();

    const [health, other] = await Promise.all([fetch(`${app.url}/healthz`), fetch(`${app.url}/admin`)]);

    expect([health.status, await health.text(), other.status]).toEqual([200, 'ok\n', 404]);
  });
});
