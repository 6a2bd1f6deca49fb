import type { ValidationResult } from '../../validate/result.ts';
import type { ValidateReportInput } from './report-input.ts';
import { summaryLine } from './summary-line.ts';
import { warningParts, warningsOf } from './warning-line.ts';

// kubeconform's pretty output always emits these codes, with no TTY detection (pkg/output/pretty.go).
const RESET = '\u001b[0m';
const RED = '\u001b[31m';
const GREEN = '\u001b[32m';
const YELLOW = '\u001b[33m';
const CHECKMARK = '\u2714';
const CROSS = '\u2716';

function resultLine(result: ValidationResult, verbose: boolean): string {
  const path = result.filename;
  const kind = result.kind ?? '';
  const name = result.name ?? '';
  const message = result.message ?? '';
  switch (result.status) {
    case 'valid':
      return verbose
        ? `${GREEN}${CHECKMARK}${RESET} ${path}: ${GREEN}${kind} ${name} is valid${RESET}\n`
        : '';
    case 'invalid':
      return `${RED}${CROSS}${RESET} ${path}: ${RED}${kind} ${name} is invalid: ${message}${RESET}\n`;
    case 'error':
      // kubeconform's quirk: the name comes after "failed validation:".
      return kind !== '' && name !== ''
        ? `${RED}${CROSS}${RESET} ${path}: ${RED}${kind} failed validation: ${name} ${message}${RESET}\n`
        : `${RED}${CROSS}${RESET} ${path}: ${RED}failed validation: ${name} ${message}${RESET}\n`;
    case 'skipped': {
      if (!verbose) return '';
      const what =
        kind !== '' && name !== '' ? `${kind} ${name} skipped` : kind !== '' ? `${kind} skipped` : 'skipped';
      return `${YELLOW}-${RESET} ${path}: ${YELLOW}${what}${RESET}\n`;
    }
    case 'empty':
      return '';
  }
}

/**
 * kubeconform v0.7.0's `pretty` output, plus one yellow `Warning: …` line per warning finding
 * (the text output's line, coloured). Run-level notices are not printed here: the CLI writes them
 * to stderr. The summary line has no colours, as in kubeconform.
 */
export function renderPretty(input: ValidateReportInput): string {
  let out = '';
  for (const result of input.results) {
    out += resultLine(result, input.verbose);
    for (const finding of warningsOf(result)) {
      const { location, text } = warningParts(result, finding);
      out += `${YELLOW}Warning:${RESET} ${location}: ${YELLOW}${text}${RESET}\n`;
    }
  }
  if (input.summary) out += summaryLine(input.results, input.stdin);
  return out;
}
