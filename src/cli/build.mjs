// Bundles the CLI (and its worker-thread entry) to plain JavaScript, so the
// `timberline` command starts without compiling TypeScript on every run.
// `npm install` runs it (the `prepare` script); the bin also calls
// ensureBuilt(), which rebuilds once when the bundle is missing or older than
// any source file, so a checkout that was edited (or installed with scripts
// off) never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'dist-cli');
const ENTRIES = { main: 'src/cli/main.ts', 'slice-thread': 'src/cli/slice-thread.ts' };
/** The folders the CLI's bundle is made from; a newer file in any of them means a rebuild. */
const SOURCE_DIRS = ['src/engine', 'src/cli', 'src/share'];

function newestSourceMs() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) walk(join(ROOT, d));
  return Math.max(newest, statSync(join(ROOT, 'package.json')).mtimeMs);
}

function bundleMs() {
  try {
    return Math.min(...Object.keys(ENTRIES).map((name) => statSync(join(OUT, `${name}.mjs`)).mtimeMs));
  } catch {
    return -1;
  }
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const { version } = JSON.parse((await import('node:fs')).readFileSync(join(ROOT, 'package.json'), 'utf8'));
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { TIMBERLINE_VERSION: JSON.stringify(version) },
    logLevel: 'warning',
  });
}

/** The bundle's main module, built first when missing or stale. */
export async function ensureBuilt() {
  if (bundleMs() < newestSourceMs()) await build();
  return pathToFileURL(join(OUT, 'main.mjs')).href;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
