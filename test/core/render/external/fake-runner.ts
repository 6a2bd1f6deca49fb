import type {
  ProcessOutcome,
  ProcessRunner,
  ProcessRunOptions,
} from '../../../../core/render/external/process-runner.ts';

export interface RecordedCall {
  command: string;
  args: string[];
  options: ProcessRunOptions;
}

/** A ProcessRunner that records its calls and answers from `respond` (default: exit 0, no output). */
export function fakeRunner(
  respond: (call: RecordedCall) => ProcessOutcome = () => ({ exitCode: 0, stdout: '', stderr: '' }),
): { runner: ProcessRunner; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    runner: {
      async run(command, args, options) {
        const call = { command, args: [...args], options };
        calls.push(call);
        return respond(call);
      },
    },
  };
}
