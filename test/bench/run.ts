// `npm run bench` (not part of `npm test`): the gigabyte-log benchmark of
// issue 6. Generates a deterministic JSON-lines log (200 MB; 1 GB with
// --large; any size with --size 20MB) into test/bench/data/ (git-ignored),
// times the engine in Node against the naive JSON.parse loop, then loads the
// same file into the production build in headless Chromium. Writes
// test/bench/results/latest.json and a README table to /tmp/readme-bench.md.
//
//   npm run bench -- [--size 200MB | --large] [--runs 3] [--workers N]
//                    [--no-browser] [--no-node]

import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { browserBench, type BrowserFigures } from './browser-bench.ts';
import { ensureFile } from './generate.ts';
import { nodeBench, type NodeFigures } from './node-bench.ts';

interface Args {
  bytes: number;
  runs: number;
  workers: number;
  node: boolean;
  browser: boolean;
}

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(kb|mb|gb|k|m|g|b)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}" (try 20MB, 200MB, 1GB)`);
  const unit = (m[2] ?? 'mb').toLowerCase()[0];
  const mult = unit === 'g' ? 1 << 30 : unit === 'k' ? 1 << 10 : unit === 'b' ? 1 : 1 << 20;
  return Math.round(Number(m[1]) * mult);
}

function parseArgs(argv: string[]): Args {
  const a: Args = { bytes: 200 << 20, runs: 3, workers: availableParallelism(), node: true, browser: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => argv[++i] ?? '';
    if (k === '--large') a.bytes = 1 << 30;
    else if (k === '--size') a.bytes = parseSize(next());
    else if (k === '--runs') a.runs = Math.max(1, Number(next()) || 1);
    else if (k === '--workers') a.workers = Math.max(1, Number(next()) || 1);
    else if (k === '--no-browser') a.browser = false;
    else if (k === '--no-node') a.node = false;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

const label = (bytes: number) => (bytes >= 1 << 30 && bytes % (1 << 30) === 0 ? `${bytes / (1 << 30)}GB` : `${Math.round(bytes / (1 << 20))}MB`);
const fmt = (n: number | undefined, unit = '') => (n === undefined || Number.isNaN(n) ? '–' : `${n.toLocaleString('en-US')}${unit}`);

function markdown(size: string, machine: string, node: NodeFigures | null, browser: BrowserFigures | null): string {
  const lines = [`### Benchmark (${size} JSON lines, ${machine})`, ''];
  if (node) {
    lines.push(
      `Node, one process, best of ${node.runs} runs on the same ${fmt(Math.round(node.bytes / (1 << 20)))} MB file (${fmt(node.lines)} lines):`,
      '',
      '| reader | MB/s | lines/s | vs naive |',
      '|---|---:|---:|---:|',
      `| naive loop (split + JSON.parse + Date.parse) | ${fmt(node.naive.mbPerS)} | ${fmt(node.naive.linesPerS)} | 1.00 |`,
      `| engine, 1 thread (parse, classify, template, table) | ${fmt(node.single.mbPerS)} | ${fmt(node.single.linesPerS)} | ${node.singleVsNaive.toFixed(2)} |`,
      `| engine, ${node.workers} threads | ${fmt(node.parallel.mbPerS)} | ${fmt(node.parallel.linesPerS)} | ${node.parallelVsNaive.toFixed(2)} |`,
      '',
    );
  }
  if (browser) {
    if (!browser.ready) lines.push(`Chromium: app not ready (${browser.reason}).`, '');
    else {
      lines.push(
        'Headless Chromium, production build, file dropped on the page:',
        '',
        '| first timeline drawn | fully loaded | JS heap after load (main / whole page) | frame time zooming & panning (median / p95) |',
        '|---:|---:|---:|---:|',
        `| ${fmt(browser.firstDrawMs, ' ms')} | ${fmt(browser.loadedMs, ' ms')} | ${fmt(browser.mainHeapMB, ' MB')} / ${fmt(browser.pageMemoryMB, ' MB')} | ${fmt(browser.frameMedianMs, ' ms')} / ${fmt(browser.frameP95Ms, ' ms')} |`,
        '',
      );
    }
  }
  lines.push('`npm run bench` reproduces these (`-- --large` for 1 GB, `-- --size 20MB` for a quick run); figures land in `test/bench/results/latest.json`.', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(import.meta.dirname, '../..');
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
  let browser: BrowserFigures | null = null;
  if (args.browser) {
    console.log('Chromium: drop the file into the production build');
    browser = await browserBench(file);
    if (browser.ready) {
      console.log(`  first timeline drawn ${browser.firstDrawMs} ms, fully loaded ${browser.loadedMs} ms`);
      console.log(`  JS heap after load: main ${browser.mainHeapMB} MB, whole page ${browser.pageMemoryMB ?? '–'} MB`);
      console.log(`  frames while zooming/panning: median ${browser.frameMedianMs} ms, p95 ${browser.frameP95Ms} ms (${browser.frames} frames)`);
    }
  }
  const result = { date: new Date().toISOString(), size, bytes: args.bytes, cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? '', node: process.versions.node, nodeBench: node, browser };
  const dir = join(root, 'test/bench/results');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  await writeFile('/tmp/readme-bench.md', markdown(size, machine, node, browser));
  console.log(`wrote ${relative(root, join(dir, 'latest.json'))} and /tmp/readme-bench.md`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
