// @ts-check
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { kebabCaseFileNames } from './scripts/lint/kebab-case-file-names.js';

/** Node built-ins the engine never touches: files come in through a FileSource, processes through a runner. */
const CORE_BANNED_MODULES = ['fs', 'fs/promises', 'child_process', 'process'].flatMap((name) => [
  { name, message: `core/ is pure: ${name} belongs in platform/ (pass the result in).` },
  { name: `node:${name}`, message: `core/ is pure: node:${name} belongs in platform/ (pass the result in).` },
]);

export default tseslint.config(
  {
    ignores: [
      '.scratch/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'examples/**',
      'test/fixtures/**',
      'bench/.data/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // Layers depend one way (docs/architecture.md); a cycle means a type or table sits in the wrong file.
    // import-x, not eslint-plugin-import: it supports flat config and ESLint 10 (its peer range), and
    // resolves the explicit `.ts` specifiers with its own Node resolver, no TypeScript resolver needed.
    files: ['**/*.{ts,js,mjs}'],
    plugins: { 'import-x': importX, kubeproof: { rules: { 'kebab-case-file-names': kebabCaseFileNames } } },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver()],
    },
    rules: {
      'import-x/no-cycle': 'error',
      // One statement per module imported: a moved type is imported from its new home once.
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
      'kubeproof/kebab-case-file-names': 'error',
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The engine is pure: no GitHub, no Actions runtime, no process globals, no console.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: CORE_BANNED_MODULES,
          patterns: [
            {
              group: ['@actions/*', 'probot', '@octokit/*'],
              message: 'core/ is pure: platform code lives in platform/.',
            },
            {
              group: ['**/cli/**', '**/platform/**', '**/actions/**', '**/bot/**'],
              message: 'core/ must not import from the adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core/ never reads the environment: pass it in.' },
      ],
      'no-console': 'error',
    },
  },
  {
    // platform/ serves the front doors and never reaches back into them; the front doors do not import
    // one another. Resolved paths, so the platform/actions/ folder is not mistaken for actions/.
    files: ['**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './platform',
              from: ['./cli', './actions', './bot'],
              message: 'platform/ must not import from the front doors (cli/, actions/, bot/).',
            },
            {
              target: './cli',
              from: ['./actions', './bot'],
              message: 'A front door does not import another: share the code through platform/.',
            },
            {
              target: './actions',
              from: ['./cli', './bot'],
              message: 'A front door does not import another: share the code through platform/.',
            },
            {
              target: './bot',
              from: ['./cli', './actions'],
              message: 'A front door does not import another: share the code through platform/.',
            },
          ],
        },
      ],
    },
  },
);
