import type { GitHubClient } from './github-client.ts';
import type { ChangedFiles, ChangeStatus, PullRef } from './github-port.ts';

/**
 * GitHub lists at most 3,000 files of a pull request: "Responses include a maximum of 3000 files".
 * https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
 */
export const PULL_FILES_LIMIT = 3_000;

interface PullFile {
  filename: string;
  status: ChangeStatus;
  previous_filename?: string;
}

/** The files a pull request changes, 100 per page; `truncated` when GitHub's cap may have cut the list. */
export async function listChangedFiles(client: GitHubClient, pr: PullRef): Promise<ChangedFiles> {
  const items = await client.paginate<PullFile>(
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { owner: pr.owner, repo: pr.repo, pull_number: pr.number },
    {
      operation: `list the files of pull request ${pr.owner}/${pr.repo}#${pr.number}`,
      permission: 'pull-requests: read',
      subject: `pull request ${pr.owner}/${pr.repo}#${pr.number}`,
    },
  );
  const files = items.map((item) => ({
    path: item.filename,
    status: item.status,
    ...(item.previous_filename === undefined ? {} : { previousPath: item.previous_filename }),
  }));
  return { files, truncated: files.length >= PULL_FILES_LIMIT };
}
