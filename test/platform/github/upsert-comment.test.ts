import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { CommentTooLongError } from '../../../platform/github/upsert-comment.ts';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const PR = { owner: 'octo', repo: 'gitops', number: 7 };
const COMMENTS = '/repos/octo/gitops/issues/7/comments';
const comment = (id: number, body: string) => ({
  id,
  node_id: `IC_${id}`,
  body,
  html_url: `https://github.com/octo/gitops/pull/7#issuecomment-${id}`,
  user: { login: 'github-actions[bot]' },
});

/** Records the JSON bodies sent to a nock interceptor. */
function capture(): { bodies: unknown[]; match: (body: unknown) => boolean } {
  const bodies: unknown[] = [];
  return { bodies, match: (body) => (bodies.push(body), true) };
}

describe('upsertComment', () => {
  it('creates the comment with its marker the first time, then updates it in place', async () => {
    const created = capture();
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100, page: 1 })
      .reply(200, [comment(1, 'LGTM')]);
    nock(API).post(COMMENTS, created.match).reply(201, comment(2, ''));
    const { port } = testPort();

    const first = await port.upsertComment(PR, 'report', ['## kubeproof\nall good']);

    expect(first.url).toBe('https://github.com/octo/gitops/pull/7#issuecomment-2');
    expect(created.bodies).toEqual([{ body: '<!-- kubeproof:report -->\n## kubeproof\nall good' }]);

    const updated = capture();
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [comment(1, 'LGTM'), comment(2, '<!-- kubeproof:report -->\n## kubeproof\nall good')]);
    nock(API).patch('/repos/octo/gitops/issues/comments/2', updated.match).reply(200, comment(2, ''));

    const second = await port.upsertComment(PR, 'report', [
      '<!-- kubeproof:report -->\n## kubeproof\n1 error',
    ]);

    expect(second.url).toBe('https://github.com/octo/gitops/pull/7#issuecomment-2');
    expect(updated.bodies).toEqual([{ body: '<!-- kubeproof:report -->\n## kubeproof\n1 error' }]);
  });

  it('leaves an unchanged comment alone (no call)', async () => {
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [comment(2, '<!-- kubeproof:report -->\nsame')]);
    const { port } = testPort();

    // The address comes from the listing: no call was needed to know it.
    expect(await port.upsertComment(PR, 'report', ['same'])).toEqual({
      url: 'https://github.com/octo/gitops/pull/7#issuecomment-2',
    });
  });

  it('reads every page of comments before deciding', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => comment(100 + i, `chat ${i}`));
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100, page: 1 })
      .reply(200, page1, {
        link: `<${API}${COMMENTS}?per_page=100&page=2>; rel="next", <${API}${COMMENTS}?per_page=100&page=2>; rel="last"`,
      });
    nock(API)
      .get(COMMENTS)
      .query({ per_page: 100, page: 2 })
      .reply(200, [comment(300, '<!-- kubeproof:report -->\nold')]);
    nock(API)
      .patch('/repos/octo/gitops/issues/comments/300', { body: '<!-- kubeproof:report -->\nnew' })
      .reply(200, {});
    const { port } = testPort();

    await port.upsertComment(PR, 'report', ['new']);
  });

  it('creates and updates continuation bodies, each under its own marker', async () => {
    const created = capture();
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [
        comment(5, '<!-- kubeproof:report -->\nold 1'),
        comment(6, '<!-- kubeproof:report:2 -->\nold 2'),
      ]);
    nock(API)
      .patch('/repos/octo/gitops/issues/comments/5', { body: '<!-- kubeproof:report -->\npart 1' })
      .reply(200, {});
    nock(API)
      .patch('/repos/octo/gitops/issues/comments/6', { body: '<!-- kubeproof:report:2 -->\npart 2' })
      .reply(200, {});
    nock(API).post(COMMENTS, created.match).reply(201, comment(7, ''));
    const { port } = testPort();

    await port.upsertComment(PR, 'report', ['part 1', 'part 2', '<!-- kubeproof:report:3 -->\npart 3']);

    expect(created.bodies).toEqual([{ body: '<!-- kubeproof:report:3 -->\npart 3' }]);
  });

  it('deletes continuation comments no longer needed, and duplicates of a marker', async () => {
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [
        comment(5, '<!-- kubeproof:report -->\npart 1'),
        comment(6, '<!-- kubeproof:report:2 -->\npart 2'),
        comment(7, '<!-- kubeproof:report:3 -->\npart 3'),
        comment(8, '<!-- kubeproof:report -->\na duplicate from a concurrent run'),
      ]);
    nock(API)
      .patch('/repos/octo/gitops/issues/comments/5', { body: '<!-- kubeproof:report -->\nshort now' })
      .reply(200, {});
    nock(API).delete('/repos/octo/gitops/issues/comments/6').reply(204);
    nock(API).delete('/repos/octo/gitops/issues/comments/7').reply(204);
    nock(API).delete('/repos/octo/gitops/issues/comments/8').reply(204);
    const { port } = testPort();

    await port.upsertComment(PR, 'report', ['short now']);
  });

  it('minimizes outdated kubeproof comments of other keys in one GraphQL request', async () => {
    const graphql = capture();
    nock(API)
      .get(COMMENTS)
      .query(true)
      .reply(200, [
        comment(1, '<!-- kubeproof:validate -->\nold validate-only comment'),
        comment(2, '<!-- kubeproof:validate:2 -->\nits continuation'),
        comment(3, '<!-- kubeproof:promote -->\npromotion preview'),
        comment(4, 'a human mentions <!-- kubeproof:validate --> later in the text'),
      ]);
    nock(API).post(COMMENTS, { body: '<!-- kubeproof:report -->\nnew' }).reply(201, comment(9, ''));
    nock(API)
      .post('/graphql', graphql.match)
      .reply(200, {
        data: {
          m0: { minimizedComment: { isMinimized: true } },
          m1: { minimizedComment: { isMinimized: true } },
        },
      });
    const { port } = testPort();

    await port.upsertComment(PR, 'report', ['new'], { outdatedKeys: ['validate'] });

    expect(graphql.bodies).toEqual([
      {
        query:
          'mutation($id0: ID!, $id1: ID!) {\n' +
          '  m0: minimizeComment(input: { subjectId: $id0, classifier: OUTDATED }) { minimizedComment { isMinimized } }\n' +
          '  m1: minimizeComment(input: { subjectId: $id1, classifier: OUTDATED }) { minimizedComment { isMinimized } }\n' +
          '}',
        variables: { id0: 'IC_1', id1: 'IC_2' },
      },
    ]);
  });

  it("with outdatedKeys 'all' minimizes every other key; by default none", async () => {
    const graphql = capture();
    const existing = [
      comment(1, '<!-- kubeproof:report -->\nsame'),
      comment(3, '<!-- kubeproof:apps-dir -->\nmatrix job'),
    ];
    nock(API).get(COMMENTS).query(true).times(2).reply(200, existing);
    nock(API)
      .post('/graphql', graphql.match)
      .reply(200, { data: { m0: { minimizedComment: { isMinimized: true } } } });
    const { port } = testPort();

    await port.upsertComment(PR, 'report', ['same']);
    await port.upsertComment(PR, 'report', ['same'], { outdatedKeys: 'all' });

    expect(graphql.bodies).toHaveLength(1);
    expect(graphql.bodies[0]).toMatchObject({ variables: { id0: 'IC_3' } });
  });

  it('refuses a body over GitHub limit and a key that cannot be a marker, before any call', async () => {
    const { port } = testPort();

    await expect(port.upsertComment(PR, 'report', ['x'.repeat(65_520)])).rejects.toThrow(CommentTooLongError);
    await expect(port.upsertComment(PR, 'Bad Key', ['x'])).rejects.toThrow(/lower-case words/);
  });
});
