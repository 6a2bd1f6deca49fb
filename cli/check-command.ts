import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { NO_ENVIRONMENT_RULE } from '../core/render/environments/no-environment.ts';
import { subFileSource } from '../core/files/sub-file-source.ts';
import type { CheckReport } from '../core/report/check-report.ts';
import { renderComment } from '../core/report/comment/render-comment.ts';
import { renderJson } from '../core/report/comment/render-json.ts';
import { renderText } from '../core/report/comment/render-text.ts';
import { sarifCheck } from '../core/report/sarif-check.ts';
import type { Finding } from '../core/findings.ts';
import { gitRepositoryIdentity } from '../platform/git-repository-identity.ts';
import { checkPullRequest, type CheckKind, type SideTree } from '../platform/check-pull-request.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';
import { gitFileSource } from '../platform/git-file-source.ts';
import { silentLogger } from '../platform/logger.ts';
import { createNodeProcessRunner } from '../platform/node-process-runner.ts';
import { schemaFetchOptionsFrom } from '../platform/proxy-env.ts';
import { createValidationDeps, type SchemaSetup } from '../platform/validation-setup.ts';
import {
  KIND_FLAGS,
  parseCheckCommandOptions,
  type CheckCommandOptions,
  type CheckOutput,
} from './check-options.ts';
import { formatFlagHelp } from './flags.ts';
import { formatFinding } from './format-finding.ts';
import type { CliIo } from './io.ts';
import { existingFolder, existingPath, repositoryRoot, showFolder } from './repository-root.ts';
import { VERSION } from './version.ts';

const CHECK_USAGE = `Usage: kubeproof check [OPTION]... [DIR]

The whole pull-request check on a local tree (DIR is the repository root; without it, the git work
tree the current directory is in): discover the environments, keep the ones the change affects,
render base and head, validate the rendered head (strict, CRDs from the repository, deprecated
APIs), run the policy checks on it (README "Policy"; -policy=false turns them off) and diff them.
Prints the report the review comment shows. Exit code 1 when validation or policy found errors, an
environment could not be rendered, or DIR holds no environment.

`;

const DIFF_USAGE = `Usage: kubeproof diff [OPTION]... BASE_DIR HEAD_DIR
       kubeproof diff -base-ref REF [OPTION]... [HEAD_DIR]

Renders base and head of every affected environment and prints what changes, resource by resource.
Without HEAD_DIR, the head is the git work tree the current directory is in. Secret values are never
shown. Exit code 0 when the diff was produced, whatever it shows; 1 when an environment could not be
rendered or the head holds no environment.

`;

const POLICY_USAGE = `Usage: kubeproof policy [OPTION]... [DIR]

The policy checks alone (README "Policy"): discover the environments (with -base or -base-ref, the
ones the change affects), render them and run the built-in rules and the .kubeproof.yaml policy
settings on each. Nothing is validated against schemas. Exit code 1 when policy found errors (or
.kubeproof.yaml has errors), an environment could not be rendered, or DIR holds no environment.

`;

const USAGE: Record<CheckKind, string> = { check: CHECK_USAGE, diff: DIFF_USAGE, policy: POLICY_USAGE };

/** Folders written for a base side (see materializeTree), removed when the command ends. */
const temporaryFolders: string[] = [];

async function workFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'kubeproof-base-'));
  temporaryFolders.push(folder);
  return folder;
}

/** The base: a folder (on disk already), or a git ref of the repository the head is in. */
async function baseSide(
  options: CheckCommandOptions,
  headRoot: string,
  io: CliIo,
): Promise<SideTree | undefined> {
  const { baseDir, baseRef } = options;
  if (baseDir !== undefined && baseRef !== undefined)
    throw new UsageError('give either a base folder or -base-ref, not both');
  if (baseDir !== undefined) {
    const root = existingFolder(io.cwd, baseDir, options.baseDirFlag);
    return { files: await diskFileSource(root), root };
  }
  if (baseRef === undefined) return undefined;
  const tree = await gitFileSource(headRoot, baseRef);
  const prefix = relative(tree.root, headRoot).split(sep).join('/');
  // Binaries need the base on disk: it is written to a temporary folder, only when one is needed.
  return { files: subFileSource(tree.files, prefix) };
}

