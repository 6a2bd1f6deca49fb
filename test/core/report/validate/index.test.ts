import { describe, expect, it } from 'vitest';
import { VALIDATE_OUTPUTS, VALIDATE_OUTPUT_NAMES } from '../../../../core/report/validate/index.ts';
import {
  deprecated,
  empty,
  invalid,
  listItems,
  missingKind,
  rejected,
  reportInput,
  skipped,
  valid,
} from './fixtures.ts';

describe('VALIDATE_OUTPUTS', () => {
  it("lists kubeconform's formats in its order, then kubeproof's", () => {
    // Assert
    expect(VALIDATE_OUTPUT_NAMES).toEqual(['json', 'junit', 'pretty', 'tap', 'text', 'sarif', 'github']);
    expect(Object.keys(VALIDATE_OUTPUTS)).toEqual(VALIDATE_OUTPUT_NAMES);
  });

  it('yields undefined for an unknown format', () => {
    // Assert
    expect(VALIDATE_OUTPUTS['xml']).toBeUndefined();
  });

  it.each(VALIDATE_OUTPUT_NAMES)(
    '%s renders every status deterministically and ends with a newline',
    (name) => {
      // Arrange
      const render = VALIDATE_OUTPUTS[name];
      const input = reportInput(
        [valid, invalid, rejected, missingKind, skipped, empty, deprecated, ...listItems],
        { summary: true, verbose: true, notices: ['n'] },
      );

      // Act
      const first = render?.(input);
      const second = render?.(input);

      // Assert
      expect(first).toBe(second);
      expect(first).toMatch(/\n$/);
    },
  );
});
