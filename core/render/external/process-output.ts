/**
 * Reading what an external binary did: the paths handed to it, and its exit turned into a sentence
 * for a finding.
 */
import type { ProcessExit } from './process-runner.ts';

/** Lines of stderr kept in a finding, and characters at most: the first lines say what failed. */
const MAX_LINES = 3;
const MAX_CHARS = 1000;

function trimRoot(repoRoot: string): string {
  if (repoRoot === '') return '.';
  if (/^(?:[\\/]|[A-Za-z]:[\\/])$/.test(repoRoot)) return repoRoot;
  return repoRoot.replace(/[\\/]+$/, '');
}

/**
 * The path on disk of a repository-relative path (`''` is the root). Core never touches the disk:
 * the path is only given to the binary.
 */
export function diskPath(repoRoot: string, path: string): string {
  const root = trimRoot(repoRoot);
  if (path === '') return root;
  return /[\\/]$/.test(root) ? `${root}${path}` : `${root}/${path}`;
}

/** Text with the repository's disk folder removed, so messages show repository paths on any machine. */
export function withoutRepoRoot(text: string, repoRoot: string): string {
  const root = trimRoot(repoRoot);
  if (root === '.' || root.length <= 1) return text;
  return text.split(`${root}/`).join('').split(root).join('.');
}

/**
 * The first lines of a binary's stderr, without their `Error: ` prefix and the repository's disk
 * folder; empty when it printed nothing.
 */
export function stderrSummary(stderr: string, repoRoot: string): string {
  const lines = withoutRepoRoot(stderr, repoRoot)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, MAX_LINES);
  if (lines[0] !== undefined) lines[0] = lines[0].replace(/^error:\s*/i, '');
  const text = lines.join('\n');
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}

/**
 * Why a run did not produce output, as a sentence (`kustomize build envs/prod failed (exit code 1):
 * ...`), or undefined when it succeeded. `what` names the command.
 */
export function runProblem(
  outcome: ProcessExit,
  what: string,
  timeoutMs: number,
  repoRoot: string,
): string | undefined {
  if (outcome.killed === 'timeout')
    return `${what} did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped`;
  if (outcome.killed === 'output-limit')
    return `${what} printed more output than kubeproof accepts and was stopped`;
  if (outcome.exitCode === 0) return undefined;
  const summary = stderrSummary(outcome.stderr, repoRoot);
  const code = outcome.exitCode === -1 ? 'killed by a signal' : `exit code ${outcome.exitCode}`;
  return `${what} failed (${code})${summary === '' ? '' : `: ${summary}`}`;
}

export { mapLimited } from '../../concurrency.ts';
