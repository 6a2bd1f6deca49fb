/**
 * The real ProcessRunner (core/render/external/process-runner.ts) over node:child_process `spawn`,
 * never through a shell: arguments reach the binary as they are.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { KubeproofError } from '../core/errors.ts';
import type {
  ProcessOutcome,
  ProcessRunner,
  ProcessRunOptions,
} from '../core/render/external/process-runner.ts';

/** A process could not be started for a reason other than a missing binary (permissions, bad cwd). */
export class ProcessSpawnError extends KubeproofError {
  override name = 'ProcessSpawnError';
  readonly command: string;
  readonly code: string | undefined;
  constructor(command: string, message: string, code?: string) {
    super(`cannot run ${command}: ${message}`);
    this.command = command;
    this.code = code;
  }
}

export interface NodeProcessRunnerOptions {
  /** stdout beyond this many bytes stops the process (`killed: 'output-limit'`). Default 256 MiB. */
  maxOutputBytes?: number;
  /** stderr kept, in bytes; the rest is dropped. Default 1 MiB. */
  maxErrorBytes?: number;
  /** The environment every process starts from, before `options.env` (default: this process's). */
  baseEnv?: NodeJS.ProcessEnv;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_ERROR_BYTES = 1024 * 1024;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Creates the runner. A binary that is not on PATH (ENOENT) resolves as `{ notFound: true }`; a
 * run past `timeoutMs` or past the output limit is killed with SIGKILL and resolves with `killed`
 * set as soon as the process exits (processes it started may outlive it).
 */
export function createNodeProcessRunner(runnerOptions: NodeProcessRunnerOptions = {}): ProcessRunner {
  const maxOutput = runnerOptions.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const maxError = runnerOptions.maxErrorBytes ?? DEFAULT_MAX_ERROR_BYTES;
  return {
    async run(command: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessOutcome> {
      if (!(await isDirectory(options.cwd)))
        throw new ProcessSpawnError(command, `working folder ${options.cwd} does not exist`, 'ENOENT');
      const env = { ...(runnerOptions.baseEnv ?? process.env), ...options.env };
      return new Promise<ProcessOutcome>((resolve, reject) => {
        const child = spawn(command, [...args], { cwd: options.cwd, env, shell: false, windowsHide: true });
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        let stdoutBytes = 0;
        let stderrBytes = 0;
        let killed: 'timeout' | 'output-limit' | undefined;
        let settled = false;
        const stop = (reason: 'timeout' | 'output-limit'): void => {
          if (killed) return;
          killed = reason;
          child.kill('SIGKILL');
        };
        const timer =
          options.timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), options.timeoutMs);
        const finish = (outcome: ProcessOutcome | Error): void => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const result = (code: number | null): ProcessOutcome => ({
          exitCode: code ?? -1,
          stdout: killed ? '' : Buffer.concat(stdout).toString('utf8'),
          stderr: Buffer.concat(stderr).toString('utf8'),
          ...(killed ? { killed } : {}),
        });

        child.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') finish({ notFound: true });
          else finish(new ProcessSpawnError(command, error.message, error.code));
        });
        child.stdout.on('data', (chunk: Buffer) => {
          stdoutBytes += chunk.length;
          if (stdoutBytes > maxOutput) stop('output-limit');
          else if (!killed) stdout.push(chunk);
        });
        child.stderr.on('data', (chunk: Buffer) => {
          if (stderrBytes >= maxError) return;
          stderr.push(chunk.subarray(0, maxError - stderrBytes));
          stderrBytes += chunk.length;
        });
        // A killed process's grandchildren may hold the pipes open: do not wait for them.
        child.on('exit', (code) => {
          if (!killed) return;
          child.stdout.destroy();
          child.stderr.destroy();
          finish(result(code));
        });
        child.on('close', (code) => finish(result(code)));
        // The binary may exit without reading its input (EPIPE): that is its answer, not a fault.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input ?? '');
      });
    },
  };
}
