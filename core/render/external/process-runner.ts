/**
 * External binaries (kustomize, kubectl, helm) are run through a `ProcessRunner` passed in by the
 * caller (docs/architecture.md, convention 3): core builds the argv and reads the output, the platform
 * spawns the process (platform/node-process-runner.ts), tests use a fake that records calls.
 */

export interface ProcessRunOptions {
  /** Working folder of the process. */
  cwd: string;
  /** Written to the process's standard input, which is then closed. Without it stdin is empty. */
  input?: string;
  /** The process is killed when it runs longer (the result then has `killed: 'timeout'`). */
  timeoutMs?: number;
  /** Variables set on top of the environment the runner gives every process. */
  env?: Record<string, string>;
}

/** The process ran and ended (by itself or killed by the runner). */
export interface ProcessExit {
  /** The exit code; -1 when the process ended on a signal. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Set when the runner stopped the process: past `timeoutMs`, or past its output size limit. */
  killed?: 'timeout' | 'output-limit';
}

/** The command is not installed: it is not on PATH (or the path given does not exist). */
export interface ProcessNotFound {
  notFound: true;
}

export type ProcessOutcome = ProcessExit | ProcessNotFound;

export interface ProcessRunner {
  /**
   * Runs `command` with `args`, without a shell (arguments are passed as they are, never parsed).
   * Resolves with the outcome; rejects only on faults of the runner itself.
   */
  run(command: string, args: readonly string[], options: ProcessRunOptions): Promise<ProcessOutcome>;
}

/** Narrows an outcome to a missing binary. */
export function isNotFound(outcome: ProcessOutcome): outcome is ProcessNotFound {
  return 'notFound' in outcome;
}
