import type { Finding, ResourceRef } from '../../findings.ts';
import type { ValidationResult } from '../../validate/result.ts';

/** The resource a result is about, when it has an identity. */
export function resultResource(result: ValidationResult): ResourceRef | undefined {
  if (!result.kind || result.name === undefined) return undefined;
  const ref: ResourceRef = { apiVersion: result.apiVersion ?? '', kind: result.kind, name: result.name };
  if (result.namespace !== undefined) ref.namespace = result.namespace;
  return ref;
}

/**
 * The findings a finding-based output (SARIF, GitHub annotations) reports for one result. A failing
 * result always carries findings already; should one come without, it still gets one finding made
 * from its status and message, so that no failure is silently dropped.
 */
export function reportedFindings(result: ValidationResult): Finding[] {
  if (result.findings.some((f) => f.severity === 'error')) return result.findings;
  if (result.status !== 'invalid' && result.status !== 'error') return result.findings;
  const synthesized: Finding = {
    ruleId: result.status === 'invalid' ? 'schema' : 'validation-error',
    severity: 'error',
    message:
      result.message ?? (result.status === 'invalid' ? 'the resource is invalid' : 'failed validation'),
    path: result.filename,
    line: result.line,
  };
  const resource = resultResource(result);
  if (resource) synthesized.resource = resource;
  return [...result.findings, synthesized];
}
