import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { runCheck, type CheckResult, type CheckSide } from '../core/check/run-check.ts';
import { UsageError } from '../core/errors.ts';
import type { ExternalRenderDeps } from '../core/render/external/types.ts';
import { NO_ENVIRONMENT_RULE } from '../core/render/environments/no-environment.ts';
import { subFileSource } from '../core/render/sub-file-source.ts';
import type { FileSource } from '../core/render/types.ts';
import type { CheckReport } from '../core/report/comment/types.ts';
import { renderComment } from '../core/report/comment/render-comment.ts';
import { renderJson } from '../core/report/comment/render-json.ts';
import { renderText } from '../core/report/comment/render-text.ts';
import { sarifCheck } from '../core/report/sarif-check.ts';
import type { Finding } from '../core/findings.ts';
import { VERSION } from './version.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';
import { gitFileSource } from '../platform/git-file-source.ts';
import { materializeTree } from '../platform/materialize-tree.ts';
import { createNodeProcessRunner } from '../platform/node-process-runner.ts';
import { createValidationDeps } from '../platform/validation-setup.ts';
import { OFFLINE_KUBERNETES_VERSION } from '../core/validate/offline-schemas.ts';
import { formatFlagHelp, parseFlags, type FlagSpec, type FlagValues } from './flags.ts';
import { formatFinding } from './format-finding.ts';
import type { CliIo } from './io.ts';
import { existingFolder, existingPath, repositoryRoot, showFolder } from './repository-root.ts';
import { proxyEnv } from './validate-command.ts';

const OUTPUTS = ['text', 'markdown', 'json', 'sarif'] as const;

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
    usage:
      'version of Kubernetes to validate against (default "1.31.0" with -schema-location; the offline schemas model 1.27)',
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

export const CHECK_FLAGS: readonly FlagSpec[] = [...COMMON_FLAGS, ...VALIDATION_FLAGS];
export const DIFF_FLAGS: readonly FlagSpec[] = COMMON_FLAGS;

const CHECK_USAGE = `Usage: kubeproof check [OPTION]... [DIR]

The whole pull-request check on a local tree (DIR is the repository root; without it, the git work
tree the current directory is in): discover the environments, keep the ones the change affects,
render base and head, validate the rendered head (strict, CRDs from the repository, deprecated
APIs) and diff them. Prints the report the review comment shows. Exit code 1 when validation found
errors, an environment could not be rendered, or DIR holds no environment.

`;

const DIFF_USAGE = `Usage: kubeproof diff [OPTION]... BASE_DIR HEAD_DIR
       kubeproof diff -base-ref REF [OPTION]... [HEAD_DIR]

Renders base and head of every affected environment and prints what changes, resource by resource.
Without HEAD_DIR, the head is the git work tree the current directory is in. Secret values are never
shown. Exit code 0 when the diff was produced, whatever it shows; 1 when an environment could not be
rendered or the head holds no environment.

`;

function external(root: string, files: FileSource): ExternalRenderDeps {
  return { runner: createNodeProcessRunner(), repoRoot: root, files };
}

/** Folders written for a base side (see materializeTree), removed when the command ends. */
const temporaryFolders: string[] = [];

async function baseSide(
  values: FlagValues,
  headRoot: string,
  io: CliIo,
  positional?: string,
): Promise<CheckSide | undefined> {
  const baseDir = (values.get('base') as string | undefined) ?? positional;
  const baseRef = values.get('base-ref') as string | undefined;
  if (baseDir !== undefined && baseRef !== undefined)
    throw new UsageError('give either a base folder or -base-ref, not both');
  if (baseDir !== undefined) {
    const root = existingFolder(io.cwd, baseDir, values.get('base') === undefined ? '' : '-base');
    const files = await diskFileSource(root);
    return { files, external: external(root, files) };
  }
  if (baseRef === undefined) return undefined;
  const tree = await gitFileSource(headRoot, baseRef);
  const prefix = relative(tree.root, headRoot).split(sep).join('/');
  const files = subFileSource(tree.files, prefix);
  // Binaries need the base on disk: it is written to a temporary folder, only when one is needed.
  return {
    files,
    materialize: async () => {
      const folder = await mkdtemp(join(tmpdir(), 'kubeproof-base-'));
      temporaryFolders.push(folder);
      await materializeTree(files, folder);
      return external(folder, files);
    },
  };
}

function print(report: CheckReport, findings: readonly Finding[], output: string, io: CliIo): void {
  if (output === 'sarif') io.stdout(`${sarifCheck(report, { version: VERSION, findings: [...findings] })}\n`);
  else if (output === 'json') io.stdout(renderJson(report));
  else if (output === 'markdown') io.stdout(`${renderComment(report).join('\n\n')}\n`);
  else io.stdout(renderText(report));
}

