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
import { formatFlagHelp, parseFlags, type FlagSpec } from './flags.ts';
import type { CliIo } from './io.ts';
import { VERSION } from './version.ts';

const OUTPUTS = Object.keys(VALIDATE_OUTPUTS);

/**
 * Below this much input, one thread is faster: every worker pays for its start and for compiling
 * the schemas it needs (about 0.3 s for the Deployment schema).
 */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/** kubeconform's flags (same names, same meaning), then kubeproof's own. */
export const VALIDATE_FLAGS: readonly FlagSpec[] = [
  { name: 'cache', kind: 'string', usage: 'cache schemas downloaded via HTTP to this folder' },
  { name: 'debug', kind: 'bool', usage: 'print debug information' },
  {
    name: 'exit-on-error',
    kind: 'bool',
    usage: 'immediately stop execution when the first error is encountered',
  },
  { name: 'h', kind: 'bool', usage: 'show help information' },
  {
    name: 'ignore-filename-pattern',
    kind: 'list',
    usage: 'regular expression specifying paths to ignore (can be specified multiple times)',
  },
  {
    name: 'ignore-missing-schemas',
    kind: 'bool',
    usage: 'skip files with missing schemas instead of failing',
  },
  {
    name: 'insecure-skip-tls-verify',
    kind: 'bool',
    usage:
      "disable verification of the server's SSL certificate. This will make your HTTPS connections insecure",
  },
  {
    name: 'kubernetes-version',
    kind: 'string',
    typeName: 'value',
    usage: 'version of Kubernetes to validate against, e.g.: 1.18.0',
    defaultText: 'master',
  },
  {
    name: 'n',
    kind: 'int',
    usage: 'number of threads to validate with (used for inputs over 4 MiB, capped by the CPUs)',
    defaultText: '4',
  },
  { name: 'output', kind: 'string', usage: `output format - ${OUTPUTS.join(', ')}`, defaultText: '"text"' },
  { name: 'reject', kind: 'string', usage: 'comma-separated list of kinds or GVKs to reject' },
  {
    name: 'schema-location',
    kind: 'list',
    usage:
      'override schemas location search path (can be specified multiple times); "default" is kubeconform\'s default, "offline" the bundled schemas',
  },
  { name: 'skip', kind: 'string', usage: 'comma-separated list of kinds or GVKs to ignore' },
  { name: 'strict', kind: 'bool', usage: 'disallow additional properties not in schema or duplicated keys' },
  { name: 'summary', kind: 'bool', usage: 'print a summary at the end (ignored for junit output)' },
  { name: 'v', kind: 'bool', usage: 'show version information' },
  {
    name: 'verbose',
    kind: 'bool',
    usage: 'print results for all resources (ignored for tap and junit output)',
  },
  {
    name: 'offline',
    kind: 'bool',
    usage: 'never use the network: local schema locations and the bundled offline schemas only',
  },
  {
    name: 'input-crds',
    kind: 'bool',
    usage: 'validate custom resources with the CustomResourceDefinitions found in the input',
    defaultText: 'true',
  },
];

function usage(): string {
  return `Usage: kubeproof validate [OPTION]... [FILE OR FOLDER]...\n${formatFlagHelp(VALIDATE_FLAGS)}`;
}

export function proxyEnv(env: CliIo['env']): { httpsProxy?: string; httpProxy?: string; noProxy?: string } {
  const pick = (name: string): string | undefined => env[name] ?? env[name.toLowerCase()];
  const out: { httpsProxy?: string; httpProxy?: string; noProxy?: string } = {};
  const https = pick('HTTPS_PROXY');
  const http = pick('HTTP_PROXY');
  const no = pick('NO_PROXY');
  if (https) out.httpsProxy = https;
  if (http) out.httpProxy = http;
  if (no) out.noProxy = no;
  return out;
}

function csv(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').filter((item) => item !== '') : [];
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
  const flags = parsed.values;
  if (flags.get('h') === true) {
    io.stdout(`${usage()}\n`);
    return 0;
  }
  if (flags.get('v') === true) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const kubernetesVersion = (flags.get('kubernetes-version') as string | undefined) ?? 'master';
  if (!/^(master|\d+\.\d+\.\d+)$/.test(kubernetesVersion)) {
    io.stderr(
      `invalid value ${JSON.stringify(kubernetesVersion)} for flag -kubernetes-version: ${kubernetesVersion} is not a valid version. ` +
        `Valid values are "master" (default) or full version x.y.z (e.g. "1.27.2")\n${usage()}\n`,
    );
    return 1;
  }
  const output = (flags.get('output') as string | undefined) ?? 'text';
  const render = VALIDATE_OUTPUTS[output];
  if (!render) {
    io.stderr(
      `'outputFormat' must be ${OUTPUTS.slice(0, -1)
        .map((o) => `'${o}'`)
        .join(', ')} or '${OUTPUTS.at(-1)}'\n`,
    );
    return 1;
  }

  const strict = flags.get('strict') === true;
  const notices: string[] = [];
  const setup: SchemaSetup = {
    locations: (flags.get('schema-location') as string[] | undefined) ?? [],
    kubernetesVersion,
    strict,
    offline: flags.get('offline') === true,
    fetch: {
      insecureSkipTlsVerify: flags.get('insecure-skip-tls-verify') === true,
      proxyEnv: proxyEnv(io.env),
    },
    baseDirectory: io.cwd,
  };
  const cacheFolder = flags.get('cache') as string | undefined;
  if (cacheFolder) setup.cacheFolder = cacheFolder;
  let ignorePatterns: RegExp[];
  let deps;
  try {
    deps = await createValidationDeps(setup, (message) => notices.push(message), io.sleep);
    ignorePatterns = ((flags.get('ignore-filename-pattern') as string[] | undefined) ?? []).map((pattern) => {
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

  const files = parsed.args;
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
    skip: csv(flags.get('skip')),
    reject: csv(flags.get('reject')),
    ignoreMissingSchemas: flags.get('ignore-missing-schemas') === true,
    exitOnError: flags.get('exit-on-error') === true,
    crdsFromInput: flags.get('input-crds') !== false,
  };
  const threads = Math.min((flags.get('n') as number | undefined) ?? 4, io.cpus ?? 1);
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
    summary: flags.get('summary') === true,
    verbose: flags.get('verbose') === true,
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
