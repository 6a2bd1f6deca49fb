import type { ValidationResult } from '../../validate/result.ts';
import type { ValidateReportInput } from './report-input.ts';
import { summaryLine } from './summary-line.ts';
import { warningLine, warningsOf } from './warning-line.ts';

/** One result as kubeconform's `text` output prints it (`pkg/output/text.go`), or '' when it is silent. */
function resultLine(result: ValidationResult, verbose: boolean): string {
  const path = result.filename;
  const kind = result.kind ?? '';
  const name = result.name ?? '';
  const message = result.message ?? '';
  switch (result.status) {
    case 'valid':
      return verbose ? `${path} - ${kind} ${name} is valid\n` : '';
    case 'invalid':
      return `${path} - ${kind} ${name} is invalid: ${message}\n`;
    case 'error':
      return kind !== '' && name !== ''
        ? `${path} - ${kind} ${name} failed validation: ${message}\n`
        : `${path} - failed validation: ${message}\n`;
    case 'skipped':
      // kubeconform prints the name before the kind here.
      return verbose ? `${path} - ${name} ${kind} skipped\n` : '';
    case 'empty':
      return '';
  }
}

/**
 * kubeconform v0.7.0's `text` output, plus one `Warning: …` line per warning finding (see
 * `warningLine`), printed whether or not the resource's own line is. Run-level notices are not
 * printed here: the CLI writes them to stderr, so stdout stays what kubeconform prints.
 */
export function renderText(input: ValidateReportInput): string {
  let out = '';
  for (const result of input.results) {
    out += resultLine(result, input.verbose);
    for (const finding of warningsOf(result)) out += warningLine(result, finding);
  }
  if (input.summary) out += summaryLine(input.results, input.stdin);
  return out;
}
