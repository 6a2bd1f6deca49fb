import { listFolder, stopAt, type BuildContext } from './build-context.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import { isRemoteReference, joinRepoPath } from '../../files/repo-paths.ts';

/** A path a kustomization names, checked: inside the repository, local, present. */
export interface LocalPath {
  path: string;
  type: 'file' | 'directory';
}

/**
 * Resolves a path a kustomization names (a resource, a base, a component, a patch file) against
 * its folder, and refuses what kubeproof never does while rendering: fetching a remote target,
 * reading outside the repository, following a symlink that leaves it. Each refusal stops the
 * build with a finding on the entry's line that says what to do.
 */
export async function checkLocalPath(
  context: BuildContext,
  file: KustomizationFile,
  pointer: string,
  entry: string,
  what: string,
): Promise<LocalPath> {
  if (isRemoteReference(entry))
    throw stopAt(
      file,
      pointer,
      `remote ${what} ${entry}: kubeproof never fetches from the network while rendering; vendor it into the repository or render this environment with renderer: kustomize`,
      'kustomize-remote',
    );
  const path = joinRepoPath(file.dir, entry);
  if (path === undefined)
    throw stopAt(
      file,
      pointer,
      `${what} ${entry} leaves the repository: kubeproof only reads files inside it`,
      'kustomize-path-escape',
    );
  if (path === '') return { path, type: 'directory' };
  const segments = path.split('/');
  let dir = '';
  for (const [index, name] of segments.entries()) {
    const entries = await listFolder(context, dir);
    const found = entries?.find((candidate) => candidate.name === name);
    if (found === undefined)
      throw stopAt(file, pointer, `${what} ${entry}: ${path} does not exist in the repository`);
    const current = dir === '' ? name : `${dir}/${name}`;
    if (found.type === 'symlink' && found.target === undefined)
      throw stopAt(
        file,
        pointer,
        `${what} ${entry}: ${current} is a symlink that points outside the repository; kubeproof does not follow it`,
        'kustomize-path-escape',
      );
    if (index === segments.length - 1) {
      const type = found.type === 'symlink' ? await symlinkType(context, found.target as string) : found.type;
      // kustomize's default load restrictor (LoadRestrictionsRootOnly): a file must be in or below
      // the kustomization's folder; only folders (bases, components) may be elsewhere.
      if (type === 'file' && file.dir !== '' && path !== file.dir && !path.startsWith(`${file.dir}/`))
        throw stopAt(
          file,
          pointer,
          `${what} ${entry} is not in or below ${file.dir}: kustomize only reads files under the kustomization's folder (move the file, or make its folder a kustomization and list the folder)`,
          'kustomize-path-escape',
        );
      return { path, type };
    }
    dir = current;
  }
  return { path, type: 'directory' };
}

async function symlinkType(context: BuildContext, target: string): Promise<'file' | 'directory'> {
  return (await listFolder(context, target)) === undefined ? 'file' : 'directory';
}
