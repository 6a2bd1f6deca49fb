import type { ValidationResult } from '../../validate/result.ts';
import type { ValidateReportInput } from './report-input.ts';

/** kubeconform's `Signature.QualifiedName()`: `apiVersion/Kind/namespace/name`. */
function qualifiedName(result: ValidationResult): string {
  return `${result.apiVersion ?? ''}/${result.kind ?? ''}/${result.namespace ?? ''}/${result.name ?? ''}`;
}

function resultLine(result: ValidationResult, index: number): string {
  const path = result.filename;
  switch (result.status) {
    case 'valid':
      return `ok ${index} - ${path} (${qualifiedName(result)})\n`;
    case 'invalid':
      return `not ok ${index} - ${path} (${qualifiedName(result)}): ${result.message ?? ''}\n`;
    case 'empty':
      return `ok ${index} - ${path} (empty)\n`;
    case 'error':
      return `not ok ${index} - ${path}: ${result.message ?? ''}\n`;
    case 'skipped':
      return `ok ${index} - ${path} (${qualifiedName(result)}) # skip\n`;
  }
}

/**
 * kubeconform v0.7.0's `tap` output (`pkg/output/tap.go`): the header comes with the first result
 * (none when there are no results), every result is numbered (empty documents too), and -verbose
 * and -summary change nothing. Warnings and run-level notices are not printed here (the CLI writes
 * notices to stderr), so the stream stays exactly kubeconform's.
 */
export function renderTap(input: ValidateReportInput): string {
  let out = input.results.length > 0 ? 'TAP version 13\n' : '';
  for (const [i, result] of input.results.entries()) out += resultLine(result, i + 1);
  return `${out}1..${input.results.length}\n`;
}
