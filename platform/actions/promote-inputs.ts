import { UsageError } from '../../core/errors.ts';
import { IMAGE_DIGEST, IMAGE_TAG } from '../../core/promote/version-syntax.ts';
import { booleanInput, listInput, optionalInput, stringInput, type ReadInput } from './action-inputs.ts';

export const AUTO_MERGE = ['merge', 'squash', 'rebase'] as const;
export type AutoMergeMethod = (typeof AUTO_MERGE)[number];

/** The inputs of the promote action (`actions/promote`). */
export interface PromoteInputs {
  /** Folder of the GitOps repository, relative to the workspace. */
  workingDirectory: string;
  /** Undefined when the workflow gave none: the run then fails, saying which permissions to grant. */
  githubToken: string | undefined;
  /**
   * Set: promote from this environment (or stage) on request, whatever the event (a
   * workflow_dispatch passes its own inputs). Unset: promote what a push changed.
   */
  from: string | undefined;
  to: string | undefined;
  app: string | undefined;
  images: string[];
  tag: string | undefined;
  digest: string | undefined;
  autoMerge: AutoMergeMethod | undefined;
  draft: boolean;
}

/** Parses and checks the promote action's inputs; an error names the input at fault. */
export function parsePromoteInputs(read: ReadInput): PromoteInputs {
  const from = optionalInput(read, 'from');
  const tag = optionalInput(read, 'tag');
  const digest = optionalInput(read, 'digest');
  const images = listInput(read, 'images');
  const autoMerge = optionalInput(read, 'auto-merge');
  if (autoMerge !== undefined && !(AUTO_MERGE as readonly string[]).includes(autoMerge))
    throw new UsageError(
      `input auto-merge must be merge, squash or rebase (empty: no auto-merge), got ${JSON.stringify(autoMerge)}`,
    );
  for (const name of ['to', 'app', 'images', 'tag', 'digest'] as const)
    if (from === undefined && read(name).trim() !== '')
      throw new UsageError(`input ${name} goes with from: give the environment to promote from too`);
  if (tag !== undefined && !IMAGE_TAG.test(tag))
    throw new UsageError(
      `input tag: ${JSON.stringify(tag)} is not an image tag (letters, digits, _ . -, up to 128, not starting with . or -)`,
    );
  if (tag !== undefined && images.length !== 1)
    throw new UsageError('input tag sets one image: give exactly one image in images');
  if (digest !== undefined && !IMAGE_DIGEST.test(digest))
    throw new UsageError(
      `input digest must be sha256: and 64 lower-case hex digits, not ${JSON.stringify(digest)}`,
    );
  if (digest !== undefined && tag === undefined) throw new UsageError('input digest goes with tag');
  return {
    workingDirectory: stringInput(read, 'working-directory', '.'),
    githubToken: optionalInput(read, 'github-token'),
    from,
    to: optionalInput(read, 'to'),
    app: optionalInput(read, 'app'),
    images,
    tag,
    digest,
    autoMerge: autoMerge as AutoMergeMethod | undefined,
    draft: booleanInput(read, 'draft', false),
  };
}
