import { UsageError } from '../core/errors.ts';
import { preparePromotion, type PromotionCommand } from '../core/promote/prepare-promotion.ts';
import { PROMOTION_OUTPUTS } from '../core/report/promote/render-promotion.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';
import { writeRepositoryFiles } from '../platform/write-repository-files.ts';
import { formatFlagHelp } from './flags.ts';
import { formatFinding } from './format-finding.ts';
import { openPullRequestFromCli } from './promote-open-pr.ts';
import type { CliIo } from './io.ts';
import {
  BUMP_FLAGS,
  PROMOTE_FLAGS,
  parsePromoteOptions,
  type PromoteCommandOptions,
} from './promote-options.ts';
import { existingFolder, repositoryRoot } from './repository-root.ts';

const BUMP_USAGE = `Usage: kubeproof bump -env ENV -image NAME -tag TAG [-digest sha256:...] [-dry-run | -open-pr] [-o text|json] [-C DIR]

Sets every version of image NAME written in environment ENV's own files (its folder, the local
files only its kustomization reads, its Helm values files; never a shared base) to TAG (and DIGEST),
changing only those bytes. Exit code 0 when done or nothing to do, 1 when refused (nothing written).

`;

const PROMOTE_USAGE = `Usage: kubeproof promote -from SRC -to DST [-image NAME]... [-app APP] [-tag TAG [-digest sha256:...]] [-dry-run | -open-pr] [-o text|json|markdown] [-C DIR]

Sets DST's image versions to SRC's, for every image both hold or the ones named. With environments
named APP/STAGE (apps/<app>/envs/<stage>), -from and -to are stages, promoted for every app or for
-app APP. -tag sets an explicit (older) tag instead: a rollback. Exit code 0 when done or nothing to
promote, 1 when refused (nothing written).

With -open-pr, nothing is written locally: the plan is made on the base branch as it is on GitHub
(-base, default the repository's default branch; -repo, default the git remote) and the pull request
kubeproof/promote/SRC-to-DST is opened, or updated when it is open. Token: GITHUB_TOKEN or GH_TOKEN;
GitHub Enterprise Server: GITHUB_API_URL.

`;

function promotionCommand(options: PromoteCommandOptions): PromotionCommand {
  const digest = options.digest === undefined ? {} : { digest: options.digest };
  if (options.command === 'bump')
    return {
      command: 'bump',
      env: options.env as string,
      image: options.images[0] as string,
      tag: options.tag as string,
      ...digest,
    };
  return {
    command: 'promote',
    from: options.from as string,
    images: options.images,
    ...(options.to === undefined ? {} : { to: options.to }),
    ...(options.app === undefined ? {} : { app: options.app }),
    ...(options.tag === undefined ? {} : { tag: options.tag }),
    ...digest,
  };
}

async function run(options: PromoteCommandOptions, io: CliIo): Promise<number> {
  const name = `kubeproof ${options.command}`;
  const root =
    options.root === undefined ? repositoryRoot(io.cwd, io.cwd) : existingFolder(io.cwd, options.root, '-C');
  if (options.openPr !== undefined)
    return openPullRequestFromCli(options, promotionCommand(options), root, io);
  const files = await diskFileSource(root);
  const prepared = await preparePromotion(files, promotionCommand(options));
  for (const finding of prepared.findings) io.stderr(formatFinding(finding, root, io.cwd));
  if (!prepared.ok) {
    if (prepared.reason === 'request')
      throw new UsageError(options.command === 'bump' ? `-env ${prepared.message}` : prepared.message);
    io.stderr(`${name}: ${prepared.message}\n`);
    return 1;
  }
  const { plan, notes } = prepared;
  const write = !options.dryRun && !plan.refused && plan.files.length > 0;
  if (write) await writeRepositoryFiles(root, plan.files);
  io.stdout(PROMOTION_OUTPUTS[options.output]({ command: options.command, plan, notes, written: write }));
  return plan.refused ? 1 : 0;
}

async function runCommand(command: 'bump' | 'promote', argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parsePromoteOptions(command, argv);
    if (options.help) {
      io.stdout(
        `${command === 'bump' ? BUMP_USAGE : PROMOTE_USAGE}${formatFlagHelp(command === 'bump' ? BUMP_FLAGS : PROMOTE_FLAGS)}`,
      );
      return 0;
    }
    return await run(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kubeproof ${command}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** `kubeproof bump -env ENV -image NAME -tag TAG`. */
export function runBump(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand('bump', argv, io);
}

/** `kubeproof promote -from SRC -to DST`. */
export function runPromote(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand('promote', argv, io);
}
