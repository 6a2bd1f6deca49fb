import { codeSpan, escapeMarkdown, shorten } from './escape-markdown.ts';
import { formatDuration, plural } from './summarize-report.ts';
import { missingSchemaText, schemaText } from './schema-text.ts';
import type { CheckReport, ReportMeta } from '../check-report.ts';
import { policyText } from './policy-text.ts';

/** Longer report URLs are not linked: a body must leave room for the report itself. */
const MAX_URL_LENGTH = 300;
const MAX_META_LENGTH = 100;
const MAX_SCHEMA_LENGTH = 400;

/**
 * A link destination that cannot end the link early or become a script: http(s) only, with spaces,
 * parentheses and angle brackets percent-encoded (https://spec.commonmark.org/0.31.2/#link-destination).
 */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url) || url.length > MAX_URL_LENGTH) return undefined;
  return url.replace(
    /[\s()<>\\`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Where the full output is, as markdown: `[job summary](…)`, `artifact \`kubeproof-report\``. */
export function fullOutputPlaces(meta: ReportMeta): string[] {
  const places: string[] = [];
  const url = meta.fullReportUrl === undefined ? undefined : safeUrl(meta.fullReportUrl);
  const label = escapeMarkdown(shorten(meta.fullReportLabel ?? 'full report', MAX_META_LENGTH));
  if (url !== undefined) places.push(`[${label}](${url})`);
  if (meta.artifactName !== undefined) {
    places.push(`artifact ${codeSpan(shorten(meta.artifactName, MAX_META_LENGTH))}`);
  }
  return places;
}

/**
 * How the report was made: `Rendered 3 environments (built-in Kustomize engine) in 0.4 s · schemas:
 * Kubernetes 1.31.0, strict, CRDs from the repository · commit \`4f2c1ab\` · [job summary](…)`.
 * `<sub>` is inline HTML here, so the markdown inside is parsed.
 */
export function footer(
  report: Pick<CheckReport, 'meta' | 'validation' | 'policy'>,
  environments: number,
): string {
  const { meta } = report;
  const parts = [
    `Rendered ${plural(environments, 'environment')} (${escapeMarkdown(shorten(meta.renderer, MAX_META_LENGTH))}) in ${formatDuration(meta.durationMs)}`,
  ];
  parts.push(
    meta.validated === false
      ? 'not validated'
      : `schemas: ${escapeMarkdown(shorten(schemaText(report), MAX_SCHEMA_LENGTH))}`,
  );
  const missing = meta.validated === false ? undefined : missingSchemaText(report);
  if (missing !== undefined)
    parts.push(`not validated, no schema: ${escapeMarkdown(shorten(missing, MAX_SCHEMA_LENGTH))}`);
  const policy = policyText(report);
  if (policy !== undefined) parts.push(escapeMarkdown(policy));
  if (meta.commit !== undefined && meta.commit !== '')
    parts.push(`commit ${codeSpan(meta.commit.slice(0, 7))}`);
  parts.push(...fullOutputPlaces(meta));
  return `---\n<sub>${parts.join(' · ')}</sub>`;
}
