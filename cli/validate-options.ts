import { VALIDATE_OUTPUTS } from '../core/report/validate/index.ts';
import { KUBECONFORM_KUBERNETES_VERSION } from '../platform/check-defaults.ts';
import { flagReader, type FlagSpec, type ParsedFlags } from './flags.ts';

const OUTPUTS = Object.keys(VALIDATE_OUTPUTS);

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
    defaultText: KUBECONFORM_KUBERNETES_VERSION,
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

/** `kubeproof validate`'s flags and arguments, typed; values are checked by the command. */
export interface ValidateCommandOptions {
  help: boolean;
  version: boolean;
  /** `-kubernetes-version`, default kubeconform's `master`. */
  kubernetesVersion: string;
  output: string;
  strict: boolean;
  offline: boolean;
  insecureSkipTlsVerify: boolean;
  schemaLocations: string[];
  cacheFolder: string | undefined;
  ignoreFilenamePatterns: string[];
  skip: string[];
  reject: string[];
  ignoreMissingSchemas: boolean;
  exitOnError: boolean;
  crdsFromInput: boolean;
  summary: boolean;
  verbose: boolean;
  /** `-n`, before the CPU cap. */
  threads: number;
  /** Files and folders; empty (or `-`) for stdin. */
  files: string[];
}

function csv(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').filter((item) => item !== '');
}

/** The typed options of parsed `kubeproof validate` flags. */
export function validateCommandOptions(parsed: ParsedFlags): ValidateCommandOptions {
  const flags = flagReader(parsed.values);
  const on = (name: string): boolean => flags.bool(name) === true;
  return {
    help: on('h'),
    version: on('v'),
    kubernetesVersion: flags.string('kubernetes-version') ?? KUBECONFORM_KUBERNETES_VERSION,
    output: flags.string('output') ?? 'text',
    strict: on('strict'),
    offline: on('offline'),
    insecureSkipTlsVerify: on('insecure-skip-tls-verify'),
    schemaLocations: flags.list('schema-location') ?? [],
    cacheFolder: flags.string('cache'),
    ignoreFilenamePatterns: flags.list('ignore-filename-pattern') ?? [],
    skip: csv(flags.string('skip')),
    reject: csv(flags.string('reject')),
    ignoreMissingSchemas: on('ignore-missing-schemas'),
    exitOnError: on('exit-on-error'),
    crdsFromInput: flags.bool('input-crds') !== false,
    summary: on('summary'),
    verbose: on('verbose'),
    threads: flags.int('n') ?? 4,
    files: parsed.args,
  };
}
