import { readFile } from 'node:fs/promises';
import { createSchemaCompiler } from '../core/validate/compile-schema.ts';
import { createAjv } from '../core/validate/create-ajv.ts';
import { createGitOpsSchemas } from '../core/validate/gitops-schemas.ts';
import { createOfflineSchemas } from '../core/validate/offline-schemas.ts';
import { parseSchemaLocation } from '../core/validate/schema-location.ts';
import { createSchemaLoader } from '../core/validate/schema-loader.ts';
import { createSchemaRegistry } from '../core/validate/schema-registry.ts';
import type { ValidateDeps } from '../core/validate/validate-manifests.ts';
import { openDiskSchemaCache } from './disk-schema-cache.ts';
import { createSchemaFetch, type SchemaFetchOptions } from './schema-fetch.ts';

/** Everything needed to build the schema side of a run; plain data, so a worker thread can rebuild it. */
export interface SchemaSetup {
  /** `-schema-location` values as given (`default`, `offline`, templates); empty for the default. */
  locations: string[];
  kubernetesVersion: string;
  strict: boolean;
  /** `-offline`: no HTTP at all. */
  offline: boolean;
  cacheFolder?: string;
  fetch: SchemaFetchOptions;
  baseDirectory: string;
  /**
   * What the offline schemas may stand in for (see SchemaRegistryOptions). Default: `any` when they
   * were asked for (`-offline`, location `offline`), else `requested`.
   */
  offlineAccepts?: 'any' | 'requested';
}

/**
 * Builds the loader, compiler and registry of a run. Throws `UsageError` for a bad template or
 * cache folder, before any file is read (kubeconform fails early on both).
 */
export async function createValidationDeps(
  setup: SchemaSetup,
  notice: (message: string) => void,
  sleep?: (ms: number) => Promise<void>,
): Promise<ValidateDeps> {
  const given = setup.locations;
  const locations = (given.length > 0 ? given : setup.offline ? ['offline'] : ['default']).map((l) =>
    l === 'offline' ? ('offline' as const) : parseSchemaLocation(l),
  );
  const cache = setup.cacheFolder ? await openDiskSchemaCache(setup.cacheFolder) : undefined;
  const loader = createSchemaLoader({
    ...(setup.offline ? {} : { fetch: createSchemaFetch(setup.fetch) }),
    readFile: (path) => readFile(path, 'utf8'),
    ...(cache ? { cache } : {}),
    ...(sleep ? { sleep } : {}),
  });
  const compile = createSchemaCompiler(createAjv(), loader);
  const registry = createSchemaRegistry(
    {
      locations,
      kubernetesVersion: setup.kubernetesVersion,
      strict: setup.strict,
      offlineFallback: given.length === 0 || setup.offline,
      baseDirectory: setup.baseDirectory,
      offlineAccepts:
        setup.offlineAccepts ?? (setup.offline || given.includes('offline') ? 'any' : 'requested'),
    },
    { loader, compile, offline: createOfflineSchemas(), gitops: createGitOpsSchemas(), notice },
  );
  return { registry, compile };
}
