// @ts-check
import tseslint from 'typescript-eslint';

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
);
