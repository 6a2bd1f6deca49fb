import { describe, expect, it } from 'vitest';
import {
  BASE,
  calls,
  example,
  github,
  HEAD,
  loadedApp,
  NUMBER,
  ours,
  type Payload,
  pullRequestPayload,
  tarballOf,
  token,
  useGitHubMock,
} from './bot-test-kit.ts';

useGitHubMock();

const R = '/repos/acme/gitops';
const RUN_URL = 'https://github.com/acme/gitops/runs/9';

/** What GitHub answers while kubeproof checks pull request 42 for the first time. */
function firstCheck(bodies: Record<string, unknown>, scope = token(github()), asked = true) {
  if (asked)
    scope
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query({ check_name: 'kubeproof', filter: 'latest', per_page: 100 })
      .reply(200, { total_count: 0, check_runs: [] });
  return scope
    .post(`${R}/check-runs`, (body) => {
      bodies['started'] = body;
      return true;
    })
    .reply(201, { id: 9, html_url: RUN_URL })
    .get(`${R}/tarball/${HEAD}`)
    .reply(200, tarballOf('head'), { 'content-type': 'application/x-gzip' })
    .get(`${R}/tarball/${BASE}`)
    .reply(200, tarballOf('base'), { 'content-type': 'application/x-gzip' })
    .get(`${R}/pulls/${NUMBER}/files`)
    .query(true)
    .reply(200, [{ filename: 'envs/prod/deployment-patch.yaml', status: 'modified' }])
    .get(`${R}/pulls/${NUMBER}`)
    .reply(200, {
      number: NUMBER,
      state: 'open',
      draft: false,
      head: { sha: HEAD },
      base: { sha: BASE, ref: 'main' },
    })
    .get(`${R}/issues/${NUMBER}/comments`)
    .query(true)
    .reply(200, [])
    .post(`${R}/issues/${NUMBER}/comments`, (body) => {
      bodies['comment'] = body;
      return true;
    })
    .reply(201, { id: 5, node_id: 'IC_5', html_url: 'https://github.com/acme/gitops/pull/42#issuecomment-5' })
    .patch(`${R}/check-runs/9`, (body) => {
      bodies['completed'] = body;
      return true;
    })
    .reply(200, { id: 9, html_url: RUN_URL });
}

const FIRST_CHECK_CALLS = [
  'POST /app/installations/77/access_tokens',
  `GET ${R}/commits/${HEAD}/check-runs`,
  `POST ${R}/check-runs`,
];

