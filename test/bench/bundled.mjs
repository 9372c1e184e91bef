// Runs a benchmark script bundled into one JavaScript file, the way the CLI
// ships the engine (src/cli/build.mjs) and Vite ships it to the browser,
// rather than through tsx, which loads one module per source file: through
// tsx the same ingest took about 1.4x the CPU time (small functions across
// module boundaries were not inlined), which is a cost no user pays.
// The bundle is written beside its entry (git-ignored), so the script's
// import.meta.dirname, and the paths it builds from it, stay what they are.
//
//   node test/bench/bundled.mjs test/bench/dialects.ts [its arguments]

import { build } from 'esbuild';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry?.endsWith('.ts')) {
  process.stderr.write('usage: node test/bench/bundled.mjs SCRIPT.ts [arguments]\n');
  process.exit(2);
}
const outfile = entry.replace(/\.ts$/, '.bundled.mjs');
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'warning',
});
process.argv = [process.argv[0], outfile, ...args];
await import(pathToFileURL(outfile).href);
