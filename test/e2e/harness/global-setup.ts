// Vitest global setup for the browser tests: build the production bundle for
// a sub-path and serve it, once for the whole run. Tests read the address
// with `inject('baseUrl')`. TIMBERLINE_E2E_REUSE=1 skips the build when
// test/.out/dist-subpath already exists (local iteration only; CI builds).

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './static-server.ts';

export const MOUNT = '/team/tools/timberline/';
const ROOT = resolve(import.meta.dirname, '../../..');
const OUT = resolve(ROOT, 'test/.out/dist-subpath');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!(process.env.TIMBERLINE_E2E_REUSE === '1' && existsSync(resolve(OUT, 'index.html')))) {
    const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', `--base=${MOUNT}`, '--outDir', OUT, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: 'inherit',
      // Vitest sets NODE_ENV=test, which Vite passes on: React's development build (jsxDEV, prop checks) would be tested instead.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (r.status !== 0) throw new Error('vite build for the e2e tests failed');
  }
  const server = await serveStatic(OUT, MOUNT);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
