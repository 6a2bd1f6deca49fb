import { UsageError } from '../core/errors.ts';
import { VALIDATE_OUTPUTS, type ValidateReportInput } from '../core/report/validate/index.ts';
import {
  validateManifests,
  type ManifestInput,
  type ValidateOptions,
} from '../core/validate/validate-manifests.ts';
import { readManifestInputs, readStdin } from '../platform/read-manifest-inputs.ts';
import { validateInWorkers } from '../platform/validate-in-workers.ts';
import { createValidationDeps, type SchemaSetup } from '../platform/validation-setup.ts';
import { formatFlagHelp, parseFlags } from './flags.ts';
import { VALIDATE_FLAGS, validateCommandOptions } from './validate-options.ts';
import { schemaFetchOptionsFrom } from '../platform/proxy-env.ts';
import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

const OUTPUTS = Object.keys(VALIDATE_OUTPUTS);

/**
 * Below this much input, one thread is faster: every worker pays for its start and for compiling
 * the schemas it needs (about 0.3 s for the Deployment schema).
 */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

function usage(): string {
  return `Usage: kubeproof validate [OPTION]... [FILE OR FOLDER]...\n${formatFlagHelp(VALIDATE_FLAGS)}`;
}

/** `kubeproof validate`: kubeconform's command line, outputs and exit codes. Returns the exit code. */
export async function runValidate(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseFlags(VALIDATE_FLAGS, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${usage()}\n`);
    return 1;
  }
  const flags = validateCommandOptions(parsed);
  if (flags.help) {
    io.stdout(`${usage()}\n`);
    return 0;
  }
  if (flags.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const { kubernetesVersion, strict } = flags;
  if (!/^(master|\d+\.\d+\.\d+)$/.test(kubernetesVersion)) {
    io.stderr(
      `invalid value ${JSON.stringify(kubernetesVersion)} for flag -kubernetes-version: ${kubernetesVersion} is not a valid version. ` +
        `Valid values are "master" (default) or full version x.y.z (e.g. "1.27.2")\n${usage()}\n`,
    );
    return 1;
  }
  const { output } = flags;
  const render = VALIDATE_OUTPUTS[output];
  if (!render) {
    io.stderr(
      `'outputFormat' must be ${OUTPUTS.slice(0, -1)
        .map((o) => `'${o}'`)
        .join(', ')} or '${OUTPUTS.at(-1)}'\n`,
    );
    return 1;
  }

  const notices: string[] = [];
  const setup: SchemaSetup = {
    locations: flags.schemaLocations,
    kubernetesVersion,
    strict,
    offline: flags.offline,
    fetch: schemaFetchOptionsFrom(io.env, flags.insecureSkipTlsVerify),
    baseDirectory: io.cwd,
  };
  const { cacheFolder } = flags;
  if (cacheFolder) setup.cacheFolder = cacheFolder;
  let ignorePatterns: RegExp[];
  let deps;
  try {
    deps = await createValidationDeps(setup, (message) => notices.push(message), io.sleep);
    ignorePatterns = flags.ignoreFilenamePatterns.map((pattern) => {
      try {
        return new RegExp(pattern);
      } catch (error) {
        throw new UsageError(`error parsing regexp: ${(error as Error).message}`);
      }
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n`);
    return 1;
  }

  const { files } = flags;
  const stdin = files.length === 0 || (files.length === 1 && files[0] === '-');
  let inputs: ManifestInput[];
  if (stdin) {
    // kubeconform refuses a stdin with no data (a terminal, /dev/null); its acceptance tests pin exit 1.
    const content = io.stdinIsTTY || !io.stdin ? undefined : await readStdin(io.stdin);
    if (content === undefined || content.length === 0) {
      io.stderr('failing to read data from stdin\n');
      return 1;
    }
    inputs = [{ path: 'stdin', content }];
  } else {
    inputs = await readManifestInputs(files, { ignorePatterns });
  }

  const started = io.now();
  const options: ValidateOptions = {
    kubernetesVersion,
    strict,
    skip: flags.skip,
    reject: flags.reject,
    ignoreMissingSchemas: flags.ignoreMissingSchemas,
    exitOnError: flags.exitOnError,
    crdsFromInput: flags.crdsFromInput,
  };
  const threads = Math.min(flags.threads, io.cpus ?? 1);
  const bytes = inputs.reduce((n, input) => n + (input.content?.length ?? 0), 0);
  const run =
    io.workerScript && threads > 1 && !options.exitOnError && bytes >= PARALLEL_MIN_BYTES
      ? await validateInWorkers(inputs, options, setup, {
          workerScript: io.workerScript,
          threads,
          deps,
          notice: (message) => notices.push(message),
        })
      : await validateManifests(inputs, options, deps);
  const report: ValidateReportInput = {
    results: run.results,
    files: run.files,
    stdin,
    summary: flags.summary,
    verbose: flags.verbose,
    notices,
    elapsedSeconds: (io.now() - started) / 1000,
    version: VERSION,
  };
  io.stdout(render(report));
  for (const notice of notices) io.stderr(`kubeproof: ${notice}\n`);
  const failed = run.results.some(
    (r) => r.status === 'error' || r.status === 'invalid' || r.findings.some((f) => f.severity === 'error'),
  );
  return failed ? 1 : 0;
}
