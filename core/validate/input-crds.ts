import type { Finding } from '../findings.ts';
import type { JsonValue } from '../manifests/json-value.ts';
import { splitDocuments } from '../manifests/split-documents.ts';
import type { SchemaCompiler } from './compile-schema.ts';
import { crdToJsonSchemas } from './crd-to-json-schema.ts';
import type { SchemaRegistry } from './schema-registry.ts';
import { SourceDocument } from './source-document.ts';

/** A custom resource schema made from a CustomResourceDefinition in the input (plain data: it crosses threads). */
export interface InputCrdSchema {
  kind: string;
  apiVersion: string;
  /** Shown in messages: `path:line (CustomResourceDefinition Kind.group)`. */
  source: string;
  /** Compile id, unique per group, version and kind. */
  id: string;
  schema: Record<string, unknown>;
  path: string;
  line: number;
}

const CRD_HINT = /CustomResourceDefinition/;

function isCrd(value: JsonValue): value is Record<string, JsonValue> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    value['kind'] === 'CustomResourceDefinition' &&
    typeof value['apiVersion'] === 'string' &&
    value['apiVersion'].startsWith('apiextensions.k8s.io/')
  );
}

/** Finds the CRDs in the input texts and converts each served version's schema. */
export function collectInputCrds(
  texts: readonly { path: string; text: string }[],
  strict: boolean,
): { schemas: InputCrdSchema[]; findings: Finding[] } {
  const schemas: InputCrdSchema[] = [];
  const findings: Finding[] = [];
  for (const { path, text } of texts) {
    if (!CRD_HINT.test(text)) continue;
    for (const span of splitDocuments(text)) {
      const doc = new SourceDocument(path, text, span, false);
      const parsed = doc.parse();
      if (!('value' in parsed) || !isCrd(parsed.value)) continue;
      const conversion = crdToJsonSchemas(parsed.value, { strict });
      for (const problem of conversion.problems) {
        const [line, column] = doc.locate(problem.path);
        findings.push({
          ruleId: 'crd-schema',
          severity: 'warning',
          message: problem.message,
          path,
          line,
          column,
        });
      }
      for (const crd of conversion.schemas) {
        schemas.push({
          kind: crd.kind,
          apiVersion: crd.apiVersion,
          source: `${path}:${span.bodyLine} (CustomResourceDefinition ${crd.kind}.${crd.group})`,
          id: `kubeproof-crd:///${crd.group}/${crd.version}/${crd.kind}`,
          schema: crd.schema,
          path,
          line: span.bodyLine,
        });
      }
    }
  }
  return { schemas, findings };
}

/** Compiles the input CRD schemas and registers them; a schema that does not compile is a warning. */
export async function registerInputCrds(
  schemas: readonly InputCrdSchema[],
  deps: { compile: SchemaCompiler; registry: SchemaRegistry },
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const crd of schemas) {
    const compiled = await deps.compile(structuredClone(crd.schema), crd.id);
    if (compiled.ok) deps.registry.register(crd.kind, crd.apiVersion, crd.source, compiled.validate);
    else
      findings.push({
        ruleId: 'crd-schema',
        severity: 'warning',
        message: compiled.message,
        path: crd.path,
        line: crd.line,
      });
  }
  return findings;
}
