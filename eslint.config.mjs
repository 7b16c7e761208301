// One lint configuration for the API, worker, libraries, tests and the web app (`npm run lint`, part of `npm test`).
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'apps/web/src/api/schema.ts',
      '.run/**',
      'coverage/**',
      'bench/results/**',
      'test/web/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,mts,cts}', '**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // libs/database sits at the bottom with libs/config and imports nothing above it (the apps hand it the entity
    // list). Relative paths are caught too.
    files: ['libs/database/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@hireloop/core',
                '@hireloop/core/*',
                '@hireloop/queue',
                '@hireloop/queue/*',
                '@hireloop/calibration',
                '@hireloop/calibration/*',
              ],
              message: 'libs/database sits at the bottom: take what you need as a parameter.',
            },
            { group: ['@hireloop/testing', '@hireloop/testing/*', '**/test/support/**'], message: 'No library imports test support.' },
            {
              group: ['**/apps/**', '**/libs/core/**', '**/core/src/**', '**/queue/src/**', '**/calibration/src/**'],
              message: 'No library imports an app or a library above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/config/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@hireloop/*', '**/apps/**', '**/libs/**', '**/test/**', '../../*/src/**'],
              message: 'libs/config is the bottom layer: it imports no other part of the project.',
            },
          ],
        },
      ],
    },
  },
  {
    // Browser tests run functions inside the page (page.evaluate).
    files: ['test/web/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // These specs walk parsed YAML manifests (Kubernetes objects of many kinds): typing every path would add nothing.
    files: ['deploy/kubernetes/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.{js,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
