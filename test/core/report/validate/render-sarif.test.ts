import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../../../core/report/validate/fnv1a.ts';
import { renderSarif } from '../../../../core/report/validate/render-sarif.ts';
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

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region?: Record<string, number>;
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties?: { resource: Record<string, string> };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        informationUri: string;
        version: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
        }[];
      };
    };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: string; message: { text: string } }[];
    }[];
    results: SarifResult[];
  }[];
}

function sarif(results: readonly ValidationResult[], notices: string[] = []): SarifLog {
  return JSON.parse(renderSarif(reportInput(results, { notices, version: '1.2.3' }))) as SarifLog;
}

function run(log: SarifLog): SarifLog['runs'][number] {
  const [first] = log.runs;
  if (!first) throw new Error('no run');
  return first;
}

const duplicateWarning = {
  ruleId: 'duplicate-resource' as const,
  severity: 'warning' as const,
  message: 'duplicate resource: ConfigMap ns/b is already defined at list.yaml:9',
  path: 'list.yaml',
  line: 9,
};

describe('renderSarif', () => {
  it('writes the required SARIF 2.1.0 structure with one run', () => {
    // Act
    const log = sarif([valid], ['schemas: offline, from kubernetes-models']);

    // Assert
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run(log).tool.driver).toMatchObject({ name: 'kubeproof', version: '1.2.3', rules: [] });
    expect(run(log).tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run(log).invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'note', message: { text: 'schemas: offline, from kubernetes-models' } },
        ],
        properties: { elapsedSeconds: 0.0123 },
      },
    ]);
    expect(run(log).results).toEqual([]);
  });

  it('reports every finding with its level, rule index and location', () => {
    // Arrange
    const notice = {
      ruleId: 'missing-schema' as const,
      severity: 'notice' as const,
      message: 'could not find schema for Foo: skipped',
      path: 'foo.yaml',
      line: 2,
      column: 7,
    };
    const results = [invalid, deprecated, { ...skipped, findings: [notice] }, missingKind];

    // Act
    const out = run(sarif(results)).results;

    // Assert
    expect(out.map((r) => [r.ruleId, r.ruleIndex, r.level, r.message.text])).toEqual([
      ['schema', 0, 'error', '/spec/replicas: got string, want null or integer'],
      ['deprecated-api', 1, 'warning', deprecated.findings[0]?.message],
      ['missing-schema', 2, 'note', 'could not find schema for Foo: skipped'],
      ['missing-type-meta', 3, 'error', "error while parsing: missing 'kind' key"],
    ]);
    expect(out.map((r) => r.locations[0]?.physicalLocation)).toEqual([
      {
        artifactLocation: { uri: 'fixtures/invalid.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 7, startColumn: 13 },
      },
      {
        artifactLocation: { uri: 'cron.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1, startColumn: 13 },
      },
      {
        artifactLocation: { uri: 'foo.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 2, startColumn: 7 },
      },
      {
        artifactLocation: { uri: 'fixtures/missing_kind.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1 },
      },
    ]);
  });

  it('declares each rule once, in order of first use, with its default level', () => {
    // Arrange
    const withDuplicate = { ...listItems[1]!, findings: [duplicateWarning] };
    const results = [
      listItems[0]!,
      withDuplicate,
      listItems[2]!,
      invalid,
      rejected,
      result({
        status: 'valid',
        findings: [{ ...duplicateWarning, ruleId: 'missing-schema', severity: 'notice' }],
      }),
    ];

    // Act
    const log = run(sarif(results));

    // Assert
    expect(log.tool.driver.rules.map((r) => [r.id, r.name, r.defaultConfiguration.level])).toEqual([
      ['duplicate-resource', 'DuplicateResource', 'warning'],
      ['schema', 'Schema', 'error'],
      ['rejected-kind', 'RejectedKind', 'error'],
      ['missing-schema', 'MissingSchema', 'error'],
    ]);
    expect(log.tool.driver.rules.every((r) => r.shortDescription.text.length > 0)).toBe(true);
    expect(log.results.map((r) => log.tool.driver.rules[r.ruleIndex]?.id)).toEqual(
      log.results.map((r) => r.ruleId),
    );
  });

  it('still reports a failing result that has no findings', () => {
    // Arrange
    const bare = [
      result({
        status: 'invalid',
        kind: 'Pod',
        name: 'p',
        apiVersion: 'v1',
        message: 'problem validating schema',
        line: 5,
      }),
      result({ status: 'error', message: 'boom', line: 3 }),
    ];

    // Act
    const out = run(sarif(bare)).results;

    // Assert
    expect(
      out.map((r) => [
        r.ruleId,
        r.level,
        r.message.text,
        r.locations[0]?.physicalLocation.region?.['startLine'],
      ]),
    ).toEqual([
      ['schema', 'error', 'problem validating schema', 5],
      ['validation-error', 'error', 'boom', 3],
    ]);
    expect(out[0]?.properties).toEqual({ resource: { apiVersion: 'v1', kind: 'Pod', name: 'p' } });
  });

  it('reports nothing for valid, skipped and empty results without findings', () => {
    // Act
    const out = run(sarif([valid, skipped, empty])).results;

    // Assert
    expect(out).toEqual([]);
  });

  it.each<[string, string, { uri: string; uriBaseId?: string }]>([
    ['a relative path', 'apps/web/deploy.yaml', { uri: 'apps/web/deploy.yaml', uriBaseId: '%SRCROOT%' }],
    ['a ./ prefix', './apps/deploy.yaml', { uri: 'apps/deploy.yaml', uriBaseId: '%SRCROOT%' }],
    ['backslashes', 'apps\\web\\deploy.yaml', { uri: 'apps/web/deploy.yaml', uriBaseId: '%SRCROOT%' }],
    ['spaces and #', 'my apps/a#1.yaml', { uri: 'my%20apps/a%231.yaml', uriBaseId: '%SRCROOT%' }],
    ['an absolute path', '/srv/repo/deploy.yaml', { uri: 'file:///srv/repo/deploy.yaml' }],
    ['a Windows path', 'C:\\repo\\deploy.yaml', { uri: 'file:///C:/repo/deploy.yaml' }],
  ])('writes %s as a URI', (_name, path, expected) => {
    // Arrange
    const given = result({
      status: 'error',
      filename: path,
      message: 'x',
      findings: [{ ruleId: 'unreadable-file', severity: 'error', message: 'x', path }],
    });

    // Act
    const [out] = run(sarif([given])).results;

    // Assert
    expect(out?.locations[0]?.physicalLocation.artifactLocation).toEqual(expected);
  });

  it('omits the region when the line is unknown, and the column when it is unknown', () => {
    // Arrange
    const findings = [
      { ruleId: 'deprecated-api' as const, severity: 'warning' as const, message: 'no line', path: 'f.yaml' },
      {
        ruleId: 'deprecated-api' as const,
        severity: 'warning' as const,
        message: 'line 0',
        path: 'f.yaml',
        line: 0,
        column: 3,
      },
      {
        ruleId: 'deprecated-api' as const,
        severity: 'warning' as const,
        message: 'no column',
        path: 'f.yaml',
        line: 4,
      },
    ];

    // Act
    const out = run(sarif([result({ status: 'valid', findings })])).results;

    // Assert
    expect(out.map((r) => r.locations[0]?.physicalLocation.region)).toEqual([
      undefined,
      undefined,
      { startLine: 4 },
    ]);
  });

  it('gives fingerprints that survive line moves and tell identical findings apart', () => {
    // Arrange
    const moved = { ...invalid, findings: invalid.findings.map((f) => ({ ...f, line: 40 })) };
    const twice = { ...invalid, findings: [...invalid.findings, ...invalid.findings] };

    // Act
    const before = run(sarif([invalid])).results[0]?.partialFingerprints;
    const after = run(sarif([moved])).results[0]?.partialFingerprints;
    const pair = run(sarif([twice])).results.map((r) => Object.values(r.partialFingerprints)[0]);
    const other = run(sarif([rejected])).results[0]?.partialFingerprints;

    // Assert
    expect(after).toEqual(before);
    expect(Object.values(before ?? {})[0]).toMatch(/^[0-9a-f]{16}:1$/);
    expect(pair[1]).toBe(pair[0]?.replace(/:1$/, ':2'));
    expect(other).not.toEqual(before);
  });

  it('keeps special characters intact in messages (JSON escaping only)', () => {
    // Arrange
    const message = 'want <a> & "b"\nnext';
    const given = result({
      status: 'error',
      message,
      findings: [{ ruleId: 'validation-error', severity: 'error', message, path: 'f.yaml', line: 1 }],
    });

    // Act
    const [out] = run(sarif([given])).results;

    // Assert
    expect(out?.message.text).toBe(message);
  });
});

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j', (text, expected) => {
    // Act
    const out = fnv1a64(text);

    // Assert
    expect(out).toBe(expected);
  });
});
