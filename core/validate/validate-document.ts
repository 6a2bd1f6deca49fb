import type { Finding, ResourceRef } from '../findings.ts';
import type { Severity } from '../rules/rule-entry.ts';
import { type JsonValue, isJsonObject } from '../manifests/json-value.ts';
import type { RuleId } from '../rules/rule-catalog.ts';
import type { SourceDocument } from './source-document.ts';
import { describeApiStatus, type ApiStatus } from './deprecated-apis.ts';
import { describeSchemaErrors, type DescribedViolation } from './describe-schema-errors.ts';
import type { ValidationResult } from './result.ts';
import type { SchemaLookup } from './schema-registry.ts';

/** What validating a document needs from the run. */
export interface DocumentContext {
  kubernetesVersion: string;
  strict: boolean;
  skip: ReadonlySet<string>;
  reject: ReadonlySet<string>;
  ignoreMissingSchemas: boolean;
  /** The lifecycle state of an apiVersion and kind for the target version (memoized by the caller). */
  lifecycle(apiVersion: string, kind: string): ApiStatus | undefined;
  lookup(kind: string, apiVersion: string): SchemaLookup | Promise<SchemaLookup>;
}

interface Signature {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
}

function signatureOf(value: Record<string, JsonValue>): Signature | string {
  const kind = value['kind'];
  const apiVersion = value['apiVersion'];
  if (typeof kind !== 'string' || kind === '') return "error while parsing: missing 'kind' key";
  if (typeof apiVersion !== 'string' || apiVersion === '')
    return "error while parsing: missing 'apiVersion' key";
  const metadata = value['metadata'];
  let name = '';
  let namespace: string | undefined;
  if (isJsonObject(metadata)) {
    if (typeof metadata['name'] === 'string') name = metadata['name'];
    if (typeof metadata['namespace'] === 'string') namespace = metadata['namespace'];
    // kubeconform shows generated names as `prefix-{{ generateName }}`.
    if (typeof metadata['generateName'] === 'string' && metadata['generateName'] !== '') {
      name = `${metadata['generateName']}{{ generateName }}`;
    }
  }
  return namespace === undefined ? { kind, apiVersion, name } : { kind, apiVersion, name, namespace };
}

function resourceRef(signature: Signature): ResourceRef {
  const resource: ResourceRef = {
    apiVersion: signature.apiVersion,
    kind: signature.kind,
    name: signature.name,
  };
  if (signature.namespace !== undefined) resource.namespace = signature.namespace;
  return resource;
}

function describeType(value: JsonValue): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

class ResultBuilder {
  constructor(
    private readonly doc: SourceDocument,
    private readonly base: string,
  ) {}

  result(
    status: ValidationResult['status'],
    signature: Signature | undefined,
    extra: Partial<ValidationResult> = {},
  ): ValidationResult {
    // Valid documents never need positions: only List items (base != '') look theirs up.
    const line = this.base === '' ? this.doc.span.bodyLine : this.doc.locate(this.base)[0];
    const result: ValidationResult = { filename: this.doc.path, status, line, findings: [] };
    if (signature) {
      result.kind = signature.kind;
      result.name = signature.name;
      result.apiVersion = signature.apiVersion;
      if (signature.namespace !== undefined) result.namespace = signature.namespace;
    }
    return Object.assign(result, extra);
  }

  /** An invalid result: every violation with its position, sorted by position, kubeconform's message. */
  invalid(
    described: DescribedViolation[],
    source: string,
    signature: Signature,
    findings: Finding[],
  ): ValidationResult {
    const violations = described.map((v) => {
      const [line, column] = this.doc.locate(this.base + v.focus);
      return { path: v.path, message: v.message, line, column };
    });
    violations.sort((a, b) => a.line - b.line || a.column - b.column);
    const detail = violations.map((v) => ` - at '${v.path}': ${v.message}`).join('');
    const message = `problem validating schema. Check JSON formatting: jsonschema validation failed with '${source}#'${detail}`;
    for (const v of violations) {
      findings.push({
        ruleId: 'schema',
        severity: 'error',
        message: `${v.path === '' ? '' : `${v.path}: `}${v.message}`,
        path: this.doc.path,
        line: v.line,
        column: v.column,
        resource: resourceRef(signature),
      });
    }
    return this.result('invalid', signature, { message, violations, findings });
  }

