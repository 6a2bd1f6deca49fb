import type { FileSource } from '../../core/files/file-source.ts';
import type { GitHubClient } from './github-client.ts';
import type { RepoRef } from './github-port.ts';
import { readTarball, TarballError, TarballTooLargeError } from './read-tarball.ts';
import { tarballFileSource } from './tarball-file-source.ts';

function bytesOf(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return undefined;
}

/**
 * The files of `ref` from one tarball download (`GET /repos/{owner}/{repo}/tarball/{ref}`, which
 * redirects to codeload), unpacked in memory: one request for the whole tree, however many files.
 * https://docs.github.com/rest/repos/contents#download-a-repository-archive-tar
 */
export async function getTree(
  client: GitHubClient,
  repo: RepoRef,
  ref: string,
  options: { maxBytes?: number } = {},
): Promise<FileSource> {
  const response = await client.request<unknown>(
    'GET /repos/{owner}/{repo}/tarball/{ref}',
    { owner: repo.owner, repo: repo.repo, ref },
    {
      operation: `download ${repo.owner}/${repo.repo} at ${ref}`,
      permission: 'contents: read',
      subject: `repository ${repo.owner}/${repo.repo} or ref ${ref}`,
    },
  );
  const bytes = bytesOf(response.data);
  if (bytes === undefined) {
    throw new TarballError(
      `the tarball of ${repo.owner}/${repo.repo} at ${ref} came back as ${typeof response.data}, not bytes`,
    );
  }
  try {
    return tarballFileSource(await readTarball(bytes, options));
  } catch (error) {
    if (!(error instanceof TarballTooLargeError)) throw error;
    throw new TarballTooLargeError(
      `the tarball of ${repo.owner}/${repo.repo} at ${ref} is too large to download: ${error.message}; ` +
        'check the commit out with actions/checkout (fetch-depth: 0 for a base) so kubeproof reads it from the clone',
    );
  }
}
