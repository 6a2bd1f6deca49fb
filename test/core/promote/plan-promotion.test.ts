import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { planPromotion } from '../../../core/promote/plan-promotion.ts';
import type { Environment } from '../../../core/render/environments/types.ts';

const ENVIRONMENTS: Environment[] = [
  { name: 'staging', path: 'envs/staging', source: 'folder', renderer: 'builtin' },
  { name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' },
];

function repo(staging: string, prod: string) {
  const files = {
    'base/kustomization.yaml': 'images:\n- name: shared\n  newTag: "9"\n',
    'envs/staging/kustomization.yaml': `resources: [../../base]\nimages:\n${staging}`,
    'envs/prod/kustomization.yaml': `resources: [../../base]\nimages:\n${prod}`,
  };
  return { files: memoryFileSource(files), paths: Object.keys(files) };
}

describe('planPromotion', () => {
  it('reports images in only one environment and unpinned sources, and changes none of them', async () => {
    const { files, paths } = repo(
      '- {name: both, newTag: "2"}\n- {name: new, newTag: "1"}\n- {name: moving, newTag: latest}\n',
      '- {name: both, newTag: "1"}\n- {name: old, newTag: "1"}\n- {name: moving, newTag: "3"}\n',
    );
    const plan = await planPromotion(ENVIRONMENTS, files, paths, {
      pairs: [{ source: 'staging', target: 'prod' }],
      images: [],
      settings: {},
    });
    expect(plan.refused).toBe(false);
    expect(plan.rows.map((row) => [row.image, row.status, row.from, row.to])).toEqual([
      ['both', 'changed', '1', '2'],
      ['old', 'only-in-target', '1', '1'],
      ['moving', 'unpinned', '3', '3'],
      ['new', 'only-in-source', '(none)', '1'],
    ]);
    expect(plan.files.map((file) => file.text)).toEqual([
      'resources: [../../base]\nimages:\n- {name: both, newTag: "2"}\n- {name: old, newTag: "1"}\n- {name: moving, newTag: "3"}\n',
    ]);
    expect(plan.patch).toBe(
      '--- a/envs/prod/kustomization.yaml\n+++ b/envs/prod/kustomization.yaml\n@@ -1,5 +1,5 @@\n resources: [../../base]\n images:\n-- {name: both, newTag: "1"}\n+- {name: both, newTag: "2"}\n - {name: old, newTag: "1"}\n - {name: moving, newTag: "3"}\n',
    );
  });

  it('never edits a shared base, and refuses a named image only a base writes', async () => {
    const { files, paths } = repo('- {name: a, newTag: "2"}\n', '- {name: a, newTag: "1"}\n');
    const plan = await planPromotion(ENVIRONMENTS, files, paths, {
      pairs: [{ target: 'prod' }],
      images: ['shared'],
      version: { tag: '10', digest: '' },
      settings: {},
    });
    expect(plan.refused).toBe(true);
    expect(plan.files).toEqual([]);
    expect(plan.rows[0]?.message).toBe(
      "prod's own files write no image shared (a shared base is never edited)",
    );
  });

  it('refuses a source that writes one image with two tags', async () => {
    const { files, paths } = repo(
      '- {name: a, newTag: "2"}\n- {name: a, newTag: "3"}\n',
      '- {name: a, newTag: "1"}\n',
    );
    const plan = await planPromotion(ENVIRONMENTS, files, paths, {
      pairs: [{ source: 'staging', target: 'prod' }],
      images: [],
      settings: {},
    });
    expect(plan.refused).toBe(true);
    expect(plan.rows[0]?.message).toMatch(
      /^staging writes two tags: 2 \(envs\/staging\/kustomization.yaml:3\) and 3/,
    );
  });
});
