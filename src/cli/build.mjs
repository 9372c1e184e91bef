// Bundles the CLI (and its worker-thread entry) to plain JavaScript, so the
// `timberline` command starts without compiling TypeScript on every run.
// `npm install` runs it (the `prepare` script); the bin also calls
// ensureBuilt(), which rebuilds once when the bundle is missing or older than
// any source file, so a checkout that was edited (or installed with scripts
// off) never runs stale code.
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'dist-cli');
const ENTRIES = { main: 'src/cli/main.ts', 'slice-thread': 'src/cli/slice-thread.ts' };
/**
 * The bundle files: the CLI and the worker thread's code as CommonJS, so both
 * run from V8's code cache (run-cached.mjs; compiling the thread's code cost
 * each worker ~80 ms), and the thread's entry, a module that loads it.
 */
const OUTPUTS = ['main.cjs', 'slice-thread.cjs', 'slice-thread.mjs'];

/** The worker thread's entry (thread-pool.ts starts `slice-thread.mjs` beside the bundle): its code from the cache, which it saves after its first slice. */
const THREAD_ENTRY = `// Written by src/cli/build.mjs: a worker thread of the bundled CLI.
import { fileURLToPath } from 'node:url';
import { loadCached } from '../src/cli/run-cached.mjs';

const { exports, save } = loadCached(fileURLToPath(new URL('./slice-thread.cjs', import.meta.url)));
exports.serve(save);
`;
/** The folders the CLI's bundle is made from; a newer file in any of them means a rebuild. */
const SOURCE_DIRS = ['src/engine', 'src/cli', 'src/share'];

/** Every run asks this first: paths are joined by hand (path.join's normalising cost ~4 ms over the ~240 files, of a ~150 ms run). */
function newestSourceMs() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else {
        const ms = statSync(p).mtimeMs;
        if (ms > newest) newest = ms;
      }
    }
  };
  for (const d of SOURCE_DIRS) walk(`${ROOT}/${d}`);
  return Math.max(newest, statSync(join(ROOT, 'package.json')).mtimeMs);
}

function bundleMs() {
  try {
    return Math.min(...OUTPUTS.map((name) => statSync(join(OUT, name)).mtimeMs));
  } catch {
    return -1;
  }
}

/**
 * Modules only some runs need: the user's patterns (re2js), CSV files
 * (papaparse) and, in the CLI, worker threads (only files big enough to
 * split). Loading all three costs ~30 ms, a sixth of a short run, so the
 * bundle gets a stand-in per module that requires it on first use: each
 * export is a proxy whose reads (methods bound to their own `this`) and
 * `new` go to the real export.
 */
const LAZY = { re2js: ['RE2JS'], papaparse: ['default'] };
const LAZY_IN_CLI = { ...LAZY, 'node:worker_threads': ['Worker'] };

function lazyModule(pkg, names) {
  const lines = [
    "import { createRequire } from 'node:module';",
    'let loaded;',
    `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(pkg)}));`,
    'const later = (pick) => new Proxy(function () {}, {',
    '  get(_, key) { const t = pick(); const v = t[key]; return typeof v === "function" ? v.bind(t) : v; },',
    '  construct(_, args) { return Reflect.construct(pick(), args); },',
    '});',
  ];
  for (const n of names) lines.push(n === 'default' ? 'export default later(() => load());' : `export const ${n} = later(() => load().${n});`);
  return lines.join('\n');
}

function lazyModules(table) {
  return {
    name: 'lazy-modules',
    setup(b) {
      const filter = new RegExp(`^(${Object.keys(table).join('|')})$`);
      b.onResolve({ filter }, (args) => (args.kind === 'import-statement' && args.namespace === 'file' ? { path: args.path, namespace: 'lazy-module' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-module' }, (args) => ({ contents: lazyModule(args.path, table[args.path]), loader: 'js', resolveDir: ROOT }));
    },
  };
}

/**
 * The knowledge files (JSON, about half the bundle) as one JSON.parse of a
 * string each instead of object literals: V8's code cache of an object
 * literal holds its bytecode and boilerplate, which every run deserializes
 * (the whole cache is read at start) and then builds the objects from; a
 * string is copied, and JSON.parse builds the same objects faster.
 */
const jsonAsParse = {
  name: 'json-as-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `export default /* @__PURE__ */ JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

/**
 * What the bundle knows of the built-in knowledge before it runs, worked out
 * here once instead of on every run, by the engine's own code bundled and run
 * here: the literals each failure signature requires (signature-finder.ts;
 * parsing ~130 patterns for them cost ~35 ms, and without them the first
 * texts of a log compile every pattern, ~20 ms of a one-line file's run), the
 * literals of the vocabulary's patterns (classifier.ts; ~60 ms cold, in every
 * thread that reads a big file), and the check of the built-in rule files
 * (knowledge/rules/index.ts).
 */
async function checkedKnowledge(esbuild) {
  const out = await esbuild({
    stdin: {
      contents: [
        "exports.literals = require('./src/engine/knowledge/signature-finder.ts').builtinSignatureLiterals();",
        "exports.vocabularyLiterals = require('./src/engine/classify/classifier.ts').builtinVocabularyLiterals();",
        // Loading the built-in rules checks them (knowledge/rules/index.ts): a broken one throws here, not in every run.
        "exports.rules = require('./src/engine/knowledge/rules/index.ts').BUILTIN_RULE_SPECS.length;",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', write: false, logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(join(ROOT, 'package.json')));
  return module.exports;
}

export async function build() {
  const { build: esbuild } = await import('esbuild');
  const { version } = JSON.parse((await import('node:fs')).readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const knowledge = await checkedKnowledge(esbuild);
  const common = { absWorkingDir: ROOT, outdir: OUT, bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' };
  // CommonJS has no import.meta: the bundle's own URL stands in for it (the thread pool finds slice-thread.mjs beside it).
  const cjs = {
    ...common,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { TIMBERLINE_VERSION: JSON.stringify(version), 'import.meta.url': '__timberlineUrl' },
    banner: { js: 'var __timberlineUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
  const vocabulary = { ...cjs.define, TIMBERLINE_VOCABULARY_LITERALS: JSON.stringify(knowledge.vocabularyLiterals) };
  await esbuild({ ...cjs, define: vocabulary, entryPoints: { 'slice-thread': ENTRIES['slice-thread'] }, plugins: [lazyModules(LAZY), jsonAsParse] });
  await esbuild({ ...cjs, define: { ...vocabulary, TIMBERLINE_SIGNATURE_LITERALS: JSON.stringify(knowledge.literals), TIMBERLINE_RULES_CHECKED: JSON.stringify(knowledge.rules > 0) }, entryPoints: { main: ENTRIES.main }, plugins: [lazyModules(LAZY_IN_CLI), jsonAsParse] });
  writeFileSync(join(OUT, 'slice-thread.mjs'), THREAD_ENTRY);
  // A new bundle invalidates the code caches made from the old one.
  for (const name of ['main.cjs', 'slice-thread.cjs']) rmSync(join(OUT, `${name}.cache`), { force: true });
}

/** The bundle's main file (CommonJS), built first when missing or stale. */
export async function ensureBuilt() {
  if (bundleMs() < newestSourceMs()) await build();
  return join(OUT, 'main.cjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await build();
