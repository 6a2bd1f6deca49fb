import { UsageError } from '../../core/errors.ts';
import { parseSchemaLocation } from '../../core/validate/schema-location.ts';
import {
  booleanInput,
  commonInputs,
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
}

/** The inputs of the root action: the whole pull-request check. */
export interface CheckInputs extends DiffInputs, SchemaInputs {}

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
  };
}

/** Parses and checks the root action's inputs. */
export function parseCheckInputs(read: ReadInput): CheckInputs {
  const inputs = { ...parseDiffInputs(read), ...schemaInputs(read) };
  checkSchemaLocations(inputs.schemaLocations);
  return inputs;
}
