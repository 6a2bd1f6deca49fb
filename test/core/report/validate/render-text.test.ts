import { describe, expect, it } from 'vitest';
import { renderPretty } from '../../../../core/report/validate/render-pretty.ts';
import { renderText } from '../../../../core/report/validate/render-text.ts';
import type { Finding } from '../../../../core/findings.ts';
import type { ValidationResult } from '../../../../core/validate/result.ts';
import {
  SCHEMA_MESSAGE,
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

describe('renderText', () => {
  it.each<[string, ValidationResult, boolean, string]>([
    ['valid, verbose', valid, true, 'fixtures/valid.yaml - ReplicationController bob is valid\n'],
    ['valid, quiet', valid, false, ''],
    [
      'invalid',
      invalid,
      false,
      `fixtures/invalid.yaml - ReplicationController bob is invalid: ${SCHEMA_MESSAGE}\n`,
    ],
    [
      'error with kind and name',
      rejected,
      false,
      'fixtures/valid.yaml - ReplicationController bob failed validation: prohibited resource kind ReplicationController\n',
    ],
    [
      'error without kind',
      missingKind,
      false,
      "fixtures/missing_kind.yaml - failed validation: error while parsing: missing 'kind' key\n",
    ],
    [
      'error with a kind but no name',
      result({ status: 'error', kind: 'Pod', message: 'boom' }),
      false,
      'fixtures/valid.yaml - failed validation: boom\n',
    ],
    [
      'skipped, verbose (name before kind)',
      skipped,
      true,
      'fixtures/valid.yaml - bob ReplicationController skipped\n',
    ],
    ['skipped, quiet', skipped, false, ''],
    ['empty, verbose', empty, true, ''],
    [
      'invalid without a name (two spaces)',
      result({ status: 'invalid', kind: 'Pod', name: '', message: 'x' }),
      false,
      'fixtures/valid.yaml - Pod  is invalid: x\n',
    ],
    [
      'multi-line error printed as is',
      result({
        status: 'error',
        message:
          'error unmarshalling resource: yaml: unmarshal errors:\n  line 3: key "a" already set in map',
      }),
      false,
      'fixtures/valid.yaml - failed validation: error unmarshalling resource: yaml: unmarshal errors:\n  line 3: key "a" already set in map\n',
    ],
  ])('prints %s as kubeconform does', (_name, given, verbose, expected) => {
    // Arrange
    const input = reportInput([given], { verbose });

    // Act
    const out = renderText(input);

    // Assert
    expect(out).toBe(expected);
  });

  it.each<[string, ValidationResult[], boolean, string]>([
    [
      'no resources in no file',
      [],
      false,
      'Summary: 0 resource found in 0 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'one valid resource',
      [valid],
      false,
      'Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'an empty file counts as a file, not a resource',
      [empty],
      false,
      'Summary: 0 resource found in 1 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'two resources in one file',
      [valid, skipped],
      false,
      'Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 1\n',
    ],
    [
      'every status over three files',
      [valid, invalid, rejected, skipped, empty],
      false,
      'Summary: 4 resources found in 3 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1\n',
    ],
    [
      'stdin',
      [valid, { ...valid, filename: 'stdin' }],
      true,
      'Summary: 2 resources found parsing stdin - Valid: 2, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
    [
      'stdin, one resource',
      [valid],
      true,
      'Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n',
    ],
  ])('summarizes %s', (_name, results, stdin, expected) => {
    // Arrange
    const input = reportInput(results, { stdin, summary: true });

    // Act
    const lines = renderText(input).split('\n');

    // Assert
    expect(`${lines.at(-2)}\n`).toBe(expected);
  });

  it('prints no summary without -summary', () => {
    // Arrange
    const input = reportInput([valid], { verbose: true });

    // Act
    const out = renderText(input);

    // Assert
    expect(out).not.toContain('Summary');
  });

  it('prints results in input order, List items one by one, then the summary', () => {
    // Arrange
    const input = reportInput([...listItems, valid], { verbose: true, summary: true });

    // Act
    const out = renderText(input);

    // Assert
    expect(out).toBe(
      [
        'list.yaml - ConfigMap a is valid',
        'list.yaml - ConfigMap b is valid',
        `list.yaml - Service c is invalid: ${listItems[2]?.message}`,
        'fixtures/valid.yaml - ReplicationController bob is valid',
        'Summary: 4 resources found in 2 files - Valid: 3, Invalid: 1, Errors: 0, Skipped: 0',
        '',
      ].join('\n'),
    );
  });

  it.each([false, true])(
    'prints a warning line for a valid resource whatever -verbose is (verbose=%s)',
    (verbose) => {
      // Arrange
      const input = reportInput([deprecated], { verbose });
      const warning =
        'Warning: cron.yaml:1:13: CronJob nightly: batch/v1beta1 CronJob is deprecated since Kubernetes v1.21 and will be removed in v1.25; migrate to batch/v1 [deprecated-api]\n';

      // Act
      const out = renderText(input);

      // Assert
      expect(out).toBe(verbose ? `cron.yaml - CronJob nightly is valid\n${warning}` : warning);
    },
  );

  const base: Finding = { ruleId: 'deprecated-api', severity: 'warning', message: 'm', path: 'cron.yaml' };
  const nightly = { apiVersion: 'batch/v1beta1', kind: 'CronJob', name: 'nightly' };

  it.each<[string, Finding, string]>([
    [
      'no column',
      { ...base, line: 4, resource: nightly },
      'Warning: cron.yaml:4: CronJob nightly: m [deprecated-api]\n',
    ],
    [
      'no position',
      { ...base, resource: nightly },
      'Warning: cron.yaml: CronJob nightly: m [deprecated-api]\n',
    ],
    [
      'no resource on the finding (the result names it)',
      { ...base, line: 1, column: 13 },
      'Warning: cron.yaml:1:13: CronJob nightly: m [deprecated-api]\n',
    ],
    [
      'a multi-line message (continuations indented)',
      { ...base, message: 'm\nsecond', line: 1, column: 13 },
      'Warning: cron.yaml:1:13: CronJob nightly: m\n  second [deprecated-api]\n',
    ],
    ['no resource anywhere', { ...base, line: 2 }, 'Warning: cron.yaml:2: m [deprecated-api]\n'],
  ])('formats a warning with %s', (name, finding, expected) => {
    // Arrange
    const owner =
      name === 'no resource anywhere' ? result({ status: 'valid', filename: 'cron.yaml' }) : deprecated;
    const input = reportInput([{ ...owner, findings: [finding] }]);

    // Act
    const out = renderText(input);

    // Assert
    expect(out).toBe(expected);
  });

  it('never starts a warning line the way kubeconform starts a result line, and prints no notices or notice findings', () => {
    // Arrange
    const notice = {
      ruleId: 'missing-schema' as const,
      severity: 'notice' as const,
      message: 'could not find schema for Foo: skipped',
      path: 'fixtures/valid.yaml',
    };
    const input = reportInput([deprecated, { ...skipped, findings: [notice] }], {
      notices: ['schemas: offline'],
    });

    // Act
    const lines = renderText(input).trimEnd().split('\n');

    // Assert
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Warning: cron\.yaml:1:13: /);
    expect(lines[0]).not.toMatch(/^\S+ - /);
  });
});

describe('renderPretty', () => {
  const R = '\u001b[0m';
  const red = '\u001b[31m';
  const green = '\u001b[32m';
  const yellow = '\u001b[33m';

  it.each<[string, ValidationResult, string]>([
    ['valid', valid, `${green}✔${R} fixtures/valid.yaml: ${green}ReplicationController bob is valid${R}\n`],
    [
      'invalid',
      invalid,
      `${red}✖${R} fixtures/invalid.yaml: ${red}ReplicationController bob is invalid: ${SCHEMA_MESSAGE}${R}\n`,
    ],
    [
      'error with kind and name (name after "failed validation:")',
      rejected,
      `${red}✖${R} fixtures/valid.yaml: ${red}ReplicationController failed validation: bob prohibited resource kind ReplicationController${R}\n`,
    ],
    [
      'error without kind (double space)',
      missingKind,
      `${red}✖${R} fixtures/missing_kind.yaml: ${red}failed validation:  error while parsing: missing 'kind' key${R}\n`,
    ],
    [
      'skipped',
      skipped,
      `${yellow}-${R} fixtures/valid.yaml: ${yellow}ReplicationController bob skipped${R}\n`,
    ],
    [
      'skipped without name',
      result({ status: 'skipped', kind: 'Pod' }),
      `${yellow}-${R} fixtures/valid.yaml: ${yellow}Pod skipped${R}\n`,
    ],
    [
      'skipped without kind',
      result({ status: 'skipped' }),
      `${yellow}-${R} fixtures/valid.yaml: ${yellow}skipped${R}\n`,
    ],
    ['empty', empty, ''],
  ])('prints %s with -verbose', (_name, given, expected) => {
    // Arrange
    const input = reportInput([given], { verbose: true });

    // Act
    const out = renderPretty(input);

    // Assert
    expect(out).toBe(expected);
  });

  it('hides valid and skipped results without -verbose and keeps the summary uncoloured', () => {
    // Arrange
    const input = reportInput([valid, skipped, invalid], { summary: true });

    // Act
    const out = renderPretty(input);

    // Assert
    expect(out.split('\n')).toEqual([
      `${red}✖${R} fixtures/invalid.yaml: ${red}ReplicationController bob is invalid: ${SCHEMA_MESSAGE}${R}`,
      'Summary: 3 resources found in 2 files - Valid: 1, Invalid: 1, Errors: 0, Skipped: 1',
      '',
    ]);
  });

  it('prints warnings as yellow Warning lines', () => {
    // Arrange
    const input = reportInput([deprecated]);

    // Act
    const out = renderPretty(input);

    // Assert
    expect(out).toBe(
      `${yellow}Warning:${R} cron.yaml:1:13: ${yellow}CronJob nightly: batch/v1beta1 CronJob is deprecated since Kubernetes v1.21 and will be removed in v1.25; migrate to batch/v1 [deprecated-api]${R}\n`,
    );
  });
});
