import type { Finding } from '../../../../core/findings.ts';
import type { ValidateReportInput } from '../../../../core/report/validate/index.ts';
import type { ValidationResult } from '../../../../core/validate/result.ts';

/** Hand-built results in kubeconform's acceptance-test shapes (`fixtures/valid.yaml`, bob the RC). */
export const SCHEMA_MESSAGE =
  "problem validating schema. Check JSON formatting: jsonschema validation failed with 'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/master-standalone/replicationcontroller-v1.json#' - at '/spec/replicas': got string, want null or integer";

const BOB = { apiVersion: 'v1', kind: 'ReplicationController', name: 'bob' } as const;

export function result(
  overrides: Partial<ValidationResult> & Pick<ValidationResult, 'status'>,
): ValidationResult {
  return { filename: 'fixtures/valid.yaml', line: 1, findings: [], ...overrides };
}

export const valid = result({ status: 'valid', ...BOB });

export const invalid = result({
  filename: 'fixtures/invalid.yaml',
  status: 'invalid',
  ...BOB,
  message: SCHEMA_MESSAGE,
  violations: [{ path: '/spec/replicas', message: 'got string, want null or integer', line: 7, column: 13 }],
  findings: [
    {
      ruleId: 'schema',
      severity: 'error',
      message: '/spec/replicas: got string, want null or integer',
      path: 'fixtures/invalid.yaml',
      line: 7,
      column: 13,
      resource: { ...BOB },
    },
  ],
});

export const rejected = result({
  status: 'error',
  ...BOB,
  message: 'prohibited resource kind ReplicationController',
  findings: [
    {
      ruleId: 'rejected-kind',
      severity: 'error',
      message: 'prohibited resource kind ReplicationController',
      path: 'fixtures/valid.yaml',
      line: 2,
      column: 7,
      resource: { ...BOB },
    },
  ],
});

export const missingKind = result({
  filename: 'fixtures/missing_kind.yaml',
  status: 'error',
  message: "error while parsing: missing 'kind' key",
  findings: [
    {
      ruleId: 'missing-type-meta',
      severity: 'error',
      message: "error while parsing: missing 'kind' key",
      path: 'fixtures/missing_kind.yaml',
      line: 1,
    },
  ],
});

export const skipped = result({ status: 'skipped', ...BOB });

export const empty = result({ filename: 'fixtures/empty.yaml', status: 'empty' });

export const deprecation: Finding = {
  ruleId: 'deprecated-api',
  severity: 'warning',
  message:
    'batch/v1beta1 CronJob is deprecated since Kubernetes v1.21 and will be removed in v1.25; migrate to batch/v1',
  path: 'cron.yaml',
  line: 1,
  column: 13,
  resource: { apiVersion: 'batch/v1beta1', kind: 'CronJob', name: 'nightly', namespace: 'jobs' },
};

/** A valid resource that still has something to say: kubeproof's deprecation warning. */
export const deprecated = result({
  filename: 'cron.yaml',
  status: 'valid',
  apiVersion: 'batch/v1beta1',
  kind: 'CronJob',
  name: 'nightly',
  namespace: 'jobs',
  findings: [deprecation],
});

/** Items of one `kind: List` document: several results from one file. */
export const listItems: ValidationResult[] = [
  result({
    filename: 'list.yaml',
    line: 4,
    status: 'valid',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'a',
    namespace: 'ns',
  }),
  result({
    filename: 'list.yaml',
    line: 9,
    status: 'valid',
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: 'b',
    namespace: 'ns',
  }),
  result({
    filename: 'list.yaml',
    line: 14,
    status: 'invalid',
    apiVersion: 'v1',
    kind: 'Service',
    name: 'c',
    message:
      "problem validating schema. Check JSON formatting: jsonschema validation failed with 'file:///schemas/service-v1.json#' - at '/spec/ports/0/port': got string, want integer",
    violations: [{ path: '/spec/ports/0/port', message: 'got string, want integer', line: 20, column: 15 }],
    findings: [
      {
        ruleId: 'schema',
        severity: 'error',
        message: '/spec/ports/0/port: got string, want integer',
        path: 'list.yaml',
        line: 20,
        column: 15,
      },
    ],
  }),
];

export function reportInput(
  results: readonly ValidationResult[],
  overrides: Partial<ValidateReportInput> = {},
): ValidateReportInput {
  return {
    results,
    files: new Set(results.map((r) => r.filename)).size,
    stdin: false,
    summary: false,
    verbose: false,
    notices: [],
    elapsedSeconds: 0.0123,
    version: '0.1.0',
    ...overrides,
  };
}
