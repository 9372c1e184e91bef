// Where a browser load spends its time, thread by thread: drops a benchmark
// file into an unminified production build in headless Chromium with V8's
// sampling profiler traced on every thread (page, engine worker, slice
// workers), then prints each thread's busy time, its garbage collection and
// the functions that cost most (self and inclusive). `npm run bench` says how
// fast a load is; this says why.
//
//   npx tsx test/bench/browser-profile.ts [--size 200MB] [--top 25] [--trace out.json]
//                                         [--dist DIR (an app already built)] [--cpu (CPU per thread only, no sampling)]

import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { ARGS, build, CHROMIUM, serve } from './browser-bench.ts';
import { ensureFile } from './generate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'test/.out/dist-profile');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  id?: string;
  ts?: number;
  dur?: number;
  /** The thread's CPU time in the event (wall `dur` includes time the OS gave to other processes). */
  tdur?: number;
  args?: { name?: string; data?: { startTime?: number; cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

interface ThreadProfile {
  name: string;
  thread: string;
  nodes: Map<number, ProfileNode>;
  samples: number[];
  deltas: number[];
}

function parseArgs(argv: string[]) {
  const a = { bytes: 200 << 20, top: 25, trace: '', dist: '', sample: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--size') a.bytes = Math.round(Number(/^(\d+)/.exec(argv[++i] ?? '')?.[1] ?? 200) * (/gb$/i.test(argv[i]) ? 1 << 30 : 1 << 20));
    else if (k === '--top') a.top = Number(argv[++i]) || 25;
    else if (k === '--trace') a.trace = argv[++i] ?? '';
    else if (k === '--dist') a.dist = resolve(argv[++i] ?? '');
    else if (k === '--cpu') a.sample = false;
    else throw new Error(`unknown option ${k}`);
  }
  return a;
}

/** One profile per (process, profile id): Chromium streams each thread's samples as chunks. */
function profiles(events: TraceEvent[]): ThreadProfile[] {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  const byId = new Map<string, ThreadProfile>();
  for (const e of events) {
    if (e.name !== 'Profile' && e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    let p = byId.get(key);
    if (!p) {
      p = { name: `${threadNames.get(`${e.pid}:${e.tid}`) ?? 'thread'} (${e.pid}:${e.tid})`, thread: `${e.pid}:${e.tid}`, nodes: new Map(), samples: [], deltas: [] };
      byId.set(key, p);
    }
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(data?.timeDeltas ?? []));
  }
  return [...byId.values()];
}

/**
 * CPU time per thread: the top-level traced tasks' thread time. On a shared
 * machine a thread's samples include the time it waited for a core, so this
 * is the figure to compare between runs.
 */
function cpuByThread(events: TraceEvent[]): Map<string, number> {
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.tdur === undefined || e.dur === undefined || e.ts === undefined) continue;
    const k = `${e.pid}:${e.tid}`;
    const list = byThread.get(k) ?? [];
    list.push(e);
    byThread.set(k, list);
  }
  const out = new Map<string, number>();
  for (const [k, list] of byThread) {
    list.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0) || (b.dur ?? 0) - (a.dur ?? 0));
    let end = -Infinity;
    let cpu = 0;
    for (const e of list) {
      if ((e.ts ?? 0) < end) continue; // nested in a task already counted
      cpu += e.tdur ?? 0;
      end = (e.ts ?? 0) + (e.dur ?? 0);
    }
    out.set(k, cpu / 1000);
  }
  return out;
}

const label = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*\/assets\//, '')}:${f.lineNumber + 1}` : ''}`.trim();

function report(p: ThreadProfile, top: number, cpuMs: number | undefined): string[] {
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.deltas[i + 1] ?? p.deltas[i] ?? 0) / 1000;
    const leaf = p.nodes.get(p.samples[i]);
    if (!leaf) continue;
    const name = label(leaf.callFrame);
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') {
      idle += dt;
      continue;
    }
    busy += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = n.parent !== undefined ? p.nodes.get(n.parent) : undefined) {
      const l = label(n.callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      incl.set(l, (incl.get(l) ?? 0) + dt);
    }
  }
  const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `    ${v.toFixed(0).padStart(6)} ms  ${(100 * v / Math.max(1, busy)).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `${p.name}: CPU ${cpuMs?.toFixed(0) ?? '?'} ms, sampled busy ${busy.toFixed(0)} ms (incl. waiting for a core), idle/program ${idle.toFixed(0)} ms, GC ${(self.get('(garbage collector)') ?? 0).toFixed(0)} ms`,
    '  self:', ...rows(self),
    '  inclusive:', ...rows(incl),
  ];
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  // Named as `npm run bench` names it, so both read the same generated file.
  const label = a.bytes >= 1 << 30 && a.bytes % (1 << 30) === 0 ? `${a.bytes / (1 << 30)}GB` : `${Math.round(a.bytes / (1 << 20))}MB`;
  const file = join(ROOT, 'test/bench/data', `bench-${label}.jsonl`);
  await ensureFile(file, a.bytes);
  if (!a.dist) {
    const failed = await build(console.log, OUT, ['--minify', 'false']);
    if (failed) throw new Error(failed);
  }
  const server = await serve(a.dist || OUT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const input = await page.waitForSelector('input[type=file]', { state: 'attached', timeout: 20_000 });
    const categories = ['v8.execute', 'devtools.timeline', '__metadata'];
    await browser.startTracing(undefined, { categories: a.sample ? ['disabled-by-default-v8.cpu_profiler', ...categories] : categories });
    const t0 = Date.now();
    await input.setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && Number(document.querySelector('.app')?.getAttribute('data-version')) > 0, undefined, { timeout: 15 * 60_000, polling: 100 });
    const loadedMs = Date.now() - t0;
    const trace = await browser.stopTracing();
    if (a.trace) await writeFile(a.trace, trace);
    const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const cpu = cpuByThread(events);
    if (!a.sample) {
      const page = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && /CrRendererMain|DedicatedWorker/.test(e.args?.name ?? ''));
      const mine = page.map((e) => `${e.pid}:${e.tid}`).filter((k) => (cpu.get(k) ?? 0) > 20);
      const total = mine.reduce((sum, k) => sum + (cpu.get(k) ?? 0), 0);
      console.log(`loaded in ${loadedMs} ms; CPU of the page's main thread and workers ${total.toFixed(0)} ms (${mine.map((k) => (cpu.get(k) ?? 0).toFixed(0)).join(' + ')})`);
      return;
    }
    console.log(`loaded in ${loadedMs} ms (profiled${a.dist ? '' : ', unminified'}: slower than npm run bench)`);
    const threads = profiles(events).filter((x) => x.samples.length > 0);
    const total = threads.reduce((sum, p) => sum + (cpu.get(p.thread) ?? 0), 0);
    console.log(`CPU of the page's JS threads: ${total.toFixed(0)} ms`);
    for (const p of threads) console.log(report(p, a.top, cpu.get(p.thread)).join('\n'));
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
