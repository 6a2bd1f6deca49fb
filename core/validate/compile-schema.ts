import type { ErrorObject } from 'ajv';
import type { Ajv } from './create-ajv.ts';
import type { SchemaLoader } from './schema-loader.ts';

/** A compiled schema: returns the ajv errors of a value, or null when it is valid. */
export type SchemaValidator = (value: unknown) => ErrorObject[] | null;

export type CompileResult = { ok: true; validate: SchemaValidator } | { ok: false; message: string };

function collectRefs(node: unknown, refs: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, refs);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') refs.add(value);
    else collectRefs(value, refs);
  }
}

function documentUrl(ref: string, base: string): string | undefined {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  if (target === '') return undefined;
  try {
    return new URL(target, base).href;
  } catch {
    return undefined;
  }
}

function stripMetaSchema(document: unknown): void {
  // The schemas declare "$schema": "http://json-schema.org/schema#", which ajv does not know
  // (shared/k8s-schemas/README.md). They are draft 4, which is what the ajv instance speaks.
  if (document !== null && typeof document === 'object' && '$schema' in document) {
    delete (document as Record<string, unknown>)['$schema'];
  }
}

/**
 * Compiles schema documents into validators with one shared ajv instance, loading the documents
 * their `$ref`s point to (for example yannh's non-standalone `_definitions.json`) through the
 * same loader, so HTTP references are cached like the schemas themselves.
 */
export function createSchemaCompiler(ajv: Ajv, loader: SchemaLoader) {
  const added = new Map<string, Promise<string | undefined>>();

  async function addReferenced(document: unknown, base: string, depth: number): Promise<string | undefined> {
    const refs = new Set<string>();
    collectRefs(document, refs);
    for (const ref of refs) {
      const url = documentUrl(ref, base);
      if (url === undefined || url === base) continue;
      let pending = added.get(url);
      if (!pending) {
        pending = (async () => {
          if (depth > 10) return `too many nested $ref documents at ${url}`;
          const loaded = await loader.load(url);
          if (loaded.status !== 'found') return `cannot load $ref ${url}: ${loaded.message}`;
          stripMetaSchema(loaded.document);
          const problem = await addReferenced(loaded.document, url, depth + 1);
          if (problem) return problem;
          ajv.addSchema(loaded.document as object, url);
          return undefined;
        })();
        added.set(url, pending);
      }
      const problem = await pending;
      if (problem) return problem;
    }
    return undefined;
  }

  return async function compile(document: unknown, url: string): Promise<CompileResult> {
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
      return { ok: false, message: `the schema at ${url} is not a JSON object` };
    }
    stripMetaSchema(document);
    const problem = await addReferenced(document, url, 0);
    if (problem) return { ok: false, message: problem };
    try {
      const validate = ajv.compile({ ...(document as object), id: url });
      return {
        ok: true,
        validate(value) {
          try {
            return validate(value) ? null : (validate.errors ?? []);
          } catch (error) {
            // ajv's generated code can throw on odd input (keys such as `valueOf` compared against an
            // object enum): report it on the resource instead of crashing the run.
            const message = `the validator failed on this resource: ${(error as Error).message}`;
            return [{ instancePath: '', schemaPath: '#', keyword: 'kubeproof', params: {}, message }];
          }
        },
      };
    } catch (error) {
      return { ok: false, message: `the schema at ${url} does not compile: ${(error as Error).message}` };
    }
  };
}

export type SchemaCompiler = ReturnType<typeof createSchemaCompiler>;
