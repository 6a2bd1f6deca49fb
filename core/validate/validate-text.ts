import type { Finding } from '../findings.ts';
import { createScanCursor } from '../manifests/fast-yaml.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import type { ValidationResult } from './result.ts';
import { SourceDocument } from './source-document.ts';
import { validateResource, type DocumentContext } from './validate-document.ts';
import { resolveDiffOptions } from '../diff/diff-options.ts';
import { scrubText, secretTexts } from '../diff/scrub-findings.ts';
import type { JsonValue } from '../manifests/json-value.ts';

const REDACTION = resolveDiffOptions();

/**
 * A result about `value` with no secret of it in its message, violations or findings: schema
 * errors quote the values they reject (a Secret's `data` that is not base64, say). Valid results
 * without findings, the hot path, are returned as they are.
 */
function scrubbed(result: ValidationResult, value: JsonValue): ValidationResult {
  if (result.message === undefined && result.findings.length === 0) return result;
  const cut = secretTexts([value], REDACTION);
  if (cut.length === 0) return result;
  if (result.message !== undefined) result.message = scrubText(result.message, cut);
  if (result.violations)
    result.violations = result.violations.map((v) => ({ ...v, message: scrubText(v.message, cut) }));
  result.findings = result.findings.map((finding) => ({
    ...finding,
    message: scrubText(finding.message, cut),
  }));
  return result;
}

function syntaxError(
  path: string,
  line: number,
  problems: { message: string; line: number; column: number }[],
): ValidationResult {
  const detail = problems.map((p) => `yaml: line ${p.line}: ${p.message}`).join('\n  ');
  const duplicate = problems.every((p) => p.message.endsWith('already set in map'));
  // kubeconform (sigs.k8s.io/yaml) wording; duplicate keys come as go-yaml "unmarshal errors".
  const message = duplicate
    ? `error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  ${detail.replaceAll('yaml: ', '')}`
    : `error unmarshalling resource: error converting YAML to JSON: ${detail}`;
  const findings = problems.map<Finding>((p) => ({
    ruleId: duplicate ? 'duplicate-key' : 'yaml-syntax',
    severity: 'error',
    message: p.message,
    path,
    line: p.line,
    column: p.column,
  }));
  return { filename: path, status: 'error', line: problems[0]?.line ?? line, message, findings };
}

function isList(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { kind, apiVersion } = value as Record<string, unknown>;
  return (
    typeof kind === 'string' &&
    kind.toLowerCase() === 'list' &&
    typeof apiVersion === 'string' &&
    apiVersion !== ''
  );
}

/**
 * Validates every document of one text (a file, or a chunk of one that starts at `firstLine`).
 * Empty documents give no result. `stop` is asked after each result; when it says yes, the
 * results so far are returned (`-exit-on-error`).
 */
export async function validateText(
  path: string,
  text: string,
  firstLine: number,
  context: DocumentContext,
  stop: (result: ValidationResult) => boolean = () => false,
): Promise<{ results: ValidationResult[]; stopped: boolean }> {
  const results: ValidationResult[] = [];
  const push = (result: ValidationResult): boolean => {
    results.push(result);
    return stop(result);
  };
  const scan = createScanCursor();
  for (const span of splitDocuments(text, firstLine)) {
    const doc = new SourceDocument(path, text, span, context.strict, scan);
    const parsed = doc.parse();
    if ('problems' in parsed) {
      if (push(syntaxError(path, span.line, parsed.problems))) return { results, stopped: true };
      continue;
    }
    const { value } = parsed;
    if (value === null) continue; // an empty document (a leading `---`, comments) is not a resource
    if (isList(value)) {
      // kubeconform expands `kind: List` (any case) into its items.
      const items = value['items'];
      if (!Array.isArray(items)) continue;
      for (const [index, item] of items.entries()) {
        const result = validateResource(item, doc, `/items/${index}`, context);
        const done = scrubbed(result instanceof Promise ? await result : result, item as JsonValue);
        if (push(done)) return { results, stopped: true };
      }
      continue;
    }
    const result = validateResource(value, doc, '', context);
    if (push(scrubbed(result instanceof Promise ? await result : result, value)))
      return { results, stopped: true };
  }
  return { results, stopped: false };
}
