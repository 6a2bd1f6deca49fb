import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { planPromotion, type PromotionRequest } from '../../../core/promote/plan-promotion.ts';
import type { Environment } from '../../../core/render/environments/types.ts';

const ENVIRONMENTS: Environment[] = [
  { name: 'prod', path: 'envs/prod', source: 'folder', renderer: 'builtin' },
];
const PATH = 'envs/prod/kustomization.yaml';
const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

async function bump(text: string, request: Partial<PromotionRequest>) {
  return planPromotion(ENVIRONMENTS, memoryFileSource({ [PATH]: text }), [PATH], {
    pairs: [{ target: 'prod' }],
    images: ['app'],
    settings: {},
    ...request,
  });
}

describe('kustomization images', () => {
  it('refuses to change newTag alone when the entry pins a digest too, saying what kustomize does', async () => {
    const plan = await bump(`images:\n- name: app\n  newTag: "1.0"\n  digest: ${A}\n`, {
      version: { tag: '2.0', digest: '' },
    });
    expect(plan.refused).toBe(true);
    expect(plan.files).toEqual([]);
    expect(plan.rows[0]?.message).toMatch(
      /kustomize v5.5.0 writes name:newTag@digest and the runtime pulls by the digest/,
    );
  });

  it('changes newTag and digest together when both are known', async () => {
    const plan = await bump(`images:\n- name: app\n  newTag: "1.0"\n  digest: ${A}\n`, {
      version: { tag: '2.0', digest: B },
    });
    expect(plan.refused).toBe(false);
    expect(plan.files[0]?.text).toBe(`images:\n- name: app\n  newTag: "2.0"\n  digest: ${B}\n`);
  });

  it('reports an entry without newTag or digest instead of inventing a line', async () => {
    const plan = await bump('images:\n- name: app\n  newName: registry/app\n', {
      images: ['app'],
      version: { tag: '2.0', digest: '' },
    });
    expect(plan.refused).toBe(true);
    expect(plan.rows[0]).toMatchObject({
      status: 'refused',
      line: 2,
      message: expect.stringMatching(/add a newTag line/),
    });
  });

  it('gives each edit with its text and byte offsets, the byte order mark counted', async () => {
    const text = 'images:\n- name: app # é\n  newTag: v1\n';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const plan = await planPromotion(ENVIRONMENTS, memoryFileSource({ [PATH]: bytes }), [PATH], {
      pairs: [{ target: 'prod' }],
      images: ['app'],
      version: { tag: 'v2', digest: '' },
      settings: {},
    });
    const edit = plan.files[0]?.edits[0];
    expect(edit).toMatchObject({
      line: 3,
      column: 11,
      oldText: 'v1',
      newText: 'v2',
      start: 34,
      byteStart: 38,
      byteEnd: 40,
    });
    expect([...(plan.files[0]?.content.slice(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
  });
});
