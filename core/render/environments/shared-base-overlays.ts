/**
 * Overlay folders found by their shape rather than their folder's name: sibling kustomizations
 * that build on a common base (`env/dev`, `env/staging`, `env/prod` over `base/`; `deploy/<env>`;
 * `apps/web/dev`, `apps/web/prod` over `apps/web/base`). A folder is such an overlay when
 * - it holds a kustomization that no other kustomization of the repository includes (an included
 *   one is a base or a layer, not something deployed on its own), and
 * - it includes a kustomization folder outside itself (`resources`, `bases`, `components`) that at
 *   least one sibling folder includes too; under a folder named `env` or `deploy`, one overlay over
 *   a base is enough.
 */
import { joinRepoPath } from '../../files/repo-paths.ts';
import type { FileSource } from '../../files/file-source.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { referenceReader } from './affected-environments.ts';
import type { FolderEnvironment } from './folder-environments.ts';
import { basename, folderPrefix, isWithin } from './repo-path.ts';
import type { RepositoryTree } from './walk-repository.ts';

/** Container names people give a folder of overlays, where one overlay is already a pattern. */
const OVERLAY_PARENTS = new Set(['env', 'deploy']);

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash === -1 ? '' : dir.slice(0, slash);
}

export interface SharedBaseOverlay extends FolderEnvironment {
  /** The base folders it shares with its siblings. */
  bases: string[];
}

export async function sharedBaseOverlays(
  files: FileSource,
  tree: RepositoryTree,
): Promise<SharedBaseOverlay[]> {
  const fileSet = new Set(tree.files);
  const kustomizations = new Set(
    tree.directories.filter((dir) =>
      KUSTOMIZATION_FILE_NAMES.some((name) => fileSet.has(`${folderPrefix(dir)}${name}`)),
    ),
  );
  const read = referenceReader(files);
  const basesOf = new Map<string, string[]>();
  const included = new Set<string>();
  for (const dir of kustomizations) {
    const references = await read(dir);
    if (!references) continue;
    const folders = [...references.folders, ...references.either]
      .map((entry) => joinRepoPath(dir, entry))
      .filter((path): path is string => path !== undefined && kustomizations.has(path));
    for (const folder of folders) included.add(folder);
    basesOf.set(
      dir,
      [...new Set(folders)].filter((folder) => !isWithin(folder, dir)),
    );
  }
  const byParent = new Map<string, string[]>();
  for (const [dir, bases] of basesOf) {
    if (dir === '' || included.has(dir) || bases.length === 0) continue;
    const siblings = byParent.get(parentOf(dir)) ?? [];
    siblings.push(dir);
    byParent.set(parentOf(dir), siblings);
  }
  const found: SharedBaseOverlay[] = [];
  for (const [parent, siblings] of byParent) {
    for (const dir of siblings) {
      const bases = basesOf.get(dir) ?? [];
      const shared = bases.filter((base) =>
        siblings.some((other) => other !== dir && (basesOf.get(other) ?? []).includes(base)),
      );
      if (shared.length > 0) found.push({ path: dir, container: parent, bases: shared });
      else if (OVERLAY_PARENTS.has(basename(parent))) found.push({ path: dir, container: parent, bases });
    }
  }
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
