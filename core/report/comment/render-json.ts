import type { SchemaUse } from '../../validate/result.ts';
import type { ResourceDiff } from '../../diff/types.ts';
import type { Finding, ResourceRef } from '../../findings.ts';
import { summarizeReport, type EnvironmentSummary } from './summarize-report.ts';
import type { CheckReport, EnvironmentCheck, MissingSchema, ReportMeta } from '../check-report.ts';
import { missingSchemas } from './schema-text.ts';

/** Bumped on any incompatible change of the JSON shape. */
export const REPORT_JSON_VERSION = 1;

// Every object is built field by field, in a fixed order, with `null` for what is absent: the
// output does not depend on how the input objects were built, and consumers see one shape.

function resourceJson(ref: ResourceRef): Record<string, unknown> {
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace ?? null, name: ref.name };
}

function findingJson(finding: Finding): Record<string, unknown> {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    path: finding.path,
    line: finding.line ?? null,
    column: finding.column ?? null,
    resource: finding.resource === undefined ? null : resourceJson(finding.resource),
  };
}

function diffJson(diff: ResourceDiff): Record<string, unknown> {
  return {
    resource: resourceJson(diff.resource),
    change: diff.change,
    origin: diff.origin === undefined ? null : { path: diff.origin.path, line: diff.origin.line },
    notes: diff.notes.map((note) => ({ kind: note.kind, text: note.text })),
    renamed: diff.renamed === undefined ? null : { from: diff.renamed.from, to: diff.renamed.to },
    unifiedDiff: diff.unifiedDiff,
  };
}

function schemaJson(use: SchemaUse): Record<string, unknown> {
  return {
    source: use.source,
    kubernetesVersion: use.kubernetesVersion,
    strict: use.strict,
    origin: use.origin,
  };
}

function missingJson(missing: MissingSchema): Record<string, unknown> {
  return {
    apiVersion: missing.apiVersion,
    kind: missing.kind,
    resources: missing.resources,
    detail: missing.detail ?? null,
  };
}

function checkJson(check: EnvironmentCheck | undefined): Record<string, unknown> | null {
  if (check === undefined) return null;
  return {
    resources: check.resources,
    errors: check.errors,
    warnings: check.warnings,
    notValidated: check.notValidated ?? 0,
    missingSchemas: (check.missingSchemas ?? []).map(missingJson),
    schemas: (check.schemas ?? []).map(schemaJson),
    findings: check.findings.map(findingJson),
  };
}

function environmentJson(env: EnvironmentSummary): Record<string, unknown> {
  const counts = env.diff?.counts;
  return {
    environment: env.environment,
    path: env.diff?.path ?? null,
    status: env.status,
    counts:
      counts === undefined
        ? null
        : {
            added: counts.added,
            changed: counts.changed,
            removed: counts.removed,
            unchanged: counts.unchanged,
          },
    resources: (env.diff?.resources ?? []).map(diffJson),
    renderFindings: (env.diff?.findings ?? []).map(findingJson),
    validation: checkJson(env.validation),
    policy: checkJson(env.policy),
  };
}

function metaJson(meta: ReportMeta): Record<string, unknown> {
  return {
    renderer: meta.renderer,
    durationMs: meta.durationMs,
    kubernetesVersion: meta.kubernetesVersion,
    strict: meta.strict,
    crdsFromRepo: meta.crdsFromRepo,
    schemas: meta.schemas === undefined ? null : meta.schemas.map(schemaJson),
    commit: meta.commit ?? null,
    fullReportUrl: meta.fullReportUrl ?? null,
    fullReportLabel: meta.fullReportLabel ?? null,
    artifactName: meta.artifactName ?? null,
  };
}

/**
 * The report as stable JSON (`-o json`): a version, the verdict numbers, every environment with its
 * resources, findings and checks, and the meta; fixed key order, 2-space indent, final newline.
 * Never shortened: it is the full output the comment points to.
 */
export function renderJson(report: CheckReport): string {
  const summary = summarizeReport(report);
  const document = {
    version: REPORT_JSON_VERSION,
    summary: {
      environments: summary.environments.length,
      changed: summary.changed,
      notRendered: summary.notRendered,
      validationErrors: summary.validationErrors,
      validationWarnings: summary.validationWarnings,
      notValidated: summary.notValidated,
      missingSchemas: missingSchemas(report).map(missingJson),
      policy: summary.policyRan ? { errors: summary.policyErrors, warnings: summary.policyWarnings } : null,
      compared: summary.compared,
      noEnvironment: summary.noEnvironment ?? null,
    },
    environments: summary.environments.map(environmentJson),
    meta: metaJson(report.meta),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
