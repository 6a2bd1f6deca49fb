/**
 * A `pull_request` (`synchronize`) webhook payload as GitHub writes it to GITHUB_EVENT_PATH,
 * trimmed to the fields a reader would look for, with their real shapes:
 * https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request
 */
export function pullRequestPayload(options: { number: number; headSha: string; baseSha: string }) {
  const owner = {
    login: 'acme',
    id: 1001,
    node_id: 'O_kgDOAAAD6Q',
    avatar_url: 'https://avatars.githubusercontent.com/u/1001?v=4',
    html_url: 'https://github.com/acme',
    type: 'Organization',
    site_admin: false,
  };
  const user = { ...owner, login: 'dev-jane', id: 2002, node_id: 'U_kgDOAAAH0g', type: 'User' };
  const repository = {
    id: 5005,
    node_id: 'R_kgDOAAATjQ',
    name: 'gitops',
    full_name: 'acme/gitops',
    private: true,
    owner,
    html_url: 'https://github.com/acme/gitops',
    url: 'https://api.github.com/repos/acme/gitops',
    default_branch: 'main',
    visibility: 'private',
  };
  const { number, headSha, baseSha } = options;
  return {
    action: 'synchronize',
    number,
    before: '0123456789abcdef0123456789abcdef01234567',
    after: headSha,
    pull_request: {
      url: `https://api.github.com/repos/acme/gitops/pulls/${number}`,
      id: 1_900_000_000 + number,
      node_id: 'PR_kwDOAAATjc5xAAAA',
      html_url: `https://github.com/acme/gitops/pull/${number}`,
      diff_url: `https://github.com/acme/gitops/pull/${number}.diff`,
      number,
      state: 'open',
      locked: false,
      title: 'Bump web to 1.5.0 in prod',
      user,
      body: 'Rolls the new checkout flow out to prod.',
      created_at: '2026-11-20T09:12:44Z',
      updated_at: '2026-11-23T08:01:02Z',
      draft: false,
      merge_commit_sha: 'c0ffee0000000000000000000000000000000000',
      head: {
        label: 'acme:bump-web',
        ref: 'bump-web',
        sha: headSha,
        user: owner,
        repo: repository,
      },
      base: {
        label: 'acme:main',
        ref: 'main',
        sha: baseSha,
        user: owner,
        repo: repository,
      },
      author_association: 'MEMBER',
      merged: false,
      mergeable: null,
      commits: 2,
      additions: 3,
      deletions: 3,
      changed_files: 2,
    },
    repository,
    organization: { login: 'acme', id: 1001, node_id: 'O_kgDOAAAD6Q' },
    sender: user,
  };
}
