import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { ENVIRONMENT_CONTAINERS } from './name-environments.ts';
import { basename, folderPrefix } from './repo-path.ts';
import type { RepositoryTree } from './walk-repository.ts';

/** A kustomize overlay folder that looks like an environment. */
export interface FolderEnvironment {
  path: string;
  /** The container folder it sits in (`envs`, `apps/web/overlays`). */
  container: string;
}

/**
 * Folders holding a kustomization directly inside a folder named `envs`, `environments`,
 * `overlays` or `clusters`, wherever that folder is (`envs/prod`, `apps/web/overlays/prod`).
 */
export function folderEnvironments(tree: RepositoryTree): FolderEnvironment[] {
  const files = new Set(tree.files);
  const found: FolderEnvironment[] = [];
  for (const dir of tree.directories) {
    const slash = dir.lastIndexOf('/');
    const container = slash === -1 ? '' : dir.slice(0, slash);
    if (!ENVIRONMENT_CONTAINERS.has(basename(container))) continue;
    if (!KUSTOMIZATION_FILE_NAMES.some((name) => files.has(`${folderPrefix(dir)}${name}`))) continue;
    found.push({ path: dir, container });
  }
  return found;
}
