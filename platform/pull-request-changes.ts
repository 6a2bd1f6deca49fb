import type { GitHubPort, PullRef } from './github/github-port.ts';
import type { Logger } from './logger.ts';

/**
 * The repository paths a pull request touches (both sides of a rename), from GitHub's list of its
 * files; undefined when the list may be cut (3,000 files) or could not be read: the check then
 * compares the two trees itself, which gives the same environments, only slower. The Action and the
 * App both ask it (the CLI is given `-changed` or compares the trees).
 */
export async function pullRequestChanges(
  port: GitHubPort,
  pr: PullRef,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<string[] | undefined> {
  try {
    const listed = await port.listChangedFiles(pr);
    if (listed.truncated) {
      log.info('kubeproof: GitHub lists at most 3,000 files of a pull request; comparing the trees instead');
      return undefined;
    }
    return listed.files.flatMap((file) =>
      file.previousPath === undefined ? [file.path] : [file.path, file.previousPath],
    );
  } catch (error) {
    log.warn(`kubeproof: ${(error as Error).message}; comparing the trees instead`);
    return undefined;
  }
}
