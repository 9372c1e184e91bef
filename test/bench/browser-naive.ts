// The yardstick in the browser: the naive loop (stream the file, decode,
// split lines, `JSON.parse` each, `Date.parse` its time; test/bench/naive.ts)
// run in headless Chromium by N Web Workers, each on a contiguous range of
// the file cut at line ends. The app's load is then compared with the
// simplest parallel reader the same browser runs on the same machine, as the
// Node half compares the engine with the naive loop in Node.
//
//   npx tsx test/bench/browser-naive.ts [--size 1GB] [--workers 2] [--runs 2]

import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { ARGS, CHROMIUM, serve } from './browser-bench.ts';
import { ensureFile } from './generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, 'test/.out/browser-naive');

export interface BrowserNaive {
  workers: number;
  /** Median wall time from the file being picked to the last worker done. */
  medianMs: number;
  runsMs: number[];
  lines: number;
  parsed: number;
}

/** The worker: the loop of test/bench/naive.ts over one byte range of the file. */
const WORKER = `
const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', '@t'];
onmessage = async (e) => {
  const { file, start, end } = e.data;
  const decoder = new TextDecoder();
  let carry = '';
  let lines = 0, parsed = 0, timed = 0;
  const handle = (line) => {
    lines++;
    let o;
    try { o = JSON.parse(line); } catch { return; }
    parsed++;
    if (typeof o !== 'object' || o === null) return;
    for (const k of TIME_KEYS) {
      const v = o[k];
      if (v !== undefined) { if (Number.isFinite(Date.parse(String(v)))) timed++; break; }
    }
  };
  const reader = file.slice(start, end).stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = carry + decoder.decode(value, { stream: true });
    const parts = text.split('\\n');
    carry = parts.pop() ?? '';
    for (const p of parts) handle(p);
  }
  carry += decoder.decode();
  if (carry) handle(carry);
  postMessage({ lines, parsed, timed });
};`;

/** The page: cuts the file at line ends near equal shares, starts the workers, reports when all are done. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>naive loop</title><input type="file">
<script type="module">
async function cutAt(file, at) {
  if (at <= 0 || at >= file.size) return Math.max(0, Math.min(at, file.size));
  for (let from = at; from < file.size; from += 65536) {
    const bytes = new Uint8Array(await file.slice(from, from + 65536).arrayBuffer());
    const nl = bytes.indexOf(10);
    if (nl >= 0) return from + nl + 1;
  }
  return file.size;
}
document.querySelector('input').addEventListener('change', async (ev) => {
  const t0 = performance.now();
  const file = ev.target.files[0];
  const n = Number(new URL(location.href).searchParams.get('workers')) || 2;
  const cuts = [0];
  for (let i = 1; i < n; i++) cuts.push(await cutAt(file, Math.floor((file.size * i) / n)));
  cuts.push(file.size);
  const done = [];
  for (let i = 0; i < n; i++) {
    const w = new Worker('worker.js');
    done.push(new Promise((res) => { w.onmessage = (m) => { w.terminate(); res(m.data); }; }));
    w.postMessage({ file, start: cuts[i], end: cuts[i + 1] });
  }
  const parts = await Promise.all(done);
  globalThis.__naive = { ms: performance.now() - t0, lines: parts.reduce((a, p) => a + p.lines, 0), parsed: parts.reduce((a, p) => a + p.parsed, 0) };
});
</script>`;

/** Times the naive loop in Chromium on `file` with `workers` workers, `runs` times (a fresh page each). */
export async function browserNaive(file: string, workers: number, runs = 2, timeoutMs = 15 * 60_000): Promise<BrowserNaive | { skipped: string }> {
  await mkdir(DIR, { recursive: true });
  await writeFile(join(DIR, 'index.html'), PAGE);
  await writeFile(join(DIR, 'worker.js'), WORKER);
  const server = await serve(DIR);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const runsMs: number[] = [];
    let last = { lines: 0, parsed: 0 };
    for (let r = 0; r < runs; r++) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?workers=${workers}`);
      await (await page.waitForSelector('input[type=file]', { state: 'attached' })).setInputFiles(file);
      const handle = await page.waitForFunction(() => (globalThis as { __naive?: unknown }).__naive, undefined, { timeout: timeoutMs, polling: 50 });
      const got = (await handle.jsonValue()) as { ms: number; lines: number; parsed: number };
      runsMs.push(Math.round(got.ms));
      last = got;
      await page.close();
    }
    const sorted = runsMs.slice().sort((a, b) => a - b);
    return { workers, medianMs: sorted[Math.floor((sorted.length - 1) / 2)], runsMs, lines: last.lines, parsed: last.parsed };
  } catch (e) {
    return { skipped: e instanceof Error ? e.message.split('\n')[0] : String(e) };
  } finally {
    await browser?.close();
    server.close();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string, fallback: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const size = opt('--size', '200MB');
  const m = /^(\d+)(MB|GB)$/i.exec(size);
  if (!m) throw new Error(`--size takes e.g. 200MB or 1GB, not ${size}`);
  const bytes = Number(m[1]) * (m[2].toUpperCase() === 'GB' ? 1 << 30 : 1 << 20);
  // Named as `npm run bench` names it, so both read the same generated file.
  const file = join(ROOT, 'test/bench/data', `bench-${m[1]}${m[2].toUpperCase()}.jsonl`);
  await ensureFile(file, bytes);
  const result = await browserNaive(file, Number(opt('--workers', '2')), Number(opt('--runs', '2')));
  console.log(JSON.stringify(result));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
