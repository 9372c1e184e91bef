// `npm run bench` (not part of `npm test`): the gigabyte-log benchmark.
// Generates a deterministic JSON-lines log (200 MB; 1 GB with
// --large; any size with --size 20MB) into test/bench/data/ (git-ignored),
// times the engine in Node against the naive JSON.parse loop, then loads the
// same file into the production build in headless Chromium. Writes
// test/bench/results/latest.json (and bench-<size>.json) and a table in docs/benchmarks.md
// to /tmp/readme-bench.md.
//
//   npm run bench -- [--size 200MB | --large] [--runs 3] [--workers N]
//                    [--no-browser] [--no-node] [--no-clickhouse] [--clickhouse-only]
//
// Last, the ClickHouse source on a 3-million-row pulled incident (test/clickhouse/bench.ts:
// rows fetched, density and first-finding times), when chDB is installed.

import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { browserBench, type BrowserFigures } from './browser-bench.ts';
import { browserNaive } from './browser-naive.ts';
import { writeDocTable } from './doc-table.ts';
import { cliBench, type CliFigures, type CommandFigure } from './cli-bench.ts';
import { ensureFile } from './generate.ts';
import { nodeBench, type NodeFigures } from './node-bench.ts';

interface Args {
  bytes: number;
  runs: number;
  workers: number;
  node: boolean;
  browser: boolean;
  clickhouse: boolean;
  clickhouseOnly: boolean;
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(kb|mb|gb|k|m|g|b)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}" (try 20MB, 200MB, 1GB)`);
  const unit = (m[2] ?? 'mb').toLowerCase()[0];
  const mult = unit === 'g' ? 1 << 30 : unit === 'k' ? 1 << 10 : unit === 'b' ? 1 : 1 << 20;
  return Math.round(Number(m[1]) * mult);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { bytes: 200 << 20, runs: 3, workers: availableParallelism(), node: true, browser: true, clickhouse: true, clickhouseOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => argv[++i] ?? '';
    if (k === '--large') a.bytes = 1 << 30;
    else if (k === '--size') a.bytes = parseSize(next());
    else if (k === '--runs') a.runs = Math.max(1, Number(next()) || 1);
    else if (k === '--workers') a.workers = Math.max(1, Number(next()) || 1);
    else if (k === '--no-browser') a.browser = false;
    else if (k === '--no-node') a.node = false;
    else if (k === '--no-clickhouse') a.clickhouse = false;
    else if (k === '--clickhouse-only') a.clickhouseOnly = true;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

const label = (bytes: number) => (bytes >= 1 << 30 && bytes % (1 << 30) === 0 ? `${bytes / (1 << 30)}GB` : `${Math.round(bytes / (1 << 20))}MB`);
const fmt = (n: number | undefined, unit = '') => (n === undefined || Number.isNaN(n) ? '–' : `${n.toLocaleString('en-US')}${unit}`);

interface Saved {
  date: string;
  size: string;
  bytes: number;
  nodeBench: NodeFigures | null;
  browser: BrowserFigures | null;
  cli?: CliFigures | null;
  /** The CLI on a one-line file: start-up cost as a user feels it. */
  cliOneLine?: CliFigures | null;
}

/** "1,234 ms (1,100–1,400)", and the speed ratio against a reference command of the same run. */
function cell(f: CommandFigure | undefined, ref?: CommandFigure, refName = ''): string {
  if (!f) return '–';
  if (f.skipped) return f.skipped;
  const ratio = ref && !ref.skipped && ref !== f ? `, ${(ref.medianMs / f.medianMs).toFixed(2)}x ${refName}` : '';
  return `${fmt(f.medianMs, ' ms')} (${fmt(f.minMs)}–${fmt(f.maxMs)}${ratio})`;
}

function cliTable(runs: Saved[]): string[] {
  const rows = runs.filter((r) => r.cli);
  if (!rows.length) return [];
  const lines = [
    'Cold CLI, a fresh process per run as a user runs it (median of the runs, spread in brackets; ratios are speed against the naive loop and lnav in the same run):',
    '',
    '| file | measured | naive loop | `timberline analyze`, 1 thread | 2 threads | lnav -n |',
    '|---|---|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const c = r.cli as CliFigures;
    const by = (prefix: string) => c.commands.find((x) => x.name.startsWith(prefix));
    const naive = by('naive');
    const lnav = by('lnav');
    const vs = (f: CommandFigure | undefined) => `${cell(f, naive, 'naive')}${lnav && !lnav.skipped && f ? `, ${(lnav.medianMs / f.medianMs).toFixed(2)}x lnav` : ''}`;
    lines.push(`| ${r.size} | ${measuredOn(c, r)} | ${cell(naive)} | ${vs(by('timberline, 1'))} | ${vs(by('timberline, 2'))} | ${cell(lnav, naive, 'naive')} |`);
  }
  const oneRun = runs.find((r) => r.cliOneLine);
  const one = oneRun?.cliOneLine;
  const t1 = one?.commands.find((x) => x.name.startsWith('timberline, 1'));
  if (t1 && one) lines.push('', `A one-line file: \`timberline analyze\` in ${cell(t1)} (node, not counting npx; measured ${measuredOn(one, oneRun as Saved)}).`);
  lines.push('');
  return lines;
}

/** " (naive 9,000 ms: 0.50x)": the app's full load against the naive loop timed in the same browser run. */
function naiveCell(b: BrowserFigures): string {
  const n = b.naive;
  if (!n) return '';
  if ('skipped' in n) return ` (naive loop not measured: ${n.skipped})`;
  return ` (naive ${fmt(n.medianMs, ' ms')}, ${n.workers} workers: ${(n.medianMs / (b.loadedMs ?? NaN)).toFixed(2)}x its speed)`;
}

/** The day a half was measured: a run of one half keeps the other half's figures with the day they were taken. */
function measuredOn(half: object, run: Saved): string {
  const m = (half as { measured?: string }).measured;
  return (m ?? run.date).slice(0, 10);
}

/** One docs/benchmarks.md section from the last run of every size (test/bench/results/bench-*.json). */
function markdown(machine: string, runs: Saved[]): string {
  const lines = [`### Benchmark (${machine})`, ''];
  const node = runs.filter((r) => r.nodeBench);
  if (node.length) {
    const w = node[0].nodeBench?.workers ?? 0;
    lines.push(
      'Node, one process, the same generated JSON-lines file for every reader (best of the runs; ratios from the same run):',
      '',
      `| file | measured | lines | naive loop (split + JSON.parse + Date.parse) | engine, 1 thread | engine, ${w} threads |`,
      '|---|---|---:|---:|---:|---:|',
    );
    for (const r of node) {
      const n = r.nodeBench as NodeFigures;
      lines.push(`| ${r.size} | ${measuredOn(n, r)} | ${fmt(n.lines)} | ${fmt(n.naive.mbPerS)} MB/s | ${fmt(n.single.mbPerS)} MB/s (${n.singleVsNaive.toFixed(2)}x) | ${fmt(n.parallel.mbPerS)} MB/s (${n.parallelVsNaive.toFixed(2)}x) |`);
    }
    lines.push('', 'The engine figures include everything ingest does: splitting, parsing, classifying, templating and building the sorted table.', '');
  }
  const br = runs.filter((r) => r.browser);
  if (br.length) {
    lines.push(
      'Headless Chromium, production build, file dropped on the page:',
      '',
      '| file | measured | first timeline drawn | fully loaded (naive loop in the same browser, one worker per core) | first finding listed | main-thread long tasks while loading (count / longest) | JS memory after load: main thread heap / whole page incl. workers | frame time zooming & panning (median / p95) | log list after a jump, until every row shows its message (median / max) |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of br) {
      const b = r.browser as BrowserFigures;
      if (!b.ready) lines.push(`| ${r.size} | ${measuredOn(b, r)} | app not ready: ${b.reason} | | | | | | |`);
      else lines.push(`| ${r.size} | ${measuredOn(b, r)} | ${fmt(b.firstDrawMs, ' ms')} | ${fmt(b.loadedMs, ' ms')}${naiveCell(b)} | ${fmt(b.firstFindingMs, ' ms')} | ${fmt(b.longTasks)} / ${fmt(b.longTaskMaxMs, ' ms')} | ${fmt(b.mainHeapMB, ' MB')} / ${fmt(b.pageMemoryMB, ' MB')} | ${fmt(b.frameMedianMs, ' ms')} / ${fmt(b.frameP95Ms, ' ms')} | ${fmt(b.listJumpMedianMs, ' ms')} / ${fmt(b.listJumpMaxMs, ' ms')} |`);
    }
    lines.push('', 'Whole-page memory is `performance.measureUserAgentSpecificMemory()` (typed arrays included).', '');
  }
  lines.push(...cliTable(runs));
  lines.push('`npm run bench` reproduces these (`-- --large` for 1 GB, `-- --size 20MB` for a quick run); figures land in `test/bench/results/`.', '');
  return lines.join('\n');
}

async function savedRuns(dir: string): Promise<Saved[]> {
  const out: Saved[] = [];
  for (const name of await readdir(dir)) {
    if (!/^bench-.+\.json$/.test(name)) continue;
    try {
      out.push(JSON.parse(await readFile(join(dir, name), 'utf8')) as Saved);
    } catch {
      // a half-written or foreign file: skip it
    }
  }
  return out.sort((a, b) => a.bytes - b.bytes);
}

/** The pulled-incident benchmark in its own process (chDB is a native module of the separate test package). */
function clickhouseBench(root: string): void {
  console.log('ClickHouse: pull the incident from a 3-million-row otel_logs table (chDB on loopback)');
  spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'test/clickhouse/bench.ts'), '3000000'], { cwd: root, stdio: 'inherit' });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(import.meta.dirname, '../..');
  if (args.clickhouseOnly) return clickhouseBench(root);
  const size = label(args.bytes);
  const file = join(root, 'test/bench/data', `bench-${size}.jsonl`);
  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.versions.node}`;
  console.log(`Timberline benchmark: ${size} on ${machine}`);
  console.log(`  generating ${relative(root, file)} (cached)…`);
  await ensureFile(file, args.bytes);

  let node: NodeFigures | null = null;
  if (args.node) {
    console.log(`Node: naive loop vs engine (1 thread, ${args.workers} threads), ${args.runs} runs each`);
    node = await nodeBench(file, args.runs, args.workers);
    console.log(`  naive ${node.naive.mbPerS} MB/s (${node.naive.linesPerS} lines/s)`);
    console.log(`  engine 1 thread ${node.single.mbPerS} MB/s (${node.single.linesPerS} lines/s) = ${node.singleVsNaive}x naive`);
    console.log(`  engine ${node.workers} threads ${node.parallel.mbPerS} MB/s (${node.parallel.linesPerS} lines/s) = ${node.parallelVsNaive}x naive, ${node.parallelVsSingle}x 1 thread${node.parallelMatches ? '' : '  (TABLES DIFFER)'}`);
  }
  let cli: CliFigures | null = null;
  let cliOneLine: CliFigures | null = null;
  if (args.node) {
    console.log(`Cold CLI: a fresh process per run, ${Math.max(3, args.runs)} runs each`);
    cli = await cliBench(file, args.bytes, Math.max(3, args.runs));
    const one = join(root, 'test/bench/data', 'one-line.jsonl');
    await writeFile(one, '{"time":"2024-05-01T00:00:00Z","level":"info","msg":"started"}\n');
    console.log('Cold CLI on a one-line file');
    cliOneLine = await cliBench(one, 0, 7);
  }
  let browser: BrowserFigures | null = null;
  if (args.browser) {
    console.log('Chromium: drop the file into the production build');
    browser = await browserBench(file);
    if (browser.ready) {
      console.log(`  first timeline drawn ${browser.firstDrawMs} ms, fully loaded ${browser.loadedMs} ms, first finding listed ${browser.firstFindingMs ?? '–'} ms`);
      console.log(`  main-thread long tasks while loading: ${browser.longTasks ?? '–'} (longest ${browser.longTaskMaxMs ?? '–'} ms)`);
      console.log(`  JS heap after load: main ${browser.mainHeapMB} MB, whole page ${browser.pageMemoryMB ?? '–'} MB`);
      console.log(`  frames while zooming/panning: median ${browser.frameMedianMs} ms, p95 ${browser.frameP95Ms} ms (${browser.frames} frames)`);
      console.log(`  log list after a jump, until every row shows its message: median ${browser.listJumpMedianMs ?? '–'} ms, max ${browser.listJumpMaxMs ?? '–'} ms`);
      // The app starts one slice worker per core (navigator.hardwareConcurrency): the yardstick gets as many.
      const naive = await browserNaive(file, cpus().length);
      browser.naive = 'skipped' in naive ? naive : { workers: naive.workers, medianMs: naive.medianMs, runsMs: naive.runsMs };
      if ('skipped' in naive) console.log(`  naive loop in Chromium: not measured (${naive.skipped})`);
      else console.log(`  naive loop in Chromium, ${naive.workers} workers: ${naive.medianMs} ms (runs ${naive.runsMs.join(', ')} ms); the app loads at ${(naive.medianMs / (browser.loadedMs ?? NaN)).toFixed(2)}x its speed`);
    }
  }
  const dir = join(root, 'test/bench/results');
  await mkdir(dir, { recursive: true });
  // A run of one half (--no-node, --no-browser) keeps the other half's last figures for this size, marked with their date.
  const before = (await savedRuns(dir)).find((r) => r.size === size);
  const kept = <K extends 'nodeBench' | 'browser' | 'cli' | 'cliOneLine'>(half: K) =>
    before?.[half] ? { ...before[half], measured: (before[half] as { measured?: string }).measured ?? before.date } : null;
  const result = {
    date: new Date().toISOString(),
    size,
    bytes: args.bytes,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? '',
    node: process.versions.node,
    nodeBench: node ?? kept('nodeBench'),
    browser: browser ?? kept('browser'),
    cli: cli ?? kept('cli'),
    cliOneLine: cliOneLine ?? kept('cliOneLine'),
  };
  const json = JSON.stringify(result, null, 2) + '\n';
  // latest.json is the last run; bench-<size>.json keeps the last run of each size (200MB and 1GB side by side).
  await writeFile(join(dir, 'latest.json'), json);
  await writeFile(join(dir, `bench-${size}.json`), json);
  const table = markdown(`${machine}, ${result.date.slice(0, 10)}`, await savedRuns(dir));
  await writeDocTable('bench', table);
  console.log(`wrote ${relative(root, join(dir, 'latest.json'))}, bench-${size}.json and the table in docs/benchmarks.md`);
  if (args.clickhouse) clickhouseBench(root);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
