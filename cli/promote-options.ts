import { UsageError } from '../core/errors.ts';
import { IMAGE_DIGEST, IMAGE_TAG } from '../core/promote/version-syntax.ts';
import { PROMOTION_OUTPUTS, type PromotionOutput } from '../core/report/promote/render-promotion.ts';
import { flagReader, parseFlags, type FlagSpec } from './flags.ts';

const COMMON: readonly FlagSpec[] = [
  { name: 'h', kind: 'bool', usage: 'show help information' },
  {
    name: 'C',
    kind: 'string',
    typeName: 'dir',
    usage: 'the repository root (default: the git work tree the current directory is in)',
  },
  { name: 'dry-run', kind: 'bool', usage: 'print the table and the patch, write nothing' },
  {
    name: 'output',
    kind: 'string',
    typeName: 'string',
    usage: 'text, json or markdown (promote)',
    defaultText: '"text"',
  },
  { name: 'o', kind: 'string', typeName: 'string', usage: 'short for -output' },
  { name: 'digest', kind: 'string', typeName: 'sha256:...', usage: 'the image digest to pin with the tag' },
  {
    name: 'open-pr',
    kind: 'bool',
    usage:
      'open or update the promotion pull request on GitHub instead of writing files (token in GITHUB_TOKEN or GH_TOKEN); planned on the base branch as it is on GitHub',
  },
  {
    name: 'repo',
    kind: 'string',
    typeName: 'owner/name',
    usage: 'with -open-pr: the GitHub repository (default: from the git remote)',
  },
  {
    name: 'base',
    kind: 'string',
    typeName: 'branch',
    usage: "with -open-pr: the branch the pull request goes into (default: the repository's default branch)",
  },
  {
    name: 'auto-merge',
    kind: 'string',
    typeName: 'method',
    usage: 'with -open-pr: turn on auto-merge with merge, squash or rebase',
  },
  { name: 'draft', kind: 'bool', usage: 'with -open-pr: open the pull request as a draft' },
];

export const BUMP_FLAGS: readonly FlagSpec[] = [
  ...COMMON,
  {
    name: 'env',
    kind: 'string',
    typeName: 'name',
    usage: 'the environment to change (as kubeproof environments names it)',
  },
  { name: 'image', kind: 'string', typeName: 'name', usage: 'the image, without tag (ghcr.io/acme/web)' },
  { name: 'tag', kind: 'string', typeName: 'tag', usage: 'the new tag' },
];

export const PROMOTE_FLAGS: readonly FlagSpec[] = [
  ...COMMON,
  {
    name: 'from',
    kind: 'string',
    typeName: 'env',
    usage: 'the environment (or stage of every APP/STAGE) whose versions are promoted',
  },
  {
    name: 'to',
    kind: 'string',
    typeName: 'env',
    usage: 'the environment (or stage) that receives them (default: the next in promotion.order)',
  },
  { name: 'image', kind: 'list', usage: 'promote only this image (repeatable; default: every image)' },
  { name: 'app', kind: 'string', typeName: 'app', usage: 'with APP/STAGE environments, only this app' },
  {
    name: 'tag',
    kind: 'string',
    typeName: 'tag',
    usage: 'set this tag instead of the source one (a rollback; needs one -image)',
  },
];

export interface PromoteCommandOptions {
  command: 'bump' | 'promote';
  help: boolean;
  root: string | undefined;
  dryRun: boolean;
  output: PromotionOutput;
  /** bump: the environment; promote: undefined. */
  env?: string;
  from?: string;
  to?: string;
  app?: string;
  images: string[];
  tag?: string;
  digest?: string;
  /** Set with -open-pr: where the pull request goes. */
  openPr?: {
    repo: { owner: string; repo: string } | undefined;
    base: string | undefined;
    autoMerge: 'merge' | 'squash' | 'rebase' | undefined;
    draft: boolean;
  };
}

const AUTO_MERGE = ['merge', 'squash', 'rebase'] as const;

