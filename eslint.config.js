// ESLint: recommended rules (not type-checked, to stay fast) and the boundaries between the folders, each naming its fix.
import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** Only src/store talks to IndexedDB. */
const IDB = { name: 'idb', message: 'IndexedDB belongs to src/store: call the Store (src/store/index.ts).' };

/** The language and the roster readers run in the worker and the CLI: no Svelte. */
const SVELTE = {
  group: ['svelte', 'svelte/*', '**/*.svelte', '**/*.svelte.js', '**/*.svelte.ts'],
  message: 'src/lang and src/roster run in the worker and the CLI: keep Svelte in src/ui and pass plain data.',
};

/** The UI uses src/lang for types only; the work runs in the worker. Pure display helpers are listed as allowed. */
const LANG_IN_UI = {
  regex: '(^|/)lang/(?!(runtime/calendar|runtime/money|evaluate/format|evaluate/flags)\\.js$)',
  allowTypeImports: true,
  message:
    'The UI imports src/lang for types only (`import type`): parse, check and evaluate in the worker ' +
    '(src/worker/service.ts) and ask it through the bridge.',
};

/** Browser globals that src/lang and src/roster must not touch (they run in Node too). */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'location',
  'history',
  'alert',
  'confirm',
  'prompt',
  'self',
  'postMessage',
  'HTMLElement',
  'Element',
  'Node',
  'Blob',
  'File',
  'FileReader',
  'Worker',
].map((name) => ({
  name,
  message: `src/lang and src/roster run in the worker and the CLI: pass what you need from ${name} in as a parameter.`,
}));

/** `key in object` finds inherited names ('constructor', '__proto__') when the key is user text. */
const NO_IN = {
  // A literal on the left (`'put' in op`) narrows a union of the program's own shapes: not user text.
  selector: "BinaryExpression[operator='in'][left.type!='Literal']",
  message: 'use a Map, Object.hasOwn or a prototype-free object (dict())',
};

/** One rule entry for the restricted imports of a folder. */
function restrictImports(paths, patterns = []) {
  return ['error', { paths, patterns }];
}

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'dist-cli/**',
      'node_modules/**',
      'test-output/**',
      'bench/.cache/**',
      '.cache/**',
      'src/lang/parse/parser.generated.js',
      'src/lang/parse/parser.generated.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-restricted-imports': restrictImports([IDB]),
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // The UI's lists are rebuilt whole from worker answers and rows have no unique key of their own;
      // a wrong key throws at run time (each_key_duplicate), an unkeyed block only re-renders.
      'svelte/require-each-key': 'off',
    },
  },
  {
    files: ['src/ui/**', 'src/main.ts', 'src/bundled.ts', 'src/virtual.d.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { '@typescript-eslint/no-restricted-imports': restrictImports([IDB], [LANG_IN_UI]) },
  },
  {
    files: ['scripts/measure-browser-*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/worker/**'],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ['src/lang/**', 'src/roster/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports([IDB], [SVELTE]),
      'no-restricted-globals': ['error', ...DOM_GLOBALS],
    },
  },
  {
    files: ['src/store/**', 'test/store/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src/lang/**', 'src/roster/**', 'src/worker/**', 'src/store/**'],
    rules: { 'no-restricted-syntax': ['error', NO_IN] },
  },
);
