import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryFileSource, type FileSource } from '../../../../core/files/file-source.ts';

/** test/fixtures/environments: a GitOps repository (repo/) and config files to drop into it. */
export const FIXTURES = new URL('../../../fixtures/environments/', import.meta.url);

/** Every file under a folder, by repository-relative POSIX path. */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`);
      else files[path] = readFileSync(join(dir, entry.name), 'utf8');
    }
  };
  walk(root, '');
  return files;
}

/** The fixture repository, optionally with one of the fixture configs as its `.kubeproof.yaml`. */
export function fixtureRepo(config?: string, extra: Record<string, string> = {}): FileSource {
  const files = readTree(new URL('repo', FIXTURES).pathname);
  if (config) files['.kubeproof.yaml'] = readFileSync(new URL(config, FIXTURES), 'utf8');
  return memoryFileSource({ ...files, ...extra });
}