/** -open-pr and its flags; a UsageError for one of them without it. */
function openPrOptions(
  flags: ReturnType<typeof flagReader>,
  dryRun: boolean,
): PromoteCommandOptions['openPr'] {
  const repo = flags.string('repo');
  const base = flags.string('base');
  const autoMerge = flags.string('auto-merge');
  const draft = flags.bool('draft') === true;
  if (flags.bool('open-pr') !== true) {
    const stray = [repo && '-repo', base && '-base', autoMerge && '-auto-merge', draft && '-draft'].find(
      Boolean,
    );
    if (stray) throw new UsageError(`${stray} goes with -open-pr`);
    return undefined;
  }
  if (dryRun) throw new UsageError('-open-pr and -dry-run exclude each other: -dry-run alone shows the plan');
  const match = repo === undefined ? undefined : /^([\w.-]+)\/([\w.-]+)$/.exec(repo);
  if (repo !== undefined && !match)
    throw new UsageError(`-repo must be owner/name, not ${JSON.stringify(repo)}`);
  if (autoMerge !== undefined && !(AUTO_MERGE as readonly string[]).includes(autoMerge))
    throw new UsageError(`-auto-merge must be merge, squash or rebase, not ${JSON.stringify(autoMerge)}`);
  return {
    repo: match ? { owner: match[1] as string, repo: match[2] as string } : undefined,
    base,
    autoMerge: autoMerge as 'merge' | 'squash' | 'rebase' | undefined,
    draft,
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`-${flag} is required`);
  return value;
}

/** Parses `kubeproof bump|promote` arguments; a UsageError names the flag at fault. */
export function parsePromoteOptions(
  command: 'bump' | 'promote',
  argv: readonly string[],
): PromoteCommandOptions {
  const parsed = parseFlags(command === 'bump' ? BUMP_FLAGS : PROMOTE_FLAGS, argv, { interspersed: true });
  const flags = flagReader(parsed.values);
  const base = {
    command,
    root: flags.string('C'),
    dryRun: flags.bool('dry-run') === true,
    images: [] as string[],
  };
  if (flags.bool('h') === true) return { ...base, help: true, output: 'text' };
  if (parsed.args.length > 0)
    throw new UsageError(
      `unexpected argument ${JSON.stringify(parsed.args[0])} (give the repository with -C DIR)`,
    );
  const output = flags.string('output') ?? flags.string('o') ?? 'text';
  const known = Object.keys(PROMOTION_OUTPUTS).find((name) => name === output) as PromotionOutput | undefined;
  if (known === undefined || (command === 'bump' && known === 'markdown'))
    throw new UsageError(
      `-output must be one of ${command === 'bump' ? 'text, json' : 'text, json, markdown'}, not ${JSON.stringify(output)}`,
    );
  const digest = flags.string('digest');
  if (digest !== undefined && !IMAGE_DIGEST.test(digest))
    throw new UsageError(
      `-digest must be sha256: and 64 lower-case hex digits, not ${JSON.stringify(digest)}`,
    );
  const tag = flags.string('tag');
  if (tag !== undefined && !IMAGE_TAG.test(tag))
    throw new UsageError(
      `-tag ${JSON.stringify(tag)} is not an image tag (letters, digits, _ . -, up to 128, not starting with . or -)`,
    );
  const options: PromoteCommandOptions = { ...base, help: false, output: known };
  if (digest !== undefined) options.digest = digest;
  const openPr = openPrOptions(flags, base.dryRun);
  if (openPr !== undefined) options.openPr = openPr;
  if (command === 'bump') {
    options.env = required(flags.string('env'), 'env');
    options.images = [required(flags.string('image'), 'image')];
    options.tag = required(tag, 'tag');
    return options;
  }
  options.from = required(flags.string('from'), 'from');
  const to = flags.string('to');
  if (to !== undefined) options.to = to;
  const app = flags.string('app');
  if (app !== undefined) options.app = app;
  options.images = flags.list('image') ?? [];
  if (tag !== undefined) {
    if (options.images.length !== 1)
      throw new UsageError('-tag sets one image: give exactly one -image with it');
    options.tag = tag;
  } else if (digest !== undefined) throw new UsageError('-digest goes with -tag');
  return options;
}
