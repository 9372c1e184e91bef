/// <reference types="vitest/config" />
// Vite builds the static app (relative base, so dist/ works from any sub-path)
// and Vitest runs the unit and golden tests in Node. End-to-end browser tests
// have their own config under test/e2e.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30000,
  },
});
