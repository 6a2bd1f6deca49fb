import type { CliIo } from './io.ts';
import { runCheckCommand, runDiffCommand, runPolicyCommand } from './check-command.ts';
import { runEnvironments } from './environments-command.ts';
import { runBump, runPromote } from './promote-command.ts';
import { runRender } from './render-command.ts';
import { runValidate } from './validate-command.ts';
import { VERSION } from './version.ts';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  validate: runValidate,
  render: runRender,
  environments: runEnvironments,
  check: runCheckCommand,
  diff: runDiffCommand,
  policy: runPolicyCommand,
  bump: runBump,
  promote: runPromote,
};

const HELP = `kubeproof ${VERSION}: safe, reviewable GitOps pull requests for Kubernetes.

Usage: kubeproof <command> [OPTION]... [ARGS]...

Commands:
  check         the whole pull-request check on a local tree: render, validate, policy and diff every affected environment
  policy        the policy checks alone (built-in rules, .kubeproof.yaml policy) on the rendered environments
  diff          what a change does to each environment, resource by resource (secrets never shown)
  validate      validate manifests against Kubernetes and CRD schemas (kubeconform-compatible flags and outputs)
  render        render kustomizations exactly as 'kubectl kustomize' prints them, without the binary
  environments  list a GitOps repository's environments, the ones a change affects, and render them
  bump          set an image's tag in one environment's own files, changing only those bytes
  promote       carry image versions from one environment (or stage of every app) to the next

Run 'kubeproof <command> -h' for a command's options.
`;

/** Dispatches to a command. Returns the process exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(HELP);
    return command === undefined ? 1 : 0;
  }
  if (command === '-v' || command === '--version' || command === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`kubeproof: unknown command ${JSON.stringify(command)}\n\n${HELP}`);
    return 1;
  }
  return run(rest, io);
}
