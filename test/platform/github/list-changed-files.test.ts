import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { API, testPort, useNock } from './github-test-kit.ts';

useNock();

const PR = { owner: 'octo', repo: 'gitops', number: 7 };
const FILES = '/repos/octo/gitops/pulls/7/files';
const next = (page: number) => ({ link: `<${API}${FILES}?per_page=100&page=${page}>; rel="next"` });
const file = (i: number) => ({ filename: `apps/app-${i}/values.yaml`, status: 'modified' });

describe('listChangedFiles', () => {
  it('follows pages of 100 and keeps the base path of renames', async () => {
    nock(API)
      .get(FILES)
      .query({ per_page: 100, page: 1 })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => file(i)),
        next(2),
      );
    nock(API)
      .get(FILES)
      .query({ per_page: 100, page: 2 })
      .reply(200, [
        { filename: 'envs/prod/new.yaml', status: 'renamed', previous_filename: 'envs/prod/old.yaml' },
      ]);
    const { port } = testPort();

    const changed = await port.listChangedFiles(PR);

    expect(changed.truncated).toBe(false);
    expect(changed.files).toHaveLength(101);
    expect(changed.files[0]).toEqual({ path: 'apps/app-0/values.yaml', status: 'modified' });
    expect(changed.files[100]).toEqual({
      path: 'envs/prod/new.yaml',
      status: 'renamed',
      previousPath: 'envs/prod/old.yaml',
    });
  });

  it("flags the list as truncated at GitHub's 3,000-file cap", async () => {
    for (let page = 1; page <= 30; page++) {
      const items = Array.from({ length: 100 }, (_, i) => file((page - 1) * 100 + i));
      nock(API)
        .get(FILES)
        .query({ per_page: 100, page })
        .reply(200, items, page < 30 ? next(page + 1) : {});
    }
    const { port } = testPort();

    const changed = await port.listChangedFiles(PR);

    expect(changed).toMatchObject({ truncated: true });
    expect(changed.files).toHaveLength(3000);
  });
});
