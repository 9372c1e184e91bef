// ESLint flat config (kept under test/ so the top level stays as the brief
// fixes it; run with `eslint -c test/lint/eslint.config.js`). Its main job:
// the engine boundary. src/engine/** imports nothing from React, the DOM
// libraries, Zustand or Comlink, so it runs in the worker, the CLI and Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'test/.out/**', 'node_modules/**', 'test/bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/cli/**/*.mjs', 'test/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*', 'react-dom', 'react-dom/*'], message: 'The engine is DOM- and React-free.' },
            { group: ['zustand', 'zustand/*'], message: 'The engine holds no UI state.' },
            { group: ['comlink'], message: 'Only src/worker and src/bridge know about Comlink.' },
            { group: ['d3', 'd3-*'], message: 'Drawing belongs in src/timeline.' },
            { group: ['**/app/**', '**/timeline/**', '**/store/**', '**/bridge/**', '**/worker/**', '**/share/**'], message: 'The engine must not import UI layers.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'localStorage', 'location'],
    },
  },
);