/** The schema setup of `kubeproof check` (see schemaChoice in check-options.ts). */
function schemaSetup(options: CheckCommandOptions, io: CliIo): SchemaSetup {
  const { schemas } = options;
  return {
    locations: schemas.locations,
    kubernetesVersion: schemas.kubernetesVersion,
    strict: schemas.strict,
    offline: schemas.onlyOffline,
    fetch: schemaFetchOptionsFrom(io.env),
    baseDirectory: io.cwd,
    offlineAccepts: schemas.offlineAccepts,
  };
}

function print(report: CheckReport, findings: readonly Finding[], output: CheckOutput, io: CliIo): void {
  if (output === 'sarif') io.stdout(`${sarifCheck(report, { version: VERSION, findings: [...findings] })}\n`);
  else if (output === 'json') io.stdout(renderJson(report));
  else if (output === 'markdown') io.stdout(`${renderComment(report).join('\n\n')}\n`);
  else io.stdout(renderText(report));
}

async function run(kind: CheckKind, argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCheckCommandOptions(kind, argv);
    if (options.help) {
      io.stdout(`${USAGE[kind]}${formatFlagHelp(KIND_FLAGS[kind])}`);
      return 0;
    }
    const { output } = options;
    // Without DIR, the repository the current directory is in, as `kubeproof environments` finds it.
    const head =
      options.head === undefined
        ? { path: repositoryRoot(io.cwd, io.cwd), folder: true }
        : existingPath(io.cwd, options.head);
    const headRoot = head.path;
    const base = await baseSide(options, headRoot, io);
    const repository = await gitRepositoryIdentity(headRoot);
    const { result, report } = await checkPullRequest(
      {
        kind,
        head: headRoot,
        base,
        ...(kind === 'check' ? { schemas: schemaSetup(options, io) } : {}),
        options: {
          kubernetesVersion: options.schemas.kubernetesVersion,
          strict: options.schemas.strict,
          where: showFolder(headRoot, io.cwd, head.folder),
          policy: options.policy,
          ...(options.changed ? { changedFiles: options.changed } : {}),
          ...(repository ? { repository } : {}),
        },
      },
      {
        createValidationDeps,
        runner: createNodeProcessRunner(),
        workFolder,
        now: io.now,
        // The CLI prints the report; schema notices are in it.
        log: silentLogger,
      },
    );
    for (const finding of result.findings)
      if (finding.ruleId !== NO_ENVIRONMENT_RULE) io.stderr(formatFinding(finding, headRoot, io.cwd));
    // The text and markdown reports say it in place of the table; json and sarif are for machines.
    const nothing = report.noEnvironment;
    if (nothing !== undefined && (output === 'json' || output === 'sarif'))
      io.stderr(`kubeproof ${kind}: ${nothing}\n`);
    print(report, result.findings, output, io);
    const validationErrors = report.validation.reduce((n, check) => n + check.errors, 0);
    const policyErrors = (report.policy ?? []).reduce((n, check) => n + check.errors, 0);
    // `kubeproof policy` fails on a config or policy file it could not read: the policy asked for did not run.
    const ownErrors =
      kind === 'policy' ? result.findings.filter((finding) => finding.severity === 'error').length : 0;
    const errors = kind === 'diff' ? 0 : validationErrors + policyErrors + ownErrors;
    // A step that checked nothing must not pass: no environment found is a failure too.
    return result.renderFailures > 0 || nothing !== undefined || errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'GitTreeError')) {
      io.stderr(`kubeproof ${kind}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runAndClean(kind: CheckKind, argv: readonly string[], io: CliIo): Promise<number> {
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

/** `kubeproof policy [DIR] [-base DIR | -base-ref REF] [-output text|markdown|json|sarif]`. */
export function runPolicyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runAndClean('policy', argv, io);
}

/** `kubeproof diff BASE_DIR HEAD_DIR` or `kubeproof diff -base-ref REF [HEAD_DIR]`. */
export function runDiffCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return runAndClean('diff', argv, io);
}
