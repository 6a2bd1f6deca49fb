import type { ErrorObject } from 'ajv';
import type { SchemaValidator } from './compile-schema.ts';
import { valueAt } from './describe-schema-errors.ts';
import { isBase64Bytes } from './formats.ts';

/** Where the offline schemas come from, as said once in the output. */
export const OFFLINE_SOURCE = 'kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)';
/** The Kubernetes minor version the offline schemas model. */
export const OFFLINE_KUBERNETES_VERSION = '1.27';

interface ModelClass {
  apiVersion?: string;
  kind?: string;
  prototype: { validate(this: unknown): void };
}

function wrappedBase64(error: ErrorObject, root: unknown): boolean {
  if (error.keyword !== 'format' || (error.params as { format?: unknown }).format !== 'byte') return false;
  const value = valueAt(root, error.instancePath);
  return typeof value === 'string' && isBase64Bytes(value);
}

/** Node's own `import()`, for specifiers the bundles leave to be resolved at run time. */
export function importPackage(specifier: string): Promise<Record<string, unknown>> {
  return import(specifier) as Promise<Record<string, unknown>>;
}

export type ModuleImporter = (specifier: string) => Promise<Record<string, unknown>>;

/**
 * The validator of one kubernetes-models model class (`kubernetes-models`, `@kubernetes-models/*`):
 * undefined when the module does not exist or does not model exactly this kind and apiVersion.
 */
export async function loadModelValidator(
  importModule: ModuleImporter,
  specifier: string,
  kind: string,
  apiVersion: string,
): Promise<SchemaValidator | undefined> {
  let module: Record<string, unknown>;
  try {
    module = await importModule(specifier);
  } catch {
    return undefined;
  }
  const model = module[kind] as ModelClass | undefined;
  if (!model || model.kind !== kind || model.apiVersion !== apiVersion) return undefined;
  const validate = model.prototype.validate;
  return (value) => {
    try {
      validate.call(value);
      return null;
    } catch (error) {
      const errors = (error as { errors?: ErrorObject[] }).errors;
      if (!Array.isArray(errors)) throw error;
      // The models reject base64 with line breaks, which Go's decoder (kubeconform, the API
      // server) reads: kustomize wraps generated Secret data at 70 characters.
      const real = errors.filter((e) => !wrappedBase64(e, value));
      return real.length === 0 ? null : real;
    }
  };
}

/**
 * The schema source used when there is no network: the ajv validators compiled into the
 * `kubernetes-models` npm package, one module per built-in kind. They do not reject unknown
 * fields, so `-strict` cannot be honoured offline; the registry says so once in the output.
 */
export function createOfflineSchemas(importModule: ModuleImporter = importPackage) {
  const cache = new Map<string, Promise<SchemaValidator | undefined>>();

  async function load(kind: string, apiVersion: string): Promise<SchemaValidator | undefined> {
    if (!/^[A-Za-z0-9]+$/.test(kind) || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return undefined;
    return loadModelValidator(importModule, `kubernetes-models/${apiVersion}/${kind}`, kind, apiVersion);
  }

  return {
    source: OFFLINE_SOURCE,
    kubernetesVersion: OFFLINE_KUBERNETES_VERSION,
    /** They cannot see unknown fields. */
    strict: false,
    lookup(kind: string, apiVersion: string): Promise<SchemaValidator | undefined> {
      const key = `${apiVersion}/${kind}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = load(kind, apiVersion);
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

export type OfflineSchemas = ReturnType<typeof createOfflineSchemas>;