function outputOf(values: FlagValues): string {
  const output =
    (values.get('output') as string | undefined) ?? (values.get('o') as string | undefined) ?? 'text';
  if (!(OUTPUTS as readonly string[]).includes(output))
    throw new UsageError(`-output must be one of ${OUTPUTS.join(', ')}, not ${JSON.stringify(output)}`);
  return output;
}

async function run(kind: 'check' | 'diff', argv: readonly string[], io: CliIo): Promise<number> {
  const flags = kind === 'check' ? CHECK_FLAGS : DIFF_FLAGS;
  let parsed;
  try {
    parsed = parseFlags(flags, argv, { interspersed: true });
    if (parsed.values.get('h') === true) {
      io.stdout(`${kind === 'check' ? CHECK_USAGE : DIFF_USAGE}${formatFlagHelp(flags)}`);
      return 0;
    }
    const { values, args } = parsed;
    const output = outputOf(values);
    const [first, second] = args;
    const headArg =
      kind === 'diff' && values.get('base-ref') === undefined && values.get('base') === undefined
        ? second
        : first;
    if (kind === 'diff' && headArg === undefined && values.get('base-ref') === undefined)
      throw new UsageError('give BASE_DIR and HEAD_DIR, or -base-ref REF');
    // Without DIR, the repository the current directory is in, as `kubeproof environments` finds it.
    const head =
      headArg === undefined
        ? { path: repositoryRoot(io.cwd, io.cwd), folder: true }
        : existingPath(io.cwd, headArg);
    const headRoot = head.path;
    const headFiles = await diskFileSource(headRoot);
    const base = await baseSide(
      values,
      headRoot,
      io,
      kind === 'diff' && headArg === second ? first : undefined,
    );
    const locations = (values.get('schema-location') as string[] | undefined) ?? [];
    const offline = values.get('offline') === true;
    // Without a location the offline schemas are the default: unset flags ask for what they are
    // (Kubernetes 1.27.1, not strict); -strict or another version asks for more, and every resource
    // they would pass is then "not validated" (unless -offline accepts the weaker check).
    const onlyOffline = offline || locations.length === 0;
    const kubernetesVersion =
      (values.get('kubernetes-version') as string | undefined) ??
      (onlyOffline ? `${OFFLINE_KUBERNETES_VERSION}.0` : '1.31.0');
    const strict = (values.get('strict') as boolean | undefined) ?? !onlyOffline;
    const validate =
      kind === 'check'
        ? await createValidationDeps(
            {
              locations: locations.length === 0 ? ['offline'] : locations,
              kubernetesVersion,
              strict,
              offline: onlyOffline,
              fetch: { insecureSkipTlsVerify: false, proxyEnv: proxyEnv(io.env) },
              baseDirectory: io.cwd,
              offlineAccepts: offline ? 'any' : 'requested',
            },
            () => {},
          )
        : undefined;
    const changed = values.get('changed') as string[] | undefined;
    const result: CheckResult = await runCheck(
      { files: headFiles, external: external(headRoot, headFiles) },
      base,
      {
        kubernetesVersion,
        strict,
        validate: kind === 'check',
        where: showFolder(headRoot, io.cwd, head.folder),
        ...(changed ? { changedFiles: changed } : {}),
      },
      { ...(validate ? { validate } : {}), now: io.now },
    );
    for (const finding of result.findings)
      if (finding.ruleId !== NO_ENVIRONMENT_RULE) io.stderr(formatFinding(finding, headRoot, io.cwd));
    // The text and markdown reports say it in place of the table; json and sarif are for machines.
    const nothing = result.report.noEnvironment;
    if (nothing !== undefined && (output === 'json' || output === 'sarif'))
      io.stderr(`kubeproof ${kind}: ${nothing}\n`);
    print(result.report, result.findings, output, io);
    const errors = result.report.validation.reduce((n, check) => n + check.errors, 0);
    // A step that checked nothing must not pass: no environment found is a failure too.
    return result.renderFailures > 0 || nothing !== undefined || (kind === 'check' && errors > 0) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'GitTreeError')) {
      io.stderr(`kubeproof ${kind}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runAndClean(kind: 'check' | 'diff', argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(kind, argv, io);
  } finally {
    for (const folder of temporaryFolders.splice(0)) await rm(folder, { recursive: true, force: true });
  }
}

/** `kubeproof check [DIR] [-base DIR | -base-ref REF] [-output text|markdown|json|sarif]`. */
export function runCheckCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runAndClean('check', argv, io);
}

/** `kubeproof diff BASE_DIR HEAD_DIR` or `kubeproof diff -base-ref REF [HEAD_DIR]`. */
export function runDiffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runAndClean('diff', argv, io);
}
