import { spawn } from 'node:child_process';
import { KubeproofError } from '../core/errors.ts';
import { joinRepoPath } from '../core/files/repo-paths.ts';
import { treeFileSource } from '../core/files/tree-file-source.ts';
import type { FileSource } from '../core/files/file-source.ts';

/** git could not give the tree of a ref (not a repository, unknown ref, git missing). */
export class GitTreeError extends KubeproofError {
  override name = 'GitTreeError';
}

function run(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(
        new GitTreeError(`cannot run git (${error.message}): install git, or pass the base as a folder`),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitTreeError(`git ${args[0]} failed: ${Buffer.concat(err).toString('utf8').trim()}`));
    });
    // git may exit before reading its input (an unknown ref): the close handler reports that.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/**
 * The files of a git ref (`origin/main`, a SHA) in the repository at `cwd`, read with two git
 * processes whatever the size of the tree: `git ls-tree -r` for the listing, one `git cat-file
 * --batch` for every blob. Paths are relative to the repository's top folder; symlinks inside the
 * tree resolve to their target, ones that leave it have none.
 */
export async function gitFileSource(cwd: string, ref: string): Promise<{ files: FileSource; root: string }> {
  const root = (await run(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  const listing = (await run(root, ['ls-tree', '-r', '-z', '--full-tree', ref])).toString('utf8');
  const entries: { mode: string; sha: string; path: string }[] = [];
  for (const record of listing.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha] = record.slice(0, tab).split(' ') as [string, string, string];
    if (type !== 'blob') continue;
    entries.push({ mode, sha, path: record.slice(tab + 1) });
  }
  const batch = await run(root, ['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  const contents = new Map<string, Uint8Array>();
  const links = new Map<string, string | undefined>();
  let offset = 0;
  for (const entry of entries) {
    const newline = batch.indexOf(0x0a, offset);
    const size = Number(batch.subarray(offset, newline).toString('utf8').split(' ')[2]);
    const body = batch.subarray(newline + 1, newline + 1 + size);
    offset = newline + 1 + size + 1;
    if (entry.mode === '120000') {
      const dir = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : '';
      const target = body.toString('utf8');
      links.set(entry.path, joinRepoPath(dir, target));
    } else contents.set(entry.path, new Uint8Array(body));
  }
  const files = treeFileSource({ files: contents, links });
  return { files, root };
}
