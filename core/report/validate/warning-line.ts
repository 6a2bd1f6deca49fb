import type { Finding } from '../../findings.ts';
import type { ValidationResult } from '../../validate/result.ts';

/** `path:line:col`, `path:line` or `path`, the way compilers and editors point at a place. */
export function findingLocation(finding: Finding): string {
  if (finding.line === undefined || finding.line < 1) return finding.path;
  if (finding.column === undefined || finding.column < 1) return `${finding.path}:${finding.line}`;
  return `${finding.path}:${finding.line}:${finding.column}`;
}

/** `Kind name` of the resource a finding is about (its own reference first, else its result's). */
function subjectOf(finding: Finding, result: ValidationResult): string {
  const kind = finding.resource?.kind ?? result.kind ?? '';
  const name = finding.resource?.name ?? result.name ?? '';
  return [kind, name].filter((part) => part !== '').join(' ');
}

/** The warning findings of a result, in their order: the only findings text and pretty add lines for. */
export function warningsOf(result: ValidationResult): Finding[] {
  return result.findings.filter((finding) => finding.severity === 'warning');
}

/**
 * The parts of kubeproof's extra warning line (text and pretty outputs). The line starts with
 * `Warning: ` (kubectl's convention) and a `path:line:col:` location, never with kubeconform's
 * `path - ` prefix, so a script that parses kubeconform's result lines does not take it for one.
 * Continuation lines of a multi-line message are indented for the same reason.
 */
export function warningParts(result: ValidationResult, finding: Finding): { location: string; text: string } {
  const subject = subjectOf(finding, result);
  const message = finding.message.replaceAll('\n', '\n  ');
  return {
    location: findingLocation(finding),
    text: `${subject === '' ? '' : `${subject}: `}${message} [${finding.ruleId}]`,
  };
}

/** `Warning: path:line:col: Kind name: message [rule-id]` with its newline. */
export function warningLine(result: ValidationResult, finding: Finding): string {
  const { location, text } = warningParts(result, finding);
  return `Warning: ${location}: ${text}\n`;
}
