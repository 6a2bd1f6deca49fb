import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../core/files/file-source.ts';
import { materializeTree } from '../../platform/materialize-tree.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('materializeTree', () => {
  it('writes the files of a tree into a folder, leaving out hidden folders and dependencies', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kubeproof-materialize-'));
    folders.push(folder);
    const files = memoryFileSource({
      'envs/prod/kustomization.yaml': 'resources: []\n',
      'charts/web/Chart.yaml': 'name: web\n',
      'bin.dat': new Uint8Array([0, 255]),
      '.git/config': 'x',
      'node_modules/a/index.js': 'x',
    });

    const written = await materializeTree(files, folder);

    expect(written).toBe(3);
    expect(readdirSync(folder).sort()).toEqual(['bin.dat', 'charts', 'envs']);
    expect(readFileSync(join(folder, 'envs/prod/kustomization.yaml'), 'utf8')).toBe('resources: []\n');
    expect([...readFileSync(join(folder, 'bin.dat'))]).toEqual([0, 255]);
  });
});
