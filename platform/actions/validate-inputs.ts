import { UsageError } from '../../core/errors.ts';
import {
  booleanInput,
  commonInputs,
  listInput,
  multilineInput,
  schemaInputs,
  type CommonInputs,
  type ReadInput,
  type SchemaInputs,
} from './action-inputs.ts';
import { checkSchemaLocations } from './check-inputs.ts';

/** The inputs of the validate action: kubeconform's flags as inputs. */
export interface ValidateInputs extends CommonInputs, SchemaInputs {
  /** Files and folders to validate, relative to the working directory (kubeconform's arguments). */
  files: string[];
  /** `-skip`: kinds or GVKs to ignore. */
  skip: string[];
  /** `-reject`: kinds or GVKs to reject. */
  reject: string[];
  /** `-ignore-missing-schemas`. */
  ignoreMissingSchemas: boolean;
  /** `-ignore-filename-pattern`, one regular expression per line. */
  ignoreFilenamePatterns: RegExp[];
}

/** Parses and checks the validate action's inputs. */
export function parseValidateInputs(read: ReadInput): ValidateInputs {
  const inputs: ValidateInputs = {
    ...commonInputs(read),
    ...schemaInputs(read),
    files: multilineInput(read, 'files', ['.']).flatMap((line) => line.split(/\s+/)),
    skip: listInput(read, 'skip'),
    reject: listInput(read, 'reject'),
    ignoreMissingSchemas: booleanInput(read, 'ignore-missing-schemas', false),
    ignoreFilenamePatterns: multilineInput(read, 'ignore-filename-pattern', []).map((pattern) => {
      try {
        return new RegExp(pattern);
      } catch (error) {
        throw new UsageError(`input ignore-filename-pattern: ${(error as Error).message}`);
      }
    }),
  };
  checkSchemaLocations(inputs.schemaLocations);
  return inputs;
}
