import { UsageError } from '../../core/errors.ts';
import { parseSchemaLocation } from '../../core/validate/schema-location.ts';
import type { Renderer } from '../../core/render/environments/types.ts';
import {
  booleanInput,
  commonInputs,
  listInput,
  optionalInput,
  schemaInputs,
  type CommonInputs,
  type ReadInput,
  type SchemaInputs,
} from './action-inputs.ts';

/** The inputs of the diff action (`actions/diff`): the PR check without validation. */
export interface DiffInputs extends CommonInputs {
  /** Empty when the workflow gave none (then there is no comment nor check run). */
  githubToken: string | undefined;
  /** The base commit or ref; default the pull request's base SHA. */
  baseRef: string | undefined;
  comment: boolean;
  /** Binaries the pull request's `.kubeproof.yaml` may have kubeproof run, beyond the ones the base's config uses. */
  allowRenderers: Renderer[];
}

/** The renderers that run a binary, which `allow-renderers` may name. */
export const EXTERNAL_RENDERERS = ['kustomize', 'kubectl', 'helm'] as const satisfies readonly Renderer[];

/** `allow-renderers`: a list of kustomize, kubectl and helm; an error naming the input otherwise. */
export function allowRenderersInput(read: ReadInput): Renderer[] {
  const names = listInput(read, 'allow-renderers');
  for (const name of names) {
    if (!(EXTERNAL_RENDERERS as readonly string[]).includes(name)) {
      throw new UsageError(
        `input allow-renderers: ${JSON.stringify(name)} is not kustomize, kubectl or helm (the renderers that run a binary)`,
      );
    }
  }
  return names as Renderer[];
}

/** The inputs of the root action: the whole pull-request check. */
export interface CheckInputs extends DiffInputs, SchemaInputs {
  /** `policy`: run the policy checks on the rendered head (default true). */
  policy: boolean;
}

/** Throws an error naming `schema-locations` when a template does not parse (kubeconform fails early too). */
export function checkSchemaLocations(locations: readonly string[]): void {
  for (const location of locations) {
    if (location === 'default' || location === 'offline') continue;
    try {
      parseSchemaLocation(location);
    } catch (error) {
      throw new UsageError(`input schema-locations: ${(error as Error).message}`);
    }
  }
}

/** Parses and checks the diff action's inputs. */
export function parseDiffInputs(read: ReadInput): DiffInputs {
  return {
    ...commonInputs(read),
    githubToken: optionalInput(read, 'github-token'),
    baseRef: optionalInput(read, 'base-ref'),
    comment: booleanInput(read, 'comment', true),
    allowRenderers: allowRenderersInput(read),
  };
}

/** Parses and checks the root action's inputs. */
export function parseCheckInputs(read: ReadInput): CheckInputs {
  const inputs = {
    ...parseDiffInputs(read),
    ...schemaInputs(read),
    policy: booleanInput(read, 'policy', true),
  };
  checkSchemaLocations(inputs.schemaLocations);
  return inputs;
}
