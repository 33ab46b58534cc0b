// Lint rules, and the import boundaries of docs/architecture.md §3 checked mechanically:
// every folder may import only what the table allows, and `store/` sees `api/` and `events/` as types only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const ours = (names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);
const forbid = (folders, message) => ({ group: ours(folders), message });

/** @param {string[]} patterns @param {Record<string, unknown>[]} extra */
const restrict = (patterns, extra = []) => ({
  'no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }],
});

const noNode = { group: ['node:*', 'ws', 'jose'], message: 'Browser code cannot use Node modules.' };
// Importing it installs its Preact integration as a side effect (~1 KB of dist/parley.js): decision 074.
const noIntegration = { group: ['@preact/signals'], message: 'Import @preact/signals-core; the UI binds with src/ui/reactive.ts.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.tmp/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/lib/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['protocol', 'api', 'events', 'store', 'ui', 'i18n', 'emulator'], 'lib/ imports nothing of ours.'), noNode, noIntegration]),
  },
  {
    files: ['src/protocol/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['api', 'events', 'store', 'ui', 'i18n', 'emulator'], 'protocol/ may import only lib/.'), noNode, noIntegration]),
  },
  {
    files: ['src/api/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['events', 'store', 'ui', 'i18n', 'emulator'], 'api/ may import only protocol/ and lib/.'), noNode, noIntegration]),
  },
  {
    files: ['src/events/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['api', 'store', 'ui', 'i18n', 'emulator'], 'events/ may import only protocol/ and lib/.'), noNode, noIntegration]),
  },
  {
    files: ['src/store/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: {
      ...restrict([forbid(['ui', 'i18n', 'emulator'], 'store/ may not import ui/ or i18n/.'), noNode, noIntegration, { group: ['preact', 'preact/*'], message: 'store/ is framework-free: @preact/signals-core only.' }], [
        { group: ours(['api', 'events']), allowTypeImports: true, message: 'store/ sees api/ and events/ as types only (create-chat wires them).' },
      ]),
      'no-restricted-globals': ['error', { name: 'document', message: 'store/ does no DOM work.' }, { name: 'window', message: 'store/ receives storage and visibility as interfaces.' }, { name: 'localStorage', message: 'Storage is passed in by create-chat.' }, { name: 'sessionStorage', message: 'Storage is passed in by create-chat.' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['api', 'events', 'emulator'], 'ui/ talks to the backend only through store/.'), noNode, noIntegration]),
  },
  {
    files: ['src/i18n/**/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['api', 'events', 'store', 'ui', 'emulator'], 'i18n/ holds tables only.'), noNode, noIntegration]),
  },
  {
    files: ['src/*.{ts,tsx}'],
    ignores: ['**/*.test.*'],
    rules: restrict([forbid(['emulator'], 'Shipped code never imports the emulator.'), noNode, noIntegration]),
  },
  {
    files: ['emulator/**/*.ts'],
    ignores: ['**/*.test.*'],
    rules: restrict([
      { group: ['**/src/api', '**/src/api/**', '**/src/events', '**/src/events/**', '**/src/store', '**/src/store/**', '**/src/ui', '**/src/ui/**', '**/src/i18n', '**/src/i18n/**', '**/src/lib', '**/src/lib/**'], message: 'The emulator shares only src/protocol with the widget.' },
    ]),
  },
  {
    files: ['e2e/**/*.ts'],
    rules: restrict([{ group: ['**/src/**'], message: 'e2e sees the widget only through the page.' }]),
  },
);
