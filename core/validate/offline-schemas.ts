import type { ErrorObject } from 'ajv';
import type { SchemaValidator } from './compile-schema.ts';

/** Where the offline schemas come from, as said once in the output. */
export const OFFLINE_SOURCE = 'kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)';

interface ModelClass {
  apiVersion?: string;
  kind?: string;
  prototype: { validate(this: unknown): void };
}

export type ModuleImporter = (specifier: string) => Promise<Record<string, unknown>>;

/**
 * The schema source used when there is no network: the ajv validators compiled into the
 * `kubernetes-models` npm package, one module per built-in kind. They do not reject unknown
 * fields, so `-strict` cannot be honoured offline; the registry says so once in the output.
 */
export function createOfflineSchemas(
  importModule: ModuleImporter = (s) => import(s) as Promise<Record<string, unknown>>,
) {
  const cache = new Map<string, Promise<SchemaValidator | undefined>>();

  async function load(kind: string, apiVersion: string): Promise<SchemaValidator | undefined> {
    if (!/^[A-Za-z0-9]+$/.test(kind) || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return undefined;
    let module: Record<string, unknown>;
    try {
      module = await importModule(`kubernetes-models/${apiVersion}/${kind}`);
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
        return errors;
      }
    };
  }

  return {
    source: OFFLINE_SOURCE,
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
