import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../../core/findings.ts';
import { renderGithub } from '../../../../core/report/validate/render-github.ts';
import {
  deprecated,
  empty,
  invalid,
  missingKind,
  rejected,
  reportInput,
  result,
  skipped,
  valid,
} from './fixtures.ts';

function withFinding(finding: Finding): ReturnType<typeof result> {
  return result({ status: 'valid', filename: finding.path, findings: [finding] });
}

describe('renderGithub', () => {
  it('prints one workflow command per finding, by severity', () => {
    // Arrange
    const notice: Finding = {
      ruleId: 'missing-schema',
      severity: 'notice',
      message: 'could not find schema for Foo',
      path: 'foo.yaml',
      line: 2,
    };
    const input = reportInput(
      [valid, invalid, deprecated, { ...skipped, findings: [notice] }, missingKind, empty],
      { notices: ['schemas: offline'] },
    );

    // Act
    const out = renderGithub(input);

    // Assert
    expect(out.split('\n')).toEqual([
      '::error file=fixtures/invalid.yaml,line=7,col=13,title=kubeproof schema::/spec/replicas: got string, want null or integer',
      `::warning file=cron.yaml,line=1,col=13,title=kubeproof deprecated-api::${deprecated.findings[0]?.message}`,
      '::notice file=foo.yaml,line=2,title=kubeproof missing-schema::could not find schema for Foo',
      "::error file=fixtures/missing_kind.yaml,line=1,title=kubeproof missing-type-meta::error while parsing: missing 'kind' key",
      '',
    ]);
  });

  it.each<[string, Partial<Finding>, string]>([
    ['no position', {}, '::error file=a.yaml,title=kubeproof schema::m\n'],
    ['line 0 as unknown', { line: 0, column: 2 }, '::error file=a.yaml,title=kubeproof schema::m\n'],
    ['a column without a line', { column: 2 }, '::error file=a.yaml,title=kubeproof schema::m\n'],
    ['a line only', { line: 3 }, '::error file=a.yaml,line=3,title=kubeproof schema::m\n'],
  ])('writes %s', (_name, change, expected) => {
    // Arrange
    const input = reportInput([
      withFinding({ ruleId: 'schema', severity: 'error', message: 'm', path: 'a.yaml', ...change }),
    ]);

    // Act
    const out = renderGithub(input);

    // Assert
    expect(out).toBe(expected);
  });

  it('escapes the message and the properties as workflow commands require', () => {
    // Arrange
    const finding: Finding = {
      ruleId: 'deprecated-api',
      severity: 'warning',
      message: '100% sure\r\nline two: a, b',
      path: 'dir,x/a:b%.yaml',
      line: 1,
    };

    // Act
    const out = renderGithub(reportInput([withFinding(finding)]));

    // Assert
    expect(out).toBe(
      '::warning file=dir%2Cx/a%3Ab%25.yaml,line=1,title=kubeproof deprecated-api::100%25 sure%0D%0Aline two: a, b\n',
    );
  });

  it('annotates a failing result that has no findings', () => {
    // Arrange
    const bare = result({
      status: 'error',
      filename: 'x.yaml',
      line: 4,
      message: 'prohibited resource kind Secret',
    });

    // Act
    const out = renderGithub(reportInput([bare]));

    // Assert
    expect(out).toBe(
      '::error file=x.yaml,line=4,title=kubeproof validation-error::prohibited resource kind Secret\n',
    );
  });

  it.each([
    [false, false, ''],
    [true, false, 'Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 1, Skipped: 0\n'],
    [true, true, 'Summary: 2 resources found parsing stdin - Valid: 1, Invalid: 0, Errors: 1, Skipped: 0\n'],
  ])('ends with the summary line only with -summary (summary=%s, stdin=%s)', (summary, stdin, expected) => {
    // Arrange
    const input = reportInput([valid, rejected], { summary, stdin });

    // Act
    const out = renderGithub(input);

    // Assert
    expect(out).toBe(
      `::error file=fixtures/valid.yaml,line=2,col=7,title=kubeproof rejected-kind::prohibited resource kind ReplicationController\n${expected}`,
    );
  });
});
