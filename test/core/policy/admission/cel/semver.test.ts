import { describe, expect, it } from 'vitest';
import { celErrorOf, celEval } from './cel-test-env.ts';

// The examples of the Kubernetes semver library's godoc (k8s.io/apiserver/pkg/cel/library, Semver).
describe('the Kubernetes semver library', () => {
  it.each([
    ["isSemver('1.0.0')", true],
    ["isSemver('0.1.0-alpha.1')", true],
    ["isSemver('hello')", false],
    ["isSemver('v1.0')", false],
    ["isSemver('v1.0', true)", true],
    ["isSemver('1.0', true)", true],
    ["isSemver('01.01.01', true)", true],
    ["isSemver('200K')", false],
    ["semver('v1.0.0', true) == semver('1.0.0')", true],
    ["semver('01.01.01', true).minor()", 1n],
    ["semver('1.2.3').major()", 1n],
    ["semver('1.2.3').minor()", 2n],
    ["semver('1.2.3').patch()", 3n],
    ["semver('1.2.3').compareTo(semver('1.2.3'))", 0n],
    ["semver('1.2.3').compareTo(semver('2.0.0'))", -1n],
    ["semver('1.2.3').compareTo(semver('0.1.2'))", 1n],
    ["semver('1.0.0-alpha').isLessThan(semver('1.0.0'))", true],
    ["semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta'))", true],
    ["semver('1.0.0-rc.1').isGreaterThan(semver('1.0.0-beta.11'))", true],
    ["semver('1.0.0+build.1') == semver('1.0.0')", true],
  ])('%s is %s', (expression, expected) => {
    expect(celEval(expression)).toEqual(expected);
  });

  it.each(["semver('Three')", "semver('Mi')", "semver('1.0')"])('%s is an error', (expression) => {
    expect(celErrorOf(expression)).toContain('invalid semantic version');
  });
});
