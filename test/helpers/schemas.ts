import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { createSchemaCompiler } from '../../core/validate/compile-schema.ts';
import { createAjv } from '../../core/validate/create-ajv.ts';
import { createOfflineSchemas } from '../../core/validate/offline-schemas.ts';
import { parseSchemaLocation, type SchemaLocation } from '../../core/validate/schema-location.ts';
import { createSchemaLoader, type SchemaLoaderDeps } from '../../core/validate/schema-loader.ts';
import { createSchemaRegistry } from '../../core/validate/schema-registry.ts';
import {
  validateManifests,
  type ManifestInput,
  type ValidateOptions,
} from '../../core/validate/validate-manifests.ts';

/** The environment variable naming the folder of the full upstream schemas (relative to the project root). */
export const SCHEMAS_ENV = 'KUBEPROOF_TEST_SCHEMAS';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The upstream Kubernetes v1.31.0 and CRD schemas (never copied into the project): the folder named
 * by KUBEPROOF_TEST_SCHEMAS, by default `../shared/k8s-schemas` beside the clone.
 */
export const SHARED_SCHEMAS = resolve(PROJECT_ROOT, process.env[SCHEMAS_ENV] || '../shared/k8s-schemas');

/** Whether the upstream schemas are there; the tests that need them are skipped, saying why, when not. */
export const HAS_SHARED_SCHEMAS = existsSync(`${SHARED_SCHEMAS}/v1.31.0-standalone`);

/** kubeconform-style templates pointing at the upstream schemas. */
export const K8S_LOCATION = `${SHARED_SCHEMAS}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
export const CRD_LOCATION = `${SHARED_SCHEMAS}/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`;

/**
 * The project's own small schemas (test/fixtures/schemas: a few built-in kinds, v1.31.0, in the
 * kubeconform layout with a strict variant, and one Argo CD CRD in the CRDs-catalog layout), for
 * tests that need a schema or two, not upstream's.
 */
export const FIXTURE_SCHEMAS = resolve(PROJECT_ROOT, 'test/fixtures/schemas');
export const FIXTURE_LOCATION = `${FIXTURE_SCHEMAS}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
export const FIXTURE_CRD_LOCATION = `${FIXTURE_SCHEMAS}/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`;

let skipNoticePrinted = false;

/**
 * `it` and `describe` for tests that need the full upstream schemas: skipped when the folder is
 * absent, with the reason printed once per test file (`.ci/run` fails instead, so CI never skips).
 */
export function needingUpstreamSchemas(): { it: typeof it; describe: typeof describe } {
  if (HAS_SHARED_SCHEMAS) return { it, describe };
  if (!skipNoticePrinted) {
    skipNoticePrinted = true;
    console.warn(
      `kubeproof tests skipped: they need the upstream Kubernetes schemas, not found at ${SHARED_SCHEMAS}; ` +
        `set ${SCHEMAS_ENV} to the folder that holds v1.31.0-standalone/ and crds/ to run them`,
    );
  }
  return { it: it.skip as typeof it, describe: describe.skip as typeof describe };
}

export const DEFAULT_OPTIONS: ValidateOptions = {
  kubernetesVersion: '1.31.0',
  strict: false,
  skip: [],
  reject: [],
  ignoreMissingSchemas: false,
  exitOnError: false,
};

/** Validates inline files against the shared schemas (or the given locations), with no network. */
export async function validateInline(
  files: Record<string, string | Uint8Array | { error: string }>,
  options: Partial<ValidateOptions> = {},
  locations: (string | 'offline')[] = [FIXTURE_LOCATION],
  loaderDeps: Partial<SchemaLoaderDeps> = {},
) {
  const notices: string[] = [];
  const loader = createSchemaLoader({
    readFile: (path) => readFile(path, 'utf8'),
    sleep: async () => {},
    ...loaderDeps,
  });
  const compile = createSchemaCompiler(createAjv(), loader);
  const parsed: (SchemaLocation | 'offline')[] = locations.map((l) =>
    l === 'offline' ? 'offline' : parseSchemaLocation(l),
  );
  const registry = createSchemaRegistry(
    {
      locations: parsed,
      kubernetesVersion: options.kubernetesVersion ?? '1.31.0',
      strict: options.strict ?? false,
      offlineFallback: false,
      baseDirectory: process.cwd(),
    },
    { loader, compile, offline: createOfflineSchemas(), notice: (m) => notices.push(m) },
  );
  const inputs: ManifestInput[] = Object.entries(files).map(([path, content]) =>
    content instanceof Uint8Array
      ? { path, content }
      : typeof content === 'string'
        ? { path, content: new TextEncoder().encode(content) }
        : { path, error: content.error },
  );
  const run = await validateManifests(inputs, { ...DEFAULT_OPTIONS, ...options }, { registry, compile });
  return { ...run, notices };
}
