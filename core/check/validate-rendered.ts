import { isJsonObject } from '../manifests/json-value.ts';
import type { Finding } from '../findings.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import { emitYaml } from '../manifests/emit-yaml.ts';
import type { FileSource } from '../files/file-source.ts';
import { createSourceLocator } from './source-positions.ts';
import type { EnvironmentCheck, MissingSchema } from '../report/check-report.ts';
import type { SchemaUse } from '../validate/result.ts';
import {
  validateManifests,
  type ValidateDeps,
  type ValidateOptions,
} from '../validate/validate-manifests.ts';

const encoder = new TextEncoder();

/**
 * Validates what each environment renders to (strict, deprecations, duplicates), with the
 * CustomResourceDefinitions of every rendered environment and of `extraCrds` (the repository's
 * CRD files) validating the custom resources. Findings point at the source file and line the
 * resource came from. A missing schema is not an error here: a PR check should not fail on a custom
 * kind nobody published a schema for, but it must say it was not checked. It says so once per kind
 * (`missingSchemas`), not with one warning per resource.
 */
export async function validateRendered(
  rendered: readonly RenderedEnvironment[],
  extraCrds: readonly { path: string; content: Uint8Array }[],
  options: Pick<ValidateOptions, 'kubernetesVersion' | 'strict'>,
  deps: ValidateDeps,
  files?: FileSource,
): Promise<EnvironmentCheck[]> {
  const texts = rendered.map((environment) =>
    environment.resources.map((resource) => emitYaml(resource.object)),
  );
  const inputs = rendered.flatMap((environment, e) =>
    environment.resources.map((_, r) => ({
      path: `${e}/${r}`,
      content: encoder.encode(texts[e]?.[r] ?? ''),
    })),
  );
  const locate = files === undefined ? undefined : createSourceLocator(files);
  // The documents the resources came from: each is a resource of its own, not a patch of another.
  const origins = rendered.map(
    (environment) => new Set(environment.resources.map(({ origin }) => `${origin.path}:${origin.line}`)),
  );
  const crdInputs = extraCrds.map((crd, i) => ({ path: `crd/${i}`, content: crd.content }));
  const run = await validateManifests(
    [...inputs, ...crdInputs],
    {
      ...options,
      skip: [],
      reject: [],
      ignoreMissingSchemas: false,
      exitOnError: false,
      crdsFromInput: true,
    },
    deps,
  );
  const checks = rendered.map((environment): EnvironmentCheck => ({
    environment: environment.environment.name,
    resources: environment.resources.length,
    errors: 0,
    warnings: 0,
    findings: [],
    notValidated: 0,
    missingSchemas: [],
    schemas: [],
  }));
  const uses = checks.map(() => new Map<string, SchemaUse>());
  for (const result of run.results) {
    const [e, r] = result.filename.split('/');
    if (e === 'crd') continue;
    const check = checks[Number(e)];
    const resource = rendered[Number(e)]?.resources[Number(r)];
    if (check === undefined || resource === undefined) continue;
    if (result.schema !== undefined) uses[Number(e)]?.set(schemaKey(result.schema), result.schema);
    if (result.findings.some((f) => f.ruleId === 'missing-schema' || f.ruleId === 'not-validated'))
      check.notValidated = (check.notValidated ?? 0) + 1;
    const missing = result.findings.find((f) => f.ruleId === 'missing-schema');
    if (missing !== undefined)
      countMissing(check, result.apiVersion ?? '', result.kind ?? '', missing.message);
    for (const finding of result.findings) {
      // Duplicates across environments are expected (one copy per environment): not a finding here.
      // A kind without a schema is said once (missingSchemas), not once per resource.
      if (finding.ruleId === 'duplicate-resource' || finding.ruleId === 'missing-schema') continue;
      const mapped: Finding = {
        ...finding,
        path: resource.origin.path,
        line: resource.origin.line,
      };
      delete mapped.column;
      if (locate !== undefined) {
        const environment = rendered[Number(e)]?.environment;
        const metadata = resource.object['metadata'];
        const name =
          isJsonObject(metadata) && typeof metadata['name'] === 'string' ? metadata['name'] : undefined;
        const at = await locate(resource.origin, texts[Number(e)]?.[Number(r)] ?? '', finding.line, {
          kind: String(resource.object['kind'] ?? ''),
          ...(name === undefined ? {} : { name }),
          folders: environment === undefined ? [] : [environment.path],
          origins: origins[Number(e)] ?? new Set(),
        });
        mapped.path = at.path;
        mapped.line = at.line;
        if (at.column !== undefined) mapped.column = at.column;
      }
      check.findings.push(mapped);
      if (finding.severity === 'error') check.errors++;
      else if (finding.severity === 'warning') check.warnings++;
    }
  }
  for (const [index, check] of checks.entries()) check.schemas = [...(uses[index]?.values() ?? [])];
  return checks;
}

/** Counts one resource of a kind without a schema; the detail is what the message adds in parentheses. */
function countMissing(check: EnvironmentCheck, apiVersion: string, kind: string, message: string): void {
  const list = (check.missingSchemas ??= []);
  let entry: MissingSchema | undefined = list.find((m) => m.apiVersion === apiVersion && m.kind === kind);
  if (entry === undefined) {
    entry = { apiVersion, kind, resources: 0 };
    const detail = /^could not find schema for \S+ \((.*)\)$/.exec(message)?.[1];
    if (detail !== undefined) entry.detail = detail;
    list.push(entry);
  }
  entry.resources++;
}

/** One key per distinct schema source. */
export function schemaKey(use: SchemaUse): string {
  return `${use.origin}\u0000${use.source}\u0000${use.kubernetesVersion}\u0000${String(use.strict)}`;
}
