import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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

/** The offline Kubernetes v1.31.0 and CRD schemas of ../shared (never copied into the project). */
export const SHARED_SCHEMAS = fileURLToPath(new URL('../../../shared/k8s-schemas', import.meta.url));

/** kubeconform-style templates pointing at the shared schemas. */
export const K8S_LOCATION = `${SHARED_SCHEMAS}/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
export const CRD_LOCATION = `${SHARED_SCHEMAS}/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`;

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
  locations: (string | 'offline')[] = [K8S_LOCATION, CRD_LOCATION],
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
