/// <reference types="vitest/config" />
// Vite builds the static app (relative base, so dist/ works from any sub-path)
// and Vitest runs the unit and golden tests in Node. End-to-end browser tests
// have their own config under test/e2e.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { devCspStrip } from './src/share/csp.ts';

export default defineConfig({
  base: './',
  // The CSP meta tag in index.html is stripped on the dev server only (its hot reload needs inline script).
  plugins: [react(), devCspStrip()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30000,
  },
});