describe('the App on pull_request events', () => {
  it.each(['opened', 'synchronize', 'reopened', 'ready_for_review'])(
    '%s: check run in progress first, then the comment and the completed check run',
    async (action) => {
      const bodies: Payload = {};
      firstCheck(bodies);
      const { probot, kubeproof } = await loadedApp({ now: () => Date.parse('2026-12-07T12:00:00Z') });

      await probot.receive({
        id: `delivery-${action}`,
        name: 'pull_request',
        payload: pullRequestPayload(action) as never,
      });
      await kubeproof.queue.idle();

      expect(calls.slice(0, 3)).toEqual(FIRST_CHECK_CALLS);
      expect([...calls.slice(3, 6)].sort()).toEqual(
        [`GET ${R}/pulls/${NUMBER}/files`, `GET ${R}/tarball/${BASE}`, `GET ${R}/tarball/${HEAD}`].sort(),
      );
      expect(calls.slice(6)).toEqual([
        `GET ${R}/pulls/${NUMBER}`,
        `GET ${R}/issues/${NUMBER}/comments`,
        `POST ${R}/issues/${NUMBER}/comments`,
        `PATCH ${R}/check-runs/9`,
      ]);
      expect(bodies['started']).toEqual({
        name: 'kubeproof',
        head_sha: HEAD,
        status: 'in_progress',
        started_at: '2026-12-07T12:00:00.000Z',
      });
      expect(bodies['comment'].body.startsWith('<!-- kubeproof:report -->')).toBe(true);
      expect(bodies['completed']).toMatchObject({ status: 'completed', name: 'kubeproof' });
    },
  );

  it('does nothing more for a redelivery of the same delivery id', async () => {
    firstCheck({});
    const { probot, kubeproof } = await loadedApp();
    const payload = pullRequestPayload('opened');

    await probot.receive({ id: 'delivery-1', name: 'pull_request', payload: payload as never });
    await probot.receive({ id: 'delivery-1', name: 'pull_request', payload: payload as never });
    await kubeproof.queue.idle();

    expect(calls.filter((call) => call === `POST ${R}/check-runs`)).toHaveLength(1);
    expect(calls.filter((call) => call === `POST ${R}/issues/${NUMBER}/comments`)).toHaveLength(1);
  });

  it('does nothing for a new delivery of a head its completed check run already reports on', async () => {
    token(github())
      .get(`${R}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 9,
            html_url: RUN_URL,
            status: 'completed',
            conclusion: 'success',
            started_at: null,
            app: { id: 123 },
          },
        ],
      });
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({
      id: 'another-replica-saw-it',
      name: 'pull_request',
      payload: pullRequestPayload('opened') as never,
    });
    await kubeproof.queue.idle();

    expect(calls).toEqual([
      'POST /app/installations/77/access_tokens',
      `GET ${R}/commits/${HEAD}/check-runs`,
    ]);
  });

  it('ignores a closed pull request and events it does not handle', async () => {
    const { probot, kubeproof } = await loadedApp();
    const closed = pullRequestPayload('reopened');
    closed['pull_request'].state = 'closed';

    await probot.receive({ id: 'd-closed', name: 'pull_request', payload: closed as never });
    await probot.receive({
      id: 'd-labeled',
      name: 'pull_request',
      payload: pullRequestPayload('labeled') as never,
    });
    await kubeproof.queue.idle();

    expect(calls).toEqual([]);
  });
});

describe('the App on Re-run and comments', () => {
  it("runs again when kubeproof's check run is re-requested", async () => {
    const payload = ours(example('check_run', 'rerequested'));
    payload['check_run'].name = 'kubeproof';
    payload['check_run'].app.id = 123;
    payload['check_run'].pull_requests = [
      {
        number: NUMBER,
        head: { ref: 'feature', sha: HEAD, repo: { id: payload['repository'].id } },
        base: { ref: 'main', sha: BASE, repo: { id: payload['repository'].id } },
      },
    ];
    const bodies: Payload = {};
    firstCheck(bodies, token(github()), false);
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: 'rerun-1', name: 'check_run', payload: payload as never });
    await kubeproof.queue.idle();

    // A re-run does not ask whether the head was checked: it was, and it is asked again.
    expect(calls).not.toContain(`GET ${R}/commits/${HEAD}/check-runs`);
    expect(calls).toContain(`POST ${R}/check-runs`);
    expect(bodies['comment'].body.startsWith('<!-- kubeproof:report -->')).toBe(true);
  });

  it("runs again on Re-run all checks of this App's check suite", async () => {
    const payload = ours(example('check_suite', 'rerequested'));
    payload['check_suite'].app.id = 123;
    payload['check_suite'].pull_requests = [
      {
        number: NUMBER,
        head: { ref: 'feature', sha: HEAD, repo: { id: payload['repository'].id } },
        base: { ref: 'main', sha: BASE, repo: { id: payload['repository'].id } },
      },
    ];
    const bodies: Payload = {};
    firstCheck(bodies, token(github()), false);
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: 'suite-1', name: 'check_suite', payload: payload as never });
    await kubeproof.queue.idle();

    expect(calls).toContain(`POST ${R}/check-runs`);
    expect(bodies['completed']).toMatchObject({ status: 'completed', name: 'kubeproof' });
  });

  it("leaves another App's check run alone", async () => {
    const payload = ours(example('check_run', 'rerequested'));
    payload['check_run'].name = 'kubeproof';
    payload['check_run'].app.id = 999;
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: 'rerun-2', name: 'check_run', payload: payload as never });
    await kubeproof.queue.idle();

    expect(calls).toEqual([]);
  });

  function comment(body: string, login = 'mona'): Payload {
    const payload = ours(example('issue_comment', 'created'));
    payload['issue'].number = NUMBER;
    payload['issue'].pull_request = { url: `https://api.github.com${R}/pulls/${NUMBER}` };
    Object.assign(payload['comment'], { body, user: { ...payload['comment'].user, login, type: 'User' } });
    return payload;
  }

  it('/kubeproof recheck from someone with write access checks the pull request again', async () => {
    const bodies: Payload = {};
    const scope = token(github())
      .get(`${R}/collaborators/mona/permission`)
      .reply(200, { permission: 'write', role_name: 'maintain' })
      .get(`${R}/pulls/${NUMBER}`)
      .reply(200, {
        number: NUMBER,
        state: 'open',
        draft: false,
        head: { sha: HEAD },
        base: { sha: BASE, ref: 'main' },
      });
    firstCheck(bodies, scope, false);
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({
      id: 'c-1',
      name: 'issue_comment',
      payload: comment('/kubeproof recheck') as never,
    });
    await kubeproof.queue.idle();

    expect(calls.slice(0, 4)).toEqual([
      'POST /app/installations/77/access_tokens',
      `GET ${R}/collaborators/mona/permission`,
      `GET ${R}/pulls/${NUMBER}`,
      `POST ${R}/check-runs`,
    ]);
    expect(bodies['completed']).toMatchObject({ status: 'completed' });
  });

  it.each(['read', 'none'])(
    'answers someone with %s access politely, and does nothing else',
    async (permission) => {
      let reply = '';
      token(github())
        .get(`${R}/collaborators/octocat/permission`)
        .reply(200, { permission })
        .post(`${R}/issues/${NUMBER}/comments`, (body: { body: string }) => {
          reply = body.body;
          return true;
        })
        .reply(201, { id: 6 });
      const { probot, kubeproof } = await loadedApp();

      await probot.receive({
        id: `c-${permission}`,
        name: 'issue_comment',
        payload: comment('/kubeproof promote staging', 'octocat') as never,
      });
      await kubeproof.queue.idle();

      expect(reply).toBe(
        '@octocat only people with write access to acme/gitops can run `/kubeproof promote`; ask a maintainer to run it.',
      );
      expect(calls).toHaveLength(3);
    },
  );

  it('answers a command it does not know with the usage, without reading permissions', async () => {
    let reply = '';
    token(github())
      .post(`${R}/issues/${NUMBER}/comments`, (body: { body: string }) => {
        reply = body.body;
        return true;
      })
      .reply(201, { id: 6 });
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({
      id: 'c-x',
      name: 'issue_comment',
      payload: comment('/kubeproof deploy') as never,
    });
    await kubeproof.queue.idle();

    expect(
      reply.startsWith('@mona `/kubeproof deploy` is not a command kubeproof knows. `/kubeproof recheck`'),
    ).toBe(true);
  });

  it('reads no further into comments that are not commands, or come from bots', async () => {
    const bot = comment('/kubeproof recheck', 'kubeproof[bot]');
    bot['comment'].user.type = 'Bot';
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: 'c-2', name: 'issue_comment', payload: comment('Looks good to me') as never });
    await probot.receive({ id: 'c-3', name: 'issue_comment', payload: bot as never });
    await kubeproof.queue.idle();

    expect(calls).toEqual([]);
  });
});

