import type { Finding } from '../../findings.ts';
import type { ResultStatus, SchemaViolation, ValidationResult } from '../../validate/result.ts';
import { countResults } from './count-results.ts';
import { goJson } from './go-json.ts';
import type { ValidateReportInput } from './report-input.ts';
import { warningsOf } from './warning-line.ts';

const STATUS: Record<ResultStatus, string> = {
  valid: 'statusValid',
  invalid: 'statusInvalid',
  error: 'statusError',
  skipped: 'statusSkipped',
  empty: '',
};

function position(
  target: Record<string, unknown>,
  line: number | undefined,
  column: number | undefined,
): void {
  if (line !== undefined && line >= 1) target['line'] = line;
  if (column !== undefined && column >= 1) target['column'] = column;
}

function violationJson(violation: SchemaViolation): Record<string, unknown> {
  const out: Record<string, unknown> = { path: violation.path, msg: violation.message };
  position(out, violation.line, violation.column);
  return out;
}

function warningJson(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { ruleId: finding.ruleId, msg: finding.message };
  position(out, finding.line, finding.column);
  return out;
}

/**
 * One entry of `resources`: kubeconform's fields in its order (filename, kind, name, version,
 * status, msg, validationErrors when not empty), then kubeproof's additions at the end so that
 * kubeconform's part stays byte-identical: `line`, and `warnings` when the resource has any.
 */
function resultJson(result: ValidationResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    filename: result.filename,
    kind: result.kind ?? '',
    name: result.name ?? '',
    version: result.apiVersion ?? '',
    status: STATUS[result.status],
    msg: result.status === 'invalid' || result.status === 'error' ? (result.message ?? '') : '',
  };
  if (result.violations && result.violations.length > 0)
    out['validationErrors'] = result.violations.map(violationJson);
  out['line'] = result.line;
  const warnings = warningsOf(result);
  if (warnings.length > 0) out['warnings'] = warnings.map(warningJson);
  return out;
}

/**
 * kubeconform v0.7.0's `json` output (`pkg/output/json.go`): failing results always, valid,
 * skipped and empty ones only with -verbose; `summary` only with -summary. kubeproof adds
 * per-resource `line` and `warnings` and per-error `line`/`column`, and a top-level `notices`
 * array (last, when there are notices). `warnings` holds warning-severity findings only (not
 * notices). A resource with warnings is listed even without -verbose, so a deprecated apiVersion is
 * never lost from the JSON (without warnings the output is kubeconform's).
 */
export function renderJson(input: ValidateReportInput): string {
  const resources = input.results
    .filter(
      (r) => input.verbose || r.status === 'invalid' || r.status === 'error' || warningsOf(r).length > 0,
    )
    .map(resultJson);
  const root: Record<string, unknown> = { resources };
  if (input.summary) {
    const c = countResults(input.results);
    root['summary'] = { valid: c.valid, invalid: c.invalid, errors: c.errors, skipped: c.skipped };
  }
  if (input.notices.length > 0) root['notices'] = [...input.notices];
  return `${goJson(root)}\n`;
}
