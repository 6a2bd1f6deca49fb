import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One request the server answered, in arrival order. */
export interface RecordedCall {
  method: string;
  /** Path without the query: `/repos/acme/gitops/check-runs`. */
  path: string;
  query: string;
  authorization: string | undefined;
  body: unknown;
}

/** A canned failure for a route, given as `METHOD /path/regexp` (matched against the path). */
export interface FailureRule {
  method: string;
  path: RegExp;
  status: number;
  message: string;
  /** Fail only the first N matching requests (default: every one). */
  times?: number;
  headers?: Record<string, string>;
  /**
   * `hang`: never answer (the connection stays open until the client gives up);
   * `after-applying`: carry the request out, then answer the failure (a 5xx that hides a success).
   */
  mode?: 'hang' | 'after-applying';
}

export interface FakeGitHubServerSetup {
  owner: string;
  repo: string;
  /** The pull request's files, as GitHub lists them. */
  pullFiles?: Record<number, { filename: string; status: string; previous_filename?: string }[]>;
  /** Folders served as the tarball of a ref (a `owner-repo-sha/` top folder is added, as GitHub does). */
  tarballs?: Record<string, string>;
  /** Comments already on a pull request. */
  comments?: Record<number, string[]>;
  failures?: FailureRule[];
  /** The App id check runs are listed as created by. Default 1. */
  appId?: number;
  /** Pull requests as `GET /repos/o/r/pulls/N` answers them (the App reads the head before publishing). */
  pullHeads?: Record<number, { head: string; base: string; baseRef?: string }>;
  /** The repository's branches and the commit each is at (the git data API, pulls). */
  branches?: Record<string, string>;
  /** `GET /repos/{owner}/{repo}`'s default_branch. Default `main`. */
  defaultBranch?: string;
}

/** A pull request as the fake holds it. */
export interface FakeServerPull {
  number: number;
  node_id: string;
  html_url: string;
  title: string;
  body: string | null;
  draft: boolean;
  labels: { name: string }[];
  head: { ref: string };
  base: { ref: string };
  state: 'open';
}

/** A commit made through the git data API, with the tree entries it was made from. */
export interface FakeServerCommit {
  sha: string;
  message: string;
  tree: { sha: string };
  parents: { sha: string }[];
}

export interface FakeGitHubServer {
  url: string;
  calls: RecordedCall[];
  /** Calls to the REST and GraphQL API (the tarball's redirect target is codeload, not the API). */
  apiCalls(): RecordedCall[];
  comments: Map<number, { id: number; node_id: string; body: string }[]>;
  /** Check runs as created (`body`, in progress when kubeproof starts one) and each update after. */
  checkRuns: { id: number; body: Record<string, unknown>; updates: Record<string, unknown>[] }[];
  /** Branches and their commits, as the git data calls leave them. */
  branches: Map<string, string>;
  commits: Map<string, FakeServerCommit>;
  /** Trees created (`POST git/trees`): their base tree and entries. */
  trees: Map<string, { base_tree: string; tree: unknown[] }>;
  pulls: FakeServerPull[];
  close(): Promise<void>;
}

const CODELOAD = '/_codeload/';

