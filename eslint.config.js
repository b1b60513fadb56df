// Flat config: typescript-eslint strict everywhere, plus the purity boundary of sim-core.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

const uiOnly = ['react', 'react-dom', 'react/*', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*'];
const pureMessage = 'sim-core is pure and deterministic: no UI, DOM, I/O, clocks or randomness (see DESIGN.md).';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', '.prof/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/.output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2022 },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The simulation core: nothing from the UI, the DOM, Node, clocks or randomness.
    files: ['sim-core/**/*.ts'],
    ignores: ['sim-core/cli/**', 'sim-core/bench/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: uiOnly, message: pureMessage },
          { group: ['**/app/**', 'node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: pureMessage },
        ],
      }],
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'fetch', 'process',
          'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'requestAnimationFrame',
          'queueMicrotask', 'performance', 'Date', 'crypto', 'self', 'globalThis']
          .map((name) => ({ name, message: pureMessage })),
      ],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: pureMessage },
        { object: 'Date', property: 'now', message: pureMessage },
      ],
    },
  },
  {
    // The CLI and the benchmark are the core's Node shell: I/O allowed, UI still not.
    files: ['sim-core/cli/**/*.ts', 'sim-core/bench/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...uiOnly, '**/app/**'], message: pureMessage }] }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['e2e/**/*.ts', '*.config.ts', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
