import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The guardrails of docs/architecture.md as `npm run lint` enforces them: each case lints a text as
 * if it sat at a path of the repository (imports resolve against the real files next to it).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId);
}

describe('the lint guardrails', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
    ["import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n", 'no-restricted-imports'],
    ["import { readFile } from 'fs/promises';\nexport const a = readFile;\n", 'no-restricted-imports'],
    ["import { execFile } from 'node:child_process';\nexport const a = execFile;\n", 'no-restricted-imports'],
    ["import { env } from 'node:process';\nexport const a = env;\n", 'no-restricted-imports'],
    ['export const home = process.env.HOME;\n', 'no-restricted-globals'],
    [
      "import { getOctokit } from '@actions/github';\nexport const a = getOctokit;\n",
      'no-restricted-imports',
    ],
  ])('bans in core/: %s', async (code, rule) => {
    expect(await ruleIds('core/render/new-module.ts', code)).toContain(rule);
  });

  it('lets platform/ use the file system and processes', async () => {
    const code =
      "import { readFileSync } from 'node:fs';\nexport const home = process.env.HOME ?? readFileSync;\n";
    expect(await ruleIds('platform/new-module.ts', code)).toEqual([]);
  });

  it.each([
    ['platform/github/new-module.ts', '../../cli/io.ts'],
    ['platform/new-module.ts', '../actions/check/main.ts'],
    ['cli/new-command.ts', '../actions/check/main.ts'],
    ['actions/check/new-module.ts', '../../cli/io.ts'],
  ])('keeps %s from importing the front door %s', async (filePath, specifier) => {
    const code = `import * as door from '${specifier}';\nexport const a = door;\n`;
    expect(await ruleIds(filePath, code)).toContain('import-x/no-restricted-paths');
  });

  it('lets platform/ use its own actions/ folder', async () => {
    const code = "import * as io from '../actions/actions-io.ts';\nexport const a = io;\n";
    expect(await ruleIds('platform/github/new-module.ts', code)).toEqual([]);
  });

  it('finds an import cycle: the deprecated-API table importing the module that reads it', async () => {
    // deprecated-apis.ts imports the table; a value import back closes a cycle.
    const code =
      "import { API_LIFECYCLES } from './deprecated-apis.ts';\nexport const all = API_LIFECYCLES;\n";
    expect(await ruleIds('core/validate/deprecated-api-table.ts', code)).toContain('import-x/no-cycle');
  });

  it('wants one import statement per module: a moved type is imported from its home once', async () => {
    const code =
      "import type { JsonValue } from '../manifests/json-value.ts';\n" +
      "import { isJsonObject } from '../manifests/json-value.ts';\n" +
      'export const a = (value: JsonValue) => isJsonObject(value);\n';
    expect(await ruleIds('core/render/new-module.ts', code)).toContain('import-x/no-duplicates');
  });

  it.each([
    ['core/render/newModule.ts', "File name 'newModule.ts' is not kebab-case: rename it to 'new-module.ts'."],
    ['cli/new_command.ts', "File name 'new_command.ts' is not kebab-case: rename it to 'new-command.ts'."],
    ['core/Policy/rules.ts', "Folder name 'Policy' is not kebab-case: rename it to 'policy'."],
  ])('wants kebab-case names: %s', async (filePath, message) => {
    const [result] = await eslint.lintText('export const a = 1;\n', { filePath });
    expect(result?.messages.map((m) => m.message)).toEqual([message]);
  });

  it.each(['core/validate/validate-manifests.ts', 'test/cli/check-command.test.ts', 'vitest.config.ts'])(
    'accepts kebab-case names with dotted parts: %s',
    async (filePath) => {
      expect(await ruleIds(filePath, 'export const a = 1;\n')).toEqual([]);
    },
  );
});