/** A folder as GitHub serves a tarball of it: gzipped, everything under one `top` folder. */
export function tarball(folder: string, top: string): Buffer {
  const stage = mkdtempSync(join(tmpdir(), 'kubeproof-tarball-'));
  try {
    mkdirSync(join(stage, top));
    cpSync(folder, join(stage, top), { recursive: true });
    return execFileSync('tar', ['-czf', '-', '-C', stage, top], { maxBuffer: 1 << 30 });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** A response that goes nowhere: the route's state change is kept, its answer dropped. */
function discarded(): ServerResponse {
  const sink = { writeHead: () => sink, end: () => sink };
  return sink as unknown as ServerResponse;
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A local HTTP server on 127.0.0.1 that answers the GitHub REST calls kubeproof makes, like GitHub
 * does (pull request files, issue comments, check runs, tarball with its redirect to codeload,
 * GraphQL minimize, the branch, commit and pull request calls of a promotion), keeps the resulting state and records every call. Point GITHUB_API_URL at `url`.
 */
export async function startFakeGitHubServer(setup: FakeGitHubServerSetup): Promise<FakeGitHubServer> {
  const { owner, repo } = setup;
  const calls: RecordedCall[] = [];
  const comments = new Map<number, { id: number; node_id: string; body: string }[]>();
  let nextId = 1000;
  for (const [number, bodies] of Object.entries(setup.comments ?? {}))
    comments.set(
      Number(number),
      bodies.map((body) => ({ id: nextId, node_id: `IC_${nextId++}`, body })),
    );
  const checkRuns: FakeGitHubServer['checkRuns'] = [];
  const failures = (setup.failures ?? []).map((rule) => ({ ...rule, left: rule.times ?? Infinity }));
  const base = `/repos/${owner}/${repo}`;
  let url = '';
  const digest = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('hex');
  const branches = new Map(Object.entries(setup.branches ?? {}));
  const commits = new Map<string, FakeServerCommit>();
  for (const sha of branches.values())
    commits.set(sha, { sha, message: 'initial', tree: { sha: `tree-of-${sha}` }, parents: [] });
  const trees = new Map<string, { base_tree: string; tree: unknown[] }>();
  const pulls: FakeServerPull[] = [];
  let nextPull = 1;

  const server = createServer((request, response) => {
    void (async () => {
      const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
      // GitHub Enterprise Server's REST API lives under /api/v3 (Probot's GHE_HOST points there).
      const path = parsed.pathname.replace(/^\/api\/v3(?=\/)/, '');
      const method = request.method ?? 'GET';
      const body = await readBody(request);
      calls.push({ method, path, query: parsed.search, authorization: request.headers.authorization, body });
      const failure = failures.find(
        (rule) => rule.method === method && rule.path.test(path) && rule.left > 0,
      );
      if (failure) {
        failure.left--;
        if (failure.mode === 'hang') return;
        if (failure.mode === 'after-applying') route(method, path, parsed, body, discarded());
        json(
          response,
          failure.status,
          { message: failure.message, documentation_url: 'https://docs.github.com/rest' },
          failure.headers,
        );
        return;
      }
      route(method, path, parsed, body, response);
    })();
  });

  function route(method: string, path: string, parsed: URL, body: unknown, response: ServerResponse): void {
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = new RegExp(`^${base}/pulls/(\\d+)/files$`).exec(path))) {
      const page = Number(parsed.searchParams.get('page') ?? '1');
      const perPage = Number(parsed.searchParams.get('per_page') ?? '30');
      const files = setup.pullFiles?.[Number(match[1])] ?? [];
      const last = Math.max(1, Math.ceil(files.length / perPage));
      const link =
        page < last
          ? { link: `<${url}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
          : undefined;
      json(response, 200, files.slice((page - 1) * perPage, page * perPage), link);
    } else if (method === 'GET' && (match = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(path))) {
      json(response, 200, comments.get(Number(match[1])) ?? []);
    } else if (method === 'POST' && (match = new RegExp(`^${base}/issues/(\\d+)/comments$`).exec(path))) {
      const list = comments.get(Number(match[1])) ?? [];
      comments.set(Number(match[1]), list);
      const comment = { id: nextId, node_id: `IC_${nextId++}`, body: (body as { body: string }).body };
      list.push(comment);
      json(response, 201, comment);
    } else if (method === 'PATCH' && (match = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path))) {
      const comment = [...comments.values()].flat().find((item) => item.id === Number(match?.[1]));
      if (comment === undefined) return json(response, 404, { message: 'Not Found' });
      comment.body = (body as { body: string }).body;
      json(response, 200, comment);
    } else if (method === 'DELETE' && (match = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(path))) {
      for (const list of comments.values()) {
        const index = list.findIndex((item) => item.id === Number(match?.[1]));
        if (index >= 0) list.splice(index, 1);
      }
      response.writeHead(204).end();
    } else if (method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      json(response, 201, { token: 'ghs_fake', expires_at: '2099-01-01T00:00:00Z', permissions: {} });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/commits/([^/]+)/check-runs$`).exec(path))) {
      const name = parsed.searchParams.get('check_name');
      const runs = checkRuns
        .map((run) => ({ id: run.id, ...checkRunState(run) }) as Record<string, unknown> & { id: number })
        .filter((run) => run['head_sha'] === match?.[1] && (name === null || run['name'] === name))
        .map((run) => ({
          id: run.id,
          html_url: `https://github.com/${owner}/${repo}/runs/${run.id}`,
          status: run['status'] ?? 'queued',
          conclusion: run['conclusion'] ?? null,
          started_at: run['started_at'] ?? null,
          app: { id: setup.appId ?? 1 },
        }));
      json(response, 200, { total_count: runs.length, check_runs: runs });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/pulls/(\\d+)$`).exec(path))) {
      const pull = setup.pullHeads?.[Number(match[1])];
      if (pull === undefined) return json(response, 404, { message: 'Not Found' });
      json(response, 200, {
        number: Number(match[1]),
        state: 'open',
        draft: false,
        head: { sha: pull.head },
        base: { sha: pull.base, ref: pull.baseRef ?? 'main' },
      });
    } else if (method === 'POST' && path === `${base}/check-runs`) {
      const id = nextId++;
      checkRuns.push({ id, body: body as Record<string, unknown>, updates: [] });
      json(response, 201, { id, html_url: `https://github.com/${owner}/${repo}/runs/${id}` });
    } else if (method === 'PATCH' && (match = new RegExp(`^${base}/check-runs/(\\d+)$`).exec(path))) {
      checkRuns.find((run) => run.id === Number(match?.[1]))?.updates.push(body as Record<string, unknown>);
      json(response, 200, { id: Number(match[1]) });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/tarball/(.+)$`).exec(path))) {
      const ref = decodeURIComponent(match[1] as string);
      if (setup.tarballs?.[ref] === undefined) return json(response, 404, { message: 'Not Found' });
      // GitHub answers 302 to codeload.github.com, which serves the archive.
      response.writeHead(302, { location: `${url}${CODELOAD}${encodeURIComponent(ref)}` }).end();
    } else if (method === 'GET' && path.startsWith(CODELOAD)) {
      const ref = decodeURIComponent(path.slice(CODELOAD.length));
      // A tarball the test added after the start is packed on its first download.
      let archive = archives.get(ref);
      if (archive === undefined) {
        archive = tarball(setup.tarballs?.[ref] as string, `${owner}-${repo}-${ref.slice(0, 7)}`);
        archives.set(ref, archive);
      }
      response.writeHead(200, { 'content-type': 'application/x-gzip' });
      response.end(archive);
    } else if (method === 'GET' && path === base) {
      json(response, 200, { name: repo, default_branch: setup.defaultBranch ?? 'main' });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/branches/(.+)$`).exec(path))) {
      const name = decodeURIComponent(match[1] as string);
      const sha = branches.get(name);
      if (sha === undefined) return json(response, 404, { message: 'Branch not found' });
      json(response, 200, { name, commit: { sha } });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/commits/(.+)$`).exec(path))) {
      const ref = decodeURIComponent(match[1] as string);
      const commit = commits.get(branches.get(ref) ?? ref);
      if (commit === undefined) return json(response, 422, { message: `No commit found for SHA: ${ref}` });
      json(response, 200, { sha: commit.sha, commit: { tree: commit.tree } });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/git/ref/(.+)$`).exec(path))) {
      const sha = branches.get(decodeURIComponent(match[1] as string).replace(/^heads\//, ''));
      if (sha === undefined) return json(response, 404, { message: 'Not Found' });
      json(response, 200, { object: { sha } });
    } else if (method === 'GET' && (match = new RegExp(`^${base}/git/commits/(.+)$`).exec(path))) {
      const commit = commits.get(decodeURIComponent(match[1] as string));
      if (commit === undefined) return json(response, 404, { message: 'Not Found' });
      json(response, 200, commit);
    } else if (method === 'POST' && path === `${base}/git/trees`) {
      const request = body as { base_tree: string; tree: unknown[] };
      const sha = digest(request);
      trees.set(sha, request);
      json(response, 201, { sha });
    } else if (method === 'POST' && path === `${base}/git/commits`) {
      const request = body as { message: string; tree: string; parents: string[] };
      const sha = digest(request);
      commits.set(sha, {
        sha,
        message: request.message,
        tree: { sha: request.tree },
        parents: request.parents.map((parent) => ({ sha: parent })),
      });
      json(response, 201, { sha });
    } else if (method === 'POST' && path === `${base}/git/refs`) {
      const request = body as { ref: string; sha: string };
      const name = request.ref.replace(/^refs\/heads\//, '');
      if (branches.has(name)) return json(response, 422, { message: 'Reference already exists' });
      branches.set(name, request.sha);
      json(response, 201, { ref: request.ref, object: { sha: request.sha } });
    } else if (method === 'PATCH' && (match = new RegExp(`^${base}/git/refs/(.+)$`).exec(path))) {
      const name = decodeURIComponent(match[1] as string).replace(/^heads\//, '');
      branches.set(name, (body as { sha: string }).sha);
      json(response, 200, { object: { sha: branches.get(name) } });
    } else if (method === 'GET' && path === `${base}/pulls`) {
      const head = parsed.searchParams.get('head')?.replace(/^[^:]*:/, '');
      const wanted = parsed.searchParams.get('base');
      json(
        response,
        200,
        pulls.filter(
          (pull) => (head ? pull.head.ref === head : true) && (wanted ? pull.base.ref === wanted : true),
        ),
      );
    } else if (method === 'POST' && path === `${base}/pulls`) {
      const request = body as { title: string; body: string; head: string; base: string; draft?: boolean };
      const number = nextPull++;
      const pull: FakeServerPull = {
        number,
        node_id: `PR_${number}`,
        html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
        title: request.title,
        body: request.body,
        draft: request.draft ?? false,
        labels: [],
        head: { ref: request.head },
        base: { ref: request.base },
        state: 'open',
      };
      pulls.push(pull);
      json(response, 201, pull);
    } else if (method === 'PATCH' && (match = new RegExp(`^${base}/pulls/(\\d+)$`).exec(path))) {
      const pull = pulls.find((item) => item.number === Number(match?.[1]));
      if (pull === undefined) return json(response, 404, { message: 'Not Found' });
      Object.assign(pull, body as object);
      json(response, 200, pull);
    } else if (method === 'POST' && (match = new RegExp(`^${base}/issues/(\\d+)/labels$`).exec(path))) {
      const pull = pulls.find((item) => item.number === Number(match?.[1]));
      if (pull === undefined) return json(response, 404, { message: 'Not Found' });
      for (const name of (body as { labels: string[] }).labels)
        if (!pull.labels.some((label) => label.name === name)) pull.labels.push({ name });
      json(response, 200, pull.labels);
    } else if (method === 'POST' && (path === '/graphql' || path === '/api/graphql')) {
      json(response, 200, { data: {} });
    } else {
      json(response, 404, { message: `Not Found (fake GitHub has no route for ${method} ${path})` });
    }
  }
  // The tarballs given at the start are packed before the server answers: `tar` runs synchronously
  // and would stall every request (and, in one process with the App, the App itself).
  const archives = new Map(
    Object.entries(setup.tarballs ?? {}).map(([ref, folder]) => [
      ref,
      tarball(folder, `${owner}-${repo}-${ref.slice(0, 7)}`),
    ]),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    apiCalls: () => calls.filter((call) => !call.path.startsWith(CODELOAD)),
    comments,
    checkRuns,
    branches,
    commits,
    trees,
    pulls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A check run as GitHub holds it after its updates: the create call's fields, each update's over them. */
export function checkRunState(
  run: FakeGitHubServer['checkRuns'][number] | undefined,
): Record<string, unknown> {
  return Object.assign({}, run?.body, ...(run?.updates ?? []));
}
