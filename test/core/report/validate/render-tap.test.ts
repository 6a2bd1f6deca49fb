import { describe, expect, it } from 'vitest';
import { renderTap } from '../../../../core/report/validate/render-tap.ts';
import type { ValidationResult } from '../../../../core/validate/result.ts';
import {
  SCHEMA_MESSAGE,
  deprecated,
  empty,
  invalid,
  missingKind,
  rejected,
  reportInput,
  skipped,
  valid,
} from './fixtures.ts';

describe('renderTap', () => {
  it('prints the acceptance-test output for one valid resource', () => {
    // Arrange
    const input = reportInput([valid]);

    // Act
    const out = renderTap(input);

    // Assert
    expect(out).toBe('TAP version 13\nok 1 - fixtures/valid.yaml (v1/ReplicationController//bob)\n1..1\n');
  });

  it('prints only the plan, without a header, when there are no results', () => {
    // Act
    const out = renderTap(reportInput([]));

    // Assert
    expect(out).toBe('1..0\n');
  });

  it.each<[string, ValidationResult, string]>([
    ['valid', valid, 'ok 1 - fixtures/valid.yaml (v1/ReplicationController//bob)'],
    ['valid with namespace', deprecated, 'ok 1 - cron.yaml (batch/v1beta1/CronJob/jobs/nightly)'],
    [
      'invalid',
      invalid,
      `not ok 1 - fixtures/invalid.yaml (v1/ReplicationController//bob): ${SCHEMA_MESSAGE}`,
    ],
    ['error', rejected, 'not ok 1 - fixtures/valid.yaml: prohibited resource kind ReplicationController'],
    [
      'error without identity',
      missingKind,
      "not ok 1 - fixtures/missing_kind.yaml: error while parsing: missing 'kind' key",
    ],
    ['skipped', skipped, 'ok 1 - fixtures/valid.yaml (v1/ReplicationController//bob) # skip'],
    ['empty', empty, 'ok 1 - fixtures/empty.yaml (empty)'],
  ])('prints a %s result', (_name, given, line) => {
    // Act
    const out = renderTap(reportInput([given]));

    // Assert
    expect(out.split('\n')[1]).toBe(line);
  });

  it.each([
    [false, false],
    [true, true],
  ])(
    'numbers every result, empty ones too, whatever -verbose and -summary are (%s, %s)',
    (verbose, summary) => {
      // Arrange
      const input = reportInput([valid, empty, invalid, skipped], { verbose, summary, notices: ['n'] });

      // Act
      const out = renderTap(input);

      // Assert
      expect(out).toBe(
        [
          'TAP version 13',
          'ok 1 - fixtures/valid.yaml (v1/ReplicationController//bob)',
          'ok 2 - fixtures/empty.yaml (empty)',
          `not ok 3 - fixtures/invalid.yaml (v1/ReplicationController//bob): ${SCHEMA_MESSAGE}`,
          'ok 4 - fixtures/valid.yaml (v1/ReplicationController//bob) # skip',
          '1..4',
          '',
        ].join('\n'),
      );
    },
  );
});
