// Which folder of src/ may import which: one table (Perfetto keeps the same
// kind of DEPS_ALLOWLIST), enforced by the `layers/allowed-imports` rule so
// that arrows point down and a new one is a reviewed edit of this table, not
// an accident. A layer is a top folder of src/ ("app", "worker"...) or, inside
// the engine, one engine folder or file ("engine/model", "engine/report").
// Imports within a layer are free. `engine/*` stands for every engine layer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(ROOT, 'src');

/** Layer -> the layers (and files outside src/, from the repository root) it may import. */
export const DEPS_ALLOWLIST = {
  // The page: React components and their hooks, on top of everything the browser side has.
  'main.tsx': ['app'],
  app: ['timeline', 'store', 'bridge', 'share', 'ui', 'engine/*'],
  // Canvas swimlanes: draw what the store and the dataset say; never the worker (the app hands it message text).
  timeline: ['store', 'ui', 'engine/*'],
  // UI state, the dataset handle and what is derived from it (lanes, density); share's limits and regex checks.
  store: ['share', 'engine/*'],
  // Formatting and small hooks shared by the app and the timeline.
  ui: ['engine/*'],
  // The main-thread side of the worker: its type, transfer handlers, life lock; the inline fallback imports the API.
  bridge: ['worker'],
  worker: ['share', 'engine/*'],
  // Share links, redaction, Markdown: pure, run in the worker, on the page and in the CLI.
  share: ['engine/*'],
  cli: ['share', 'engine/*', 'package.json'],
  // The engine, bottom up.
  'engine/model': [],
  'engine/user-pattern': [],
  'engine/templates': ['engine/model'],
  'engine/marks': ['engine/model'],
  'engine/query': ['engine/model'],
  'engine/compare': ['engine/model', 'engine/query'],
  'engine/classify': ['engine/knowledge', 'engine/model', 'engine/user-pattern'],
  'engine/formats': ['engine/classify', 'engine/model'],
  'engine/ingest': ['engine/classify', 'engine/formats', 'engine/model', 'engine/templates'],
  // knowledge <-> rules: rule data files are typed by rules/spec.ts and the built-in rules are made from them;
  // knowledge's case runner analyses each rule's sample logs (analysis runs the rules).
  'engine/knowledge': ['engine/analysis', 'engine/classify', 'engine/ingest', 'engine/model', 'engine/rules', 'engine/user-pattern'],
  'engine/rules': ['engine/ingest', 'engine/knowledge', 'engine/marks', 'engine/model', 'engine/templates', 'engine/user-pattern'],
  'engine/analysis': ['engine/ingest', 'engine/marks', 'engine/model', 'engine/rules', 'engine/templates'],
  'engine/report': ['engine/analysis', 'engine/ingest', 'engine/model'],
  // session <-> sources: a pulled ClickHouse window is a session source, and the session unpacks pulled bundles.
  'engine/sources': ['engine/analysis', 'engine/classify', 'engine/ingest', 'engine/marks', 'engine/rules', 'engine/session'],
  'engine/flows': ['engine/ingest', 'engine/model'],
  'engine/session': ['engine/analysis', 'engine/compare', 'engine/formats', 'engine/ingest', 'engine/model', 'engine/query', 'engine/flows', 'engine/rules', 'engine/sources', 'engine/templates'],
};

const UI = ['main.tsx', 'app', 'timeline', 'ui'];
const ENGINE = Object.keys(DEPS_ALLOWLIST).filter((l) => l.startsWith('engine/'));

/** Package -> the layers that may import it (`engine/*`: any engine layer). Anything not listed is refused. */
export const PACKAGES = {
  react: UI,
  'react-dom': UI,
  zustand: ['store', 'app'],
  d3: ['timeline'],
  comlink: ['bridge', 'worker'],
  papaparse: ['engine/formats'],
  re2js: ['engine/*', 'share'],
  // Only the Vite plugin type of the CSP check (share/csp.ts), used by the build config.
  vite: ['share'],
  esbuild: ['cli'],
  tsx: ['cli'],
  'node:*': ['cli'],
};

/** The layer of a path under src/ (null outside src/). */
export function layerOf(file) {
  const rel = path.relative(SRC, file).split(path.sep);
  if (rel[0] === '..' || path.isAbsolute(rel.join('/'))) return null;
  if (rel.length === 1) return rel[0];
  if (rel[0] !== 'engine') return rel[0];
  return `engine/${rel[1].replace(/\.[cm]?[jt]sx?$/, '')}`;
}

function expand(list) {
  return list.flatMap((l) => (l === 'engine/*' ? ENGINE : [l]));
}

function packageName(spec) {
  if (spec.startsWith('node:')) return 'node:*';
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Why `spec`, imported by `file`, breaks the table (null when it is allowed). */
export function importProblem(file, spec) {
  const from = layerOf(file);
  if (from === null) return null;
  const allowed = DEPS_ALLOWLIST[from];
  if (!allowed) return `src/${from} has no entry in DEPS_ALLOWLIST (test/lint/layers.js): say what it may import.`;
  if (!spec.startsWith('.') && !spec.startsWith('/')) {
    const pkg = packageName(spec);
    const users = PACKAGES[pkg];
    if (!users) return `The package "${pkg}" is not in the PACKAGES table (test/lint/layers.js): say which layers may use it.`;
    return expand(users).includes(from) ? null : `src/${from} may not import "${pkg}" (only ${users.join(', ')} may).`;
  }
  const target = path.resolve(path.dirname(file), spec);
  const to = layerOf(target);
  if (to === null) {
    const rel = path.relative(ROOT, target).split(path.sep).join('/');
    return allowed.includes(rel) ? null : `src/${from} may not import ${rel} (outside src/).`;
  }
  if (to === from) return null;
  if (expand(allowed).includes(to)) return null;
  return `src/${from} may not import src/${to} (DEPS_ALLOWLIST in test/lint/layers.js allows ${allowed.length ? allowed.join(', ') : 'nothing'}).`;
}

const allowedImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder of src/ imports only the layers DEPS_ALLOWLIST allows it.' },
    schema: [],
  },
  create(context) {
    const check = (node, source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const message = importProblem(context.filename, source.value);
      if (message) context.report({ node: source, message });
    };
    const isImportMetaUrl = (n) => n?.type === 'MemberExpression' && n.object.type === 'MetaProperty' && n.property.name === 'url';
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      // Worker entries: new URL('../worker/engine-worker.ts', import.meta.url).
      NewExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'URL' && isImportMetaUrl(node.arguments[1])) check(node, node.arguments[0]);
      },
    };
  },
};

export const layersPlugin = { rules: { 'allowed-imports': allowedImports } };