describe('the App on pushes', () => {
  function push(ref: string, extra: Payload = {}): Payload {
    const payload = ours(example('push'));
    Object.assign(payload, { ref, before: BASE, after: HEAD, deleted: false, ...extra });
    return payload;
  }

  it('reads the two commits of a push to the default branch, and promotes nothing unless promotion.auto says so', async () => {
    github()
      .get(`${R}/tarball/${HEAD}`)
      .reply(200, tarballOf('head'), { 'content-type': 'application/x-gzip' })
      .get(`${R}/tarball/${BASE}`)
      .reply(200, tarballOf('base'), { 'content-type': 'application/x-gzip' });
    token(github());
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: 'p-1', name: 'push', payload: push('refs/heads/main') as never });
    await kubeproof.queue.idle();

    expect([...calls].sort()).toEqual(
      [
        'POST /app/installations/77/access_tokens',
        `GET ${R}/tarball/${BASE}`,
        `GET ${R}/tarball/${HEAD}`,
      ].sort(),
    );
  });

  it.each([
    ['another branch', push('refs/heads/feature')],
    ['a deleted default branch', push('refs/heads/main', { deleted: true })],
    ['a tag', push('refs/tags/v1.0.0')],
  ])('ignores a push to %s', async (_, payload) => {
    const { probot, kubeproof } = await loadedApp();

    await probot.receive({ id: `p-${_}`, name: 'push', payload: payload as never });
    await kubeproof.queue.idle();

    expect(calls).toEqual([]);
  });
});
