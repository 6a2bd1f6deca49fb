import { describe, expect, it } from 'vitest';
import { goJson } from '../../../../core/report/validate/go-json.ts';
import { renderJson } from '../../../../core/report/validate/render-json.ts';
import type { ValidationResult } from '../../../../core/validate/result.ts';
import {
  deprecated,
  empty,
  invalid,
  listItems,
  missingKind,
  rejected,
  reportInput,
  result,
  skipped,
  valid,
} from './fixtures.ts';

interface JsonReport {
  resources: Record<string, unknown>[];
  summary?: Record<string, number>;
  notices?: string[];
}

function parse(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

describe('renderJson', () => {
  it('prints an empty run exactly as kubeconform does', () => {
    // Arrange
    const input = reportInput([]);

    // Act
    const out = renderJson(input);

    // Assert
    expect(out).toBe('{\n  "resources": []\n}\n');
  });

  it("matches kubeconform's json_test layout, with kubeproof's fields appended", () => {
    // Arrange
    const given = result({
      filename: 'deployment.yml',
      status: 'invalid',
      line: 3,
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'my-app',
      message: 'bar',
      violations: [{ path: 'foo', message: 'bar', line: 9, column: 5 }],
    });
    const input = reportInput([given], { verbose: true, summary: true });

    // Act
    const out = renderJson(input);

    // Assert
    expect(out).toBe(`{
  "resources": [
    {
      "filename": "deployment.yml",
      "kind": "Deployment",
      "name": "my-app",
      "version": "apps/v1",
      "status": "statusInvalid",
      "msg": "bar",
      "validationErrors": [
        {
          "path": "foo",
          "msg": "bar",
          "line": 9,
          "column": 5
        }
      ],
      "line": 3
    }
  ],
  "summary": {
    "valid": 0,
    "invalid": 1,
    "errors": 0,
    "skipped": 0
  }
}
`);
  });

  it.each<[string, boolean, string[]]>([
    ['without -verbose: failures only', false, ['statusInvalid', 'statusError', 'statusError']],
    [
      'with -verbose: everything, empty documents included',
      true,
      ['statusValid', 'statusInvalid', 'statusError', 'statusError', 'statusSkipped', ''],
    ],
  ])('lists results %s', (_name, verbose, statuses) => {
    // Arrange
    const input = reportInput([valid, invalid, rejected, missingKind, skipped, empty], { verbose });

    // Act
    const report = parse(renderJson(input));

    // Assert
    expect(report.resources.map((r) => r['status'])).toEqual(statuses);
  });

  it('keeps kubeconform field order and omits validationErrors when there are none', () => {
    // Arrange
    const input = reportInput([rejected, empty], { verbose: true });

    // Act
    const report = parse(renderJson(input));

    // Assert
    expect(report.resources.map((r) => Object.keys(r))).toEqual([
      ['filename', 'kind', 'name', 'version', 'status', 'msg', 'line'],
      ['filename', 'kind', 'name', 'version', 'status', 'msg', 'line'],
    ]);
    expect(report.resources[1]).toEqual({
      filename: 'fixtures/empty.yaml',
      kind: '',
      name: '',
      version: '',
      status: '',
      msg: '',
      line: 1,
    });
  });

  it.each<[string, ValidationResult, string]>([
    ['valid', valid, ''],
    ['skipped', { ...skipped, message: 'ignored' }, ''],
    ['error', rejected, 'prohibited resource kind ReplicationController'],
  ])('sets msg for %s results only when failing', (_name, given, msg) => {
    // Arrange
    const input = reportInput([given], { verbose: true });

    // Act
    const report = parse(renderJson(input));

    // Assert
    expect(report.resources[0]?.['msg']).toBe(msg);
  });

  it.each([false, true])('adds the summary key only with -summary (summary=%s)', (summary) => {
    // Arrange
    const input = reportInput([valid, invalid, rejected, skipped, empty], { summary });

    // Act
    const report = parse(renderJson(input));

    // Assert
    expect(report.summary).toEqual(summary ? { valid: 1, invalid: 1, errors: 1, skipped: 1 } : undefined);
  });

  it('adds warnings to listed resources and notices last, when there are some', () => {
    // Arrange
    const input = reportInput([deprecated], {
      verbose: true,
      summary: true,
      notices: ['schemas: offline, from kubernetes-models'],
    });

    // Act
    const out = renderJson(input);
    const report = parse(out);

    // Assert
    expect(Object.keys(report)).toEqual(['resources', 'summary', 'notices']);
    expect(report.notices).toEqual(['schemas: offline, from kubernetes-models']);
    expect(report.resources[0]?.['warnings']).toEqual([
      {
        ruleId: 'deprecated-api',
        msg: 'batch/v1beta1 CronJob is deprecated since Kubernetes v1.21 and will be removed in v1.25; migrate to batch/v1',
        line: 1,
        column: 13,
      },
    ]);
  });

  it('lists a valid resource that has warnings even without -verbose, and leaves notices out when there are none', () => {
    // Arrange
    const input = reportInput([deprecated, ...listItems]);

    // Act
    const report = parse(renderJson(input));

    // Assert
    expect(Object.keys(report)).toEqual(['resources']);
    expect(report.resources).toHaveLength(2);
    expect(report.resources[0]?.['status']).toBe('statusValid');
    expect(report.resources[0]?.['warnings']).toHaveLength(1);
    expect(report.resources[1]).not.toHaveProperty('warnings');
    expect(report.resources[1]?.['line']).toBe(14);
  });

  it("escapes <, > and & the way Go's encoding/json does", () => {
    // Arrange
    const input = reportInput([
      result({ status: 'error', message: 'want <a> & "b"', kind: 'A&B', name: 'x' }),
    ]);

    // Act
    const out = renderJson(input);

    // Assert
    expect(out).toContain('"kind": "A\\u0026B"');
    expect(out).toContain('"msg": "want \\u003ca\\u003e \\u0026 \\"b\\""');
    expect(out).not.toMatch(/[<>&]/);
    expect(parse(out).resources[0]?.['msg']).toBe('want <a> & "b"');
  });
});

describe('goJson', () => {
  it.each<[string, unknown, string]>([
    ['HTML characters', '<&>', '"\\u003c\\u0026\\u003e"'],
    ['line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ['control characters as JSON.stringify and Go agree', '\n\t\b\f\u0001', '"\\n\\t\\b\\f\\u0001"'],
    ['a lone surrogate as U+FFFD', 'a\uD800b', '"a\uFFFDb"'],
    ['a surrogate pair kept', '😀', '"😀"'],
    ['an empty object', {}, '{}'],
  ])('encodes %s', (_name, value, expected) => {
    // Act
    const out = goJson(value);

    // Assert
    expect(out).toBe(expected);
  });
});
