import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCheckInputs, parseDiffInputs } from '../../platform/actions/check-inputs.ts';
import { parsePromoteInputs } from '../../platform/actions/promote-inputs.ts';
import { parseValidateInputs } from '../../platform/actions/validate-inputs.ts';
// @ts-expect-error: plain ESM build script without types
import { actionBuildOptions } from '../../scripts/build-options.mjs';
import { inputs } from './action-test-kit.ts';

interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const ACTIONS = [
  { file: 'action.yml', bundle: 'dist/check.js', parse: parseCheckInputs },
  { file: 'actions/diff/action.yml', bundle: 'dist/diff.js', parse: parseDiffInputs },
  { file: 'actions/validate/action.yml', bundle: 'dist/validate.js', parse: parseValidateInputs },
  { file: 'actions/promote/action.yml', bundle: 'dist/promote.js', parse: parsePromoteInputs },
] as const;

/**
 * Bundles of new actions that dist/ does not hold yet: dist/ is rebuilt once after a merge, by
 * whoever merges. Until then the bundle must at least be one of the build's entry points.
 */
const NOT_BUILT_YET = new Set(['dist/promote.js']);

const metadata = (file: string) => parse(readFileSync(file, 'utf8')) as ActionMetadata;

/** Every input's default as the runner passes it, `${{ github.token }}` evaluated. */
function defaults(meta: ActionMetadata): Record<string, string> {
  return Object.fromEntries(
    Object.entries(meta.inputs).map(([name, input]) => [
      name,
      String(input.default ?? '').replace('${{ github.token }}', 'ghs_x'),
    ]),
  );
}

describe.each(ACTIONS)('$file', ({ file, bundle, parse: parseInputs }) => {
  const meta = metadata(file);

  it('runs its own bundle on the current Node runtime for actions', () => {
    expect(meta.runs.using).toBe('node24');
    expect(join(dirname(file), meta.runs.main)).toBe(bundle);
    if (NOT_BUILT_YET.has(bundle) && !existsSync(bundle)) {
      const entries = actionBuildOptions('dist').entryPoints as Record<string, string>;
      expect(entries[bundle.slice('dist/'.length, -'.js'.length)]).toBe(join(dirname(file), 'main.ts'));
    } else expect(existsSync(bundle)).toBe(true);
  });

  it('has a Marketplace description: under 125 characters, one line', () => {
    // GitHub Marketplace cuts action descriptions at 125 characters.
    expect(meta.description.length).toBeLessThan(125);
    expect(meta.description).not.toContain('\n');
    expect(meta.name.length).toBeGreaterThan(0);
  });

  it('documents every input and output', () => {
    for (const [, entry] of [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)])
      expect(entry.description.length).toBeGreaterThan(10);
  });

  it('its defaults mean what the code does without them', () => {
    const fromYaml = parseInputs(inputs(defaults(meta)));
    const fromCode = parseInputs(inputs('github-token' in meta.inputs ? { 'github-token': 'ghs_x' } : {}));
    expect(fromYaml).toEqual(fromCode);
  });
});

describe('the shared inputs', () => {
  it('mean the same in every action: same description and default', () => {
    const all = ACTIONS.map(({ file }) => metadata(file).inputs);
    for (const name of [
      'working-directory',
      'kubernetes-version',
      'schema-locations',
      'strict',
      'schema-cache',
      'fail-on',
    ]) {
      const declared = all
        .filter((actionInputs) => name in actionInputs)
        .map((actionInputs) => actionInputs[name]);
      expect(new Set(declared.map((input) => input?.default)).size).toBe(1);
    }
  });
});