  finding(
    ruleId: RuleId,
    severity: Severity,
    message: string,
    pointer: string,
    signature?: Signature,
  ): Finding {
    const [line, column] = this.doc.locate(this.base + pointer);
    const finding: Finding = { ruleId, severity, message, path: this.doc.path, line, column };
    if (signature) finding.resource = resourceRef(signature);
    return finding;
  }
}

/**
 * Validates one resource (a document, or one item of a `kind: List`) in kubeconform's order:
 * identity, skip, reject, then schema; plus kubeproof's deprecated and removed apiVersion checks.
 * `base` is the JSON pointer of the resource inside its document ('' or `/items/N`).
 * Synchronous when the schema is already known (the hot path), a promise when it must be loaded.
 */
export function validateResource(
  value: JsonValue,
  doc: SourceDocument,
  base: string,
  context: DocumentContext,
): ValidationResult | Promise<ValidationResult> {
  const build = new ResultBuilder(doc, base);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const message = `error unmarshalling resource: the document is ${describeType(value)}, not a Kubernetes object (a mapping with apiVersion and kind)`;
    return build.result('error', undefined, {
      message,
      findings: [build.finding('not-a-resource', 'error', message, '')],
    });
  }
  const signature = signatureOf(value);
  if (typeof signature === 'string') {
    const pointer = signature.includes("'kind'") ? '/kind' : '/apiVersion';
    return build.result('error', undefined, {
      message: signature,
      findings: [build.finding('missing-type-meta', 'error', signature, pointer)],
    });
  }
  const { kind, apiVersion } = signature;
  const gvk = `${apiVersion}/${kind}`;
  if (context.skip.has(gvk) || context.skip.has(kind)) return build.result('skipped', signature);
  if (context.reject.has(gvk) || context.reject.has(kind)) {
    const message = `prohibited resource kind ${kind}`;
    return build.result('error', signature, {
      message,
      findings: [build.finding('rejected-kind', 'error', message, '/kind', signature)],
    });
  }

  const findings: Finding[] = [];
  const lifecycle = context.lifecycle(apiVersion, kind);
  if (lifecycle?.state === 'removed') {
    const message = describeApiStatus(lifecycle, context.kubernetesVersion);
    return build.result('error', signature, {
      message,
      findings: [build.finding('removed-api', 'error', message, '/apiVersion', signature)],
    });
  }
  if (lifecycle?.state === 'deprecated') {
    findings.push(
      build.finding(
        'deprecated-api',
        'warning',
        describeApiStatus(lifecycle, context.kubernetesVersion),
        '/apiVersion',
        signature,
      ),
    );
  }

  const found = context.lookup(kind, apiVersion);
  if (found instanceof Promise)
    return found.then((schema) => checkSchema(value, schema, signature, findings, build, context));
  return checkSchema(value, found, signature, findings, build, context);
}

function checkSchema(
  value: Record<string, JsonValue>,
  schema: SchemaLookup,
  signature: Signature,
  findings: Finding[],
  build: ResultBuilder,
  context: DocumentContext,
): ValidationResult {
  const { kind } = signature;
  if (schema.status === 'error') {
    findings.push(build.finding('schema-unavailable', 'error', schema.message, '', signature));
    return build.result('error', signature, { message: schema.message, findings });
  }
  if (schema.status === 'missing') {
    const message = `could not find schema for ${kind}${schema.detail ? ` (${schema.detail})` : ''}`;
    if (context.ignoreMissingSchemas) {
      findings.push(
        build.finding(
          'missing-schema',
          'notice',
          `${message}: skipped (-ignore-missing-schemas)`,
          '/kind',
          signature,
        ),
      );
      return build.result('skipped', signature, { findings });
    }
    // Unreachable locations are not a kind nobody published a schema for: nothing was checked.
    const ruleId = schema.unreachable === true ? 'not-validated' : 'missing-schema';
    findings.push(build.finding(ruleId, 'error', message, '/kind', signature));
    return build.result('error', signature, { message, findings });
  }
  const errors = schema.validate(value);
  if (errors === null) {
    if (schema.shortfall !== undefined) {
      findings.push(build.finding('not-validated', 'error', schema.shortfall, '/kind', signature));
      return build.result('error', signature, { message: schema.shortfall, findings, schema: schema.use });
    }
    return build.result('valid', signature, { findings, schema: schema.use });
  }
  const result = build.invalid(describeSchemaErrors(errors, value), schema.source, signature, findings);
  result.schema = schema.use;
  return result;
}
