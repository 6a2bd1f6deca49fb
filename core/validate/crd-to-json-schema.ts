import type { CrdProblem } from './crd-json.ts';
import { rootSchema } from './crd-root-schema.ts';
import { readCrdSpec } from './crd-versions.ts';

export type { CrdProblem } from './crd-json.ts';

/** The JSON Schema of one served version of a custom resource, made from a CRD in the input. */
export interface CrdSchema {
  /** For example `stable.example.com`. */
  group: string;
  /** For example `CronTab`. */
  kind: string;
  /** For example `v1`. */
  version: string;
  /** `group + '/' + version`. */
  apiVersion: string;
  /** draft-04 compatible JSON Schema for the whole custom resource object. */
  schema: Record<string, unknown>;
}

/** The schemas a CRD yields and what in it could not be used as written. */
export interface CrdConversion {
  schemas: CrdSchema[];
  problems: CrdProblem[];
}

/** Options of `crdToJsonSchemas`. */
export interface CrdToJsonSchemasOptions {
  /**
   * `-strict`: unknown fields fail (`additionalProperties: false` on every object schema with
   * `properties`), except under `x-kubernetes-preserve-unknown-fields` and in CRDs that do not prune.
   */
  strict: boolean;
}

/**
 * Turns a parsed CustomResourceDefinition (`apiextensions.k8s.io/v1`, or `v1beta1` with
 * `spec.validation` / `spec.version(s)`) into one draft-04 JSON Schema per served version, so the
 * custom resources in the same input can be validated (kubeconform cannot: its issues #51, #100,
 * #171, #224). The OpenAPI v3 schema is read as the API server reads a structural schema; see
 * `convertSchemaNode`. A version without a schema accepts any object of its apiVersion and kind.
 *
 * Never throws and never changes `crd`: what cannot be used is reported in `problems`, each with a
 * JSON pointer into the CRD.
 */
export function crdToJsonSchemas(crd: unknown, options: CrdToJsonSchemasOptions): CrdConversion {
  const problems: CrdProblem[] = [];
  try {
    const spec = readCrdSpec(crd, problems);
    if (spec === undefined) return { schemas: [], problems };
    const schemas: CrdSchema[] = [];
    for (const version of spec.versions) {
      const apiVersion = `${spec.group}/${version.name}`;
      const schema = rootSchema(
        version.schema,
        version.schemaPath,
        {
          apiVersion,
          kind: spec.kind,
          strict: options.strict === true,
          prune: spec.prune,
          statusSubresource: version.statusSubresource,
        },
        problems,
      );
      schemas.push({ group: spec.group, kind: spec.kind, version: version.name, apiVersion, schema });
    }
    return { schemas, problems };
  } catch (error) {
    // Only an exotic input (a getter that throws, a Proxy) gets here: report it rather than throw.
    const reason = error instanceof Error ? error.message : 'unexpected value';
    return {
      schemas: [],
      problems: [...problems, { message: `could not read the CRD: ${reason}`, path: '' }],
    };
  }
}
