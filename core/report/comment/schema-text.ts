import type { SchemaUse } from '../../validate/result.ts';
import type { CheckReport, MissingSchema } from '../check-report.ts';

function describeUse(use: SchemaUse): string {
  // The offline source names its version and strictness itself.
  if (use.origin === 'offline') return use.source;
  return `${use.source} (Kubernetes ${use.kubernetesVersion}, ${use.strict ? 'strict' : 'not strict'})`;
}

function describeUses(uses: readonly SchemaUse[]): string {
  const named = [...new Set(uses.filter((use) => use.origin !== 'from-input').map(describeUse))];
  return named.length === 0 ? 'none used' : named.join(', ');
}

/**
 * What the footer says about schemas, as plain text (the caller escapes it): the schemas really
 * used, per environment where they differ, then `CRDs from the repository` when it has any. A
 * report made without that record (older callers) names the requested version and strictness.
 */
export function schemaText(report: Pick<CheckReport, 'meta' | 'validation'>): string {
  const { meta } = report;
  const parts: string[] = [];
  if (meta.schemas === undefined) {
    parts.push(`Kubernetes ${meta.kubernetesVersion}`);
    if (meta.strict) parts.push('strict');
  } else {
    const perEnvironment = report.validation
      .filter((check) => check.schemas !== undefined && check.resources > 0)
      .map((check) => ({ environment: check.environment, text: describeUses(check.schemas ?? []) }))
      // An environment of custom resources only is validated by the repository's CRDs alone.
      .filter((entry) => entry.text !== 'none used');
    const distinct = new Set(perEnvironment.map((entry) => entry.text));
    parts.push(
      distinct.size > 1
        ? perEnvironment.map((entry) => `${entry.environment}: ${entry.text}`).join('; ')
        : describeUses(meta.schemas),
    );
  }
  if (meta.crdsFromRepo) parts.push('CRDs from the repository');
  return parts.join(', ');
}

/** The kinds no schema validated, over every environment, in the order first met. */
export function missingSchemas(report: Pick<CheckReport, 'validation'>): MissingSchema[] {
  const all = new Map<string, MissingSchema>();
  for (const check of report.validation)
    for (const missing of check.missingSchemas ?? []) {
      const key = `${missing.apiVersion}/${missing.kind}`;
      const known = all.get(key);
      if (known === undefined) all.set(key, { ...missing });
      else known.resources += missing.resources;
    }
  return [...all.values()];
}

/**
 * The kinds that were not validated for want of a schema, said once for the whole report, as plain
 * text (the caller escapes it): `SealedSecret bitnami.com/v1alpha1 (2 resources), HelmRelease
 * helm.toolkit.fluxcd.io/v2 (1 resource)`; undefined when every kind had one.
 */
export function missingSchemaText(report: Pick<CheckReport, 'validation'>): string | undefined {
  const missing = missingSchemas(report);
  if (missing.length === 0) return undefined;
  return missing
    .map(({ kind, apiVersion, resources, detail }) => {
      const count = `${resources} resource${resources === 1 ? '' : 's'}`;
      return `${kind} ${apiVersion} (${count}${detail === undefined ? '' : `; ${detail}`})`;
    })
    .join(', ');
}
