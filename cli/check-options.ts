import { UsageError } from '../core/errors.ts';
import { OFFLINE_KUBERNETES_VERSION } from '../core/validate/offline-schemas.ts';
import {
  CLI_CHECK_SCHEMA_LOCATIONS,
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_STRICT,
  OFFLINE_KUBERNETES_VERSION_FULL,
} from '../platform/check-defaults.ts';
import type { CheckKind } from '../platform/check-pull-request.ts';
import { flagReader, parseFlags, type FlagSpec } from './flags.ts';

export const CHECK_OUTPUTS = ['text', 'markdown', 'json', 'sarif'] as const;
export type CheckOutput = (typeof CHECK_OUTPUTS)[number];

const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: 'h', kind: 'bool', usage: 'show help information' },
  {
    name: 'base',
    kind: 'string',
    typeName: 'string',
    usage: 'folder holding the base (the target branch) of the change',
  },
  {
    name: 'base-ref',
    kind: 'string',
    typeName: 'string',
    usage: 'git ref of the base, read from the repository DIR is in (for example origin/main)',
  },
  {
    name: 'changed',
    kind: 'list',
    usage:
      'a changed file, relative to the repository root (DIR) (repeatable): only the environments it affects (default: every file that differs from the base)',
  },
  {
    name: 'output',
    kind: 'string',
    typeName: 'string',
    usage: 'text, markdown (the review comment), json or sarif (for code scanning)',
    defaultText: '"text"',
  },
  { name: 'o', kind: 'string', typeName: 'string', usage: 'short for -output' },
];

const VALIDATION_FLAGS: readonly FlagSpec[] = [
  {
    name: 'kubernetes-version',
    kind: 'string',
    typeName: 'string',
    usage: `version of Kubernetes to validate against (default "${DEFAULT_KUBERNETES_VERSION}" with -schema-location; the offline schemas model ${OFFLINE_KUBERNETES_VERSION})`,
  },
  {
    name: 'schema-location',
    kind: 'list',
    usage:
      "schemas location search path (kubeconform templates, `default` for kubeconform's; repeatable). Default: the offline schemas",
  },
  {
    name: 'offline',
    kind: 'bool',
    usage:
      'validate with the bundled offline schemas only, whatever -strict and -kubernetes-version ask (a weaker check)',
  },
  {
    name: 'strict',
    kind: 'bool',
    usage:
      'disallow additional properties and duplicate keys (default true with -schema-location; the offline schemas cannot)',
  },
];

const POLICY_FLAG: FlagSpec = {
  name: 'policy',
  kind: 'bool',
  usage:
    'run the policy checks (built-in rules, .kubeproof.yaml policy) on the rendered head; -policy=false turns them off (default true)',
};

export const CHECK_FLAGS: readonly FlagSpec[] = [...COMMON_FLAGS, ...VALIDATION_FLAGS, POLICY_FLAG];
export const DIFF_FLAGS: readonly FlagSpec[] = COMMON_FLAGS;
/** `kubeproof policy`: the check's flags but validation's, which it does not do. */
export const POLICY_FLAGS: readonly FlagSpec[] = COMMON_FLAGS;

/** The flags of each kind of check. */
export const KIND_FLAGS: Readonly<Record<CheckKind, readonly FlagSpec[]>> = {
  check: CHECK_FLAGS,
  diff: DIFF_FLAGS,
  policy: POLICY_FLAGS,
};

/** The schemas `kubeproof check` validates with, every default decided. */
export interface CliSchemaChoice {
  locations: string[];
  kubernetesVersion: string;
  strict: boolean;
  /** Only the bundled offline schemas: no location given, or `-offline`. */
  onlyOffline: boolean;
  /** `-offline`: the weaker check is asked for explicitly, so it is accepted for any version. */
  offlineAccepts: 'any' | 'requested';
}

/** `kubeproof check` and `kubeproof diff`, their flags parsed and checked. */
export interface CheckCommandOptions {
  kind: CheckKind;
  help: boolean;
  output: CheckOutput;
  /** The head folder as given; undefined: the repository the current directory is in. */
  head: string | undefined;
  /** The base folder, from `-base` or (diff) the first argument. */
  baseDir: string | undefined;
  /** The flag that named `baseDir`, for its error (`-base`, or `''` for an argument). */
  baseDirFlag: string;
  baseRef: string | undefined;
  changed: string[] | undefined;
  schemas: CliSchemaChoice;
  /** Run the policy checks (`check`: `-policy`, default true; `policy`: always; `diff`: never). */
  policy: boolean;
}

/**
 * Without a location the offline schemas are the default: unset flags ask for what they are
 * (Kubernetes 1.27, not strict); -strict or another version asks for more, and every resource they
 * would pass is then "not validated" (unless -offline accepts the weaker check).
 */
function schemaChoice(
  locations: string[],
  offline: boolean,
  version: string | undefined,
  strict: boolean | undefined,
): CliSchemaChoice {
  const onlyOffline = offline || locations.length === 0;
  return {
    locations: locations.length === 0 ? [...CLI_CHECK_SCHEMA_LOCATIONS] : locations,
    kubernetesVersion:
      version ?? (onlyOffline ? OFFLINE_KUBERNETES_VERSION_FULL : DEFAULT_KUBERNETES_VERSION),
    strict: strict ?? (onlyOffline ? false : DEFAULT_STRICT),
    onlyOffline,
    offlineAccepts: offline ? 'any' : 'requested',
  };
}

function outputOf(value: string | undefined): CheckOutput {
  const output = value ?? 'text';
  const known = CHECK_OUTPUTS.find((name) => name === output);
  if (known === undefined)
    throw new UsageError(`-output must be one of ${CHECK_OUTPUTS.join(', ')}, not ${JSON.stringify(output)}`);
  return known;
}

/** Parses `kubeproof check|diff` arguments; a UsageError names the flag or argument at fault. */
export function parseCheckCommandOptions(kind: CheckKind, argv: readonly string[]): CheckCommandOptions {
  const parsed = parseFlags(KIND_FLAGS[kind], argv, { interspersed: true });
  const flags = flagReader(parsed.values);
  const schemas = schemaChoice(
    flags.list('schema-location') ?? [],
    flags.bool('offline') === true,
    flags.string('kubernetes-version'),
    flags.bool('strict'),
  );
  const base = flags.string('base');
  const baseRef = flags.string('base-ref');
  const changed = flags.list('changed');
  const policy = kind === 'policy' || (kind === 'check' && flags.bool('policy') !== false);
  const common = { kind, baseRef, changed, schemas, policy, baseDirFlag: base === undefined ? '' : '-base' };
  if (flags.bool('h') === true)
    return { ...common, help: true, output: 'text', head: undefined, baseDir: base };
  const output = outputOf(flags.string('output') ?? flags.string('o'));
  const [first, second] = parsed.args;
  // `kubeproof diff BASE_DIR HEAD_DIR`: the first argument is the base when no flag names one.
  const positionalBase = kind === 'diff' && baseRef === undefined && base === undefined;
  const head = positionalBase ? second : first;
  if (kind === 'diff' && head === undefined && baseRef === undefined)
    throw new UsageError('give BASE_DIR and HEAD_DIR, or -base-ref REF');
  return { ...common, help: false, output, head, baseDir: base ?? (positionalBase ? first : undefined) };
}
