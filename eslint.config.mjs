// `npm run lint` (also a stage of `npm test`): ESLint with typescript-eslint, zero warnings allowed.
// TypeScript (src, webview, test) gets ESLint's and typescript-eslint's recommended rules plus the
// type-aware ones (recommendedTypeChecked: floating and misused promises, unsafe `any`, ...), each file
// typed by the nearest of the three tsconfigs (., webview, test) through typescript-eslint's project service.
// The plain .mjs build, bench and test scripts have no type information: ESLint's JS recommended set.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/**', 'action/dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  {
    rules: {
      // The regexes with control characters match them on purpose (stripping them from URLs, bailing out of the YAML fast path).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Part of recommendedTypeChecked already; named so that dropping the preset cannot drop them.
      // checkThenables: VS Code's API returns Thenables (showInformationMessage, executeCommand...), not Promises.
      '@typescript-eslint/no-floating-promises': ['error', { checkThenables: true }],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['test/**/*.mjs'],
    // Mocha's globals; the e2e tests also hand functions to the browser page (`page.evaluate`).
    languageOptions: { globals: { ...globals.mocha, ...globals.browser } },
  },
);
