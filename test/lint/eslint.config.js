// ESLint flat config (kept under test/ so the top level stays as the brief
// fixes it; run with `eslint -c test/lint/eslint.config.js`). Its main job:
// the layers. Which folder of src/ may import which folder or package is one
// table (layers.js); src/engine/** gets no React, DOM, Zustand or Comlink from
// it, and no DOM globals from the rule below, so it runs in the worker, the CLI and Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'test/.out/**', 'node_modules/**', 'test/bench/data/**', 'test/bench/*.bundled.mjs'] },
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
    files: ['src/**/*.ts', 'src/**/*.tsx', 'src/**/*.mjs'],
    plugins: { layers: layersPlugin },
    rules: { 'layers/allowed-imports': 'error' },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'localStorage', 'location'],
    },
  },
);
