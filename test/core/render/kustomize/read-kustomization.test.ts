import { describe, expect, it } from 'vitest';
import { readKustomization } from '../../../../core/render/kustomize/read-kustomization.ts';
import { dirnameRepoPath, isRemoteReference, joinRepoPath } from '../../../../core/files/repo-paths.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';

describe('readKustomization', () => {
  it('reads the kustomization of a folder, whichever recognised name it has', async () => {
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
      const { file, findings } = await readKustomization(
        memoryFileSource({ [`envs/dev/${name}`]: 'resources:\n- ../../base\n' }),
        'envs/dev',
      );
      expect(findings).toEqual([]);
      expect(file).toMatchObject({
        dir: 'envs/dev',
        path: `envs/dev/${name}`,
        kind: 'Kustomization',
        content: { resources: ['../../base'] },
      });
      expect(file?.locate('/resources/0')).toEqual({ line: 2, column: 3 });
    }
  });

  it('returns nothing for a folder without a kustomization', async () => {
    expect(await readKustomization(memoryFileSource({ 'x/a.yaml': 'a: 1\n' }), 'x')).toEqual({
      findings: [],
    });
  });

  it.each([
    [
      'two kustomization files',
      { 'k/kustomization.yaml': 'resources: []\n', 'k/kustomization.yml': 'resources: []\n' },
      /found multiple kustomization files \(kustomization\.yaml, kustomization\.yml\)/,
      1,
    ],
    [
      'an unknown field',
      { 'k/kustomization.yaml': 'resources: []\nnamePrefx: a-\n' },
      /unknown field "namePrefx"/,
      2,
    ],
    ['invalid YAML', { 'k/kustomization.yaml': 'resources:\n- a\n  b: c: d\n' }, /invalid YAML/, 2],
    [
      'a wrong kind',
      { 'k/kustomization.yaml': 'kind: Deployment\nresources: []\n' },
      /kind "Deployment" is neither Kustomization nor Component/,
      1,
    ],
    ['a list instead of a mapping', { 'k/kustomization.yaml': '- a\n' }, /must be a mapping/, 1],
    [
      'an empty kustomization',
      { 'k/kustomization.yaml': 'kind: Kustomization\nnamePrefix: ""\n' },
      /is empty/,
      1,
    ],
    [
      'a value of the wrong type',
      { 'k/kustomization.yaml': 'resources: []\nimages:\n- name: a\n  NewTag: 1.10\n' },
      /cannot unmarshal number into Go struct field Image\.images\.newTag of type string/,
      4,
    ],
    [
      'a foreign apiVersion',
      { 'k/kustomization.yaml': 'resources: []\napiVersion: v1\n' },
      /apiVersion for Kustomization should be kustomize\.config\.k8s\.io\/v1beta1/,
      2,
    ],
  ])('reports %s as a finding on its line', async (_name, files, message, line) => {
    const { file, findings } = await readKustomization(memoryFileSource(files), 'k');
    expect(file).toBeUndefined();
    expect(findings[0]).toMatchObject({
      ruleId: 'kustomization',
      severity: 'error',
      message: expect.stringMatching(message),
      line,
    });
  });
});

describe('repository paths', () => {
  it.each([
    ['envs/dev', '../../base', 'base'],
    ['envs/dev', './patch.yaml', 'envs/dev/patch.yaml'],
    ['', 'a/./b/../c', 'a/c'],
    ['envs/dev', '../../../outside', undefined],
    ['envs/dev', '/etc/passwd', undefined],
  ])('joins %s and %s', (folder, relative, expected) => {
    expect(joinRepoPath(folder, relative)).toBe(expected);
  });

  it('takes the folder of a path', () => {
    expect(dirnameRepoPath('envs/dev/kustomization.yaml')).toBe('envs/dev');
    expect(dirnameRepoPath('kustomization.yaml')).toBe('');
  });

  it.each([
    ['https://github.com/acme/repo//deploy?ref=v1', true],
    ['github.com/acme/repo/deploy?ref=main', true],
    ['git@github.com:acme/repo.git//base', true],
    ['ssh://git@example.com/repo.git', true],
    ['../base', false],
    ['base', false],
    ['deployment.yaml', false],
  ])('knows whether %s is remote', (reference, remote) => {
    expect(isRemoteReference(reference)).toBe(remote);
  });
});
