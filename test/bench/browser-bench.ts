// The browser half of `npm run bench`: builds the production app, serves it,
// drops the benchmark file into headless Chromium and measures what a user
// feels: time to the first drawn timeline, to fully loaded and to the first
// finding listed, the main thread's long tasks while loading (count and the
// longest), the JS heap after load, and frame times while zooming and panning.
//
// What it waits for (the app exposes these; see docs/benchmarks.md):
// - `input[type=file]` to drop files into;
// - `.app[data-status]` = "loading" | "ready" and `.app[data-version]`, bumped
//   when a table (partial or final) lands in the store;
// - `[data-timeline-drawn]` on the timeline section, set to the data version
//   the canvas last drew. Without it, the first canvas after a version bump
//   plus two animation frames counts as drawn.
// Until the app has these, this prints "app not ready: <reason>".

import { spawn } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export interface BrowserFigures {
  ready: boolean;
  reason?: string;
  firstDrawMs?: number;
  loadedMs?: number;
  /** Drop to the first finding listed in the findings panel (none listed: undefined). */
  firstFindingMs?: number;
  /** Main-thread tasks over 50 ms between the drop and fully loaded (PerformanceObserver "longtask"). */
  longTasks?: number;
  longTaskMaxMs?: number;
  events?: number;
  /** Main thread JS heap after a forced GC (CDP Runtime.getHeapUsage). */
  mainHeapMB?: number;
  /** Whole page incl. workers (performance.measureUserAgentSpecificMemory), when available. */
  pageMemoryMB?: number;
  /** The part of pageMemoryMB in workers (the engine holds messages and its copy of the table there). */
  workerMemoryMB?: number;
  frameMedianMs?: number;
  frameP95Ms?: number;
  frames?: number;
  /** Jumping the log list to 10 places across the file: time until every row in view shows its message (median / max). */
  listJumpMedianMs?: number;
  listJumpMaxMs?: number;
  /** The naive loop in the same browser, one Web Worker per core (browser-naive.ts), timed right after the app. */
  naive?: { workers: number; medianMs: number; runsMs: number[] } | { skipped: string };
}

const ROOT = resolve(import.meta.dirname, '../..');
export const OUT = join(ROOT, 'test/.out/dist-bench');
export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--enable-blink-features=ForceEagerMeasureMemory', '--js-flags=--expose-gc'];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json', '.log': 'text/plain', '.jsonl': 'text/plain', '.txt': 'text/plain', '.gz': 'application/gzip', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json' };

/** `extra` vite flags: the profiler builds unminified (`--minify false`) so its function names read. */
export function build(log: (s: string) => void, outDir = OUT, extra: string[] = []): Promise<string | null> {
  log('  building the app (vite build)…');
  return new Promise((res) => {
    const p = spawn('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => res(code === 0 ? null : `build failed: ${err.split('\n').filter((l) => l && !l.includes('npm warn')).slice(0, 3).join(' ')}`));
  });
}

/** A tiny static server; cross-origin isolated so the page can measure its own memory, workers included. */
export function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res(server)));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Wait until the timeline drew `version` (or, without the attribute, a canvas after it plus two frames). */
async function waitDrawn(page: Page, version: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (v) => {
      const app = document.querySelector('.app');
      const drawn = document.querySelector('[data-timeline-drawn]');
      if (drawn) return Number(drawn.getAttribute('data-timeline-drawn')) >= v;
      return Number(app?.getAttribute('data-version') ?? 0) >= v && document.querySelector('.timeline-slot canvas, canvas') !== null;
    },
    version,
    { timeout: timeoutMs, polling: 100 },
  );
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

async function heap(page: Page): Promise<{ main: number; total?: number; workers?: number }> {
  // Chromium runs with --js-flags=--expose-gc, so each worker can be asked to collect its garbage too.
  for (const w of page.workers()) await w.evaluate('globalThis.gc?.()').catch(() => undefined);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  const measured = await page.evaluate(async () => {
    type Breakdown = { bytes: number; attribution: { scope: string }[] };
    const p = performance as Performance & { measureUserAgentSpecificMemory?: () => Promise<{ bytes: number; breakdown: Breakdown[] }> };
    if (!self.crossOriginIsolated || !p.measureUserAgentSpecificMemory) return undefined;
    try {
      const m = await p.measureUserAgentSpecificMemory();
      const workers = m.breakdown.filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')).reduce((a, b) => a + b.bytes, 0);
      return { total: m.bytes, workers };
    } catch {
      return undefined;
    }
  });
  return { main: usedSize, total: measured?.total, workers: measured?.workers };
}

/**
 * Jump the log list to ten places spread over the file and time how long until
 * every row in view shows its message: rows whose one-off message was not kept
 * in memory are read back from the file (and parsed again) when shown.
 */
async function listJumps(page: Page): Promise<number[]> {
  const out: number[] = [];
  for (let k = 1; k <= 10; k++) {
    const t = await page.evaluate((at) => {
      const el = document.querySelector('.log-scroll');
      if (!el) return -1;
      el.scrollTop = (el.scrollHeight - el.clientHeight) * at;
      el.dispatchEvent(new Event('scroll'));
      return performance.now();
    }, k / 10.5);
    if (t < 0) return out;
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('.log-row');
      return rows.length > 0 && document.querySelectorAll('.log-row .c-msg .muted').length === 0;
    }, undefined, { timeout: 30_000, polling: 'raf' });
    out.push((await page.evaluate(() => performance.now())) - t);
  }
  return out;
}

/** Zoom in and out with the wheel and pan by dragging, timing frames with requestAnimationFrame meanwhile. */
async function frameTimes(page: Page): Promise<number[]> {
  const canvas = await page.$('.timeline-slot canvas') ?? (await page.$('canvas'));
  if (!canvas) return [];
  const box = await canvas.boundingBox();
  if (!box) return [];
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean };
    w.__frames = [];
    w.__framing = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (w.__framing) requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(tick);
    });
  });
  const cx = box.x + box.width / 2;
  const cy = box.y + Math.min(box.height / 2, 60);
  await page.mouse.move(cx, cy);
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, -240); // zoom in
    await page.waitForTimeout(40);
  }
  for (let i = 0; i < 6; i++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(cx - k * 25 * (i % 2 ? -1 : 1), cy, { steps: 1 });
    await page.mouse.up();
  }
  for (let i = 0; i < 12; i++) {
    await page.mouse.wheel(0, 240); // zoom out
    await page.waitForTimeout(40);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framing: boolean };
    w.__framing = false;
    return w.__frames;
  });
}

/** `dist`: an app already built there (browser-ab.ts compares two builds); otherwise the working tree is built first. */
export async function browserBench(file: string, log: (s: string) => void = console.log, timeoutMs = 15 * 60_000, dist?: string): Promise<BrowserFigures> {
  const notReady = (reason: string): BrowserFigures => {
    log(`  app not ready: ${reason}`);
    return { ready: false, reason };
  };
  if (!existsSync(CHROMIUM)) return notReady(`no Chromium at ${CHROMIUM}`);
  const failed = dist ? null : await build(log);
  if (failed) return notReady(failed);
  const server = await serve(dist ?? OUT);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx compiles this file with esbuild's keepNames, which wraps functions passed to evaluate() in __name().
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    // Long tasks and the first finding, recorded by the page itself from the start (no polling gaps).
    await page.addInitScript({
      content: `globalThis.__longTasks = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
        const seeFinding = () => { if (globalThis.__firstFindingAt === undefined && document.querySelector('ol.findings li')) globalThis.__firstFindingAt = performance.now(); };
        new MutationObserver(seeFinding).observe(document, { childList: true, subtree: true });`,
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const input = await page.waitForSelector('input[type=file]', { state: 'attached', timeout: 20_000 }).catch(() => null);
    if (!input) return notReady(`no <input type=file> on the page${errors.length ? ` (${errors[0]})` : ''}`);
    const before = await page.evaluate(() => Number(document.querySelector('.app')?.getAttribute('data-version') ?? 0));
    log('  dropping the file into the page…');
    const t0 = await page.evaluate(() => performance.now());
    await input.setInputFiles(file);
    try {
      await waitDrawn(page, before + 1, timeoutMs);
    } catch {
      return notReady(`no timeline was drawn within ${timeoutMs / 1000} s${errors.length ? ` (${errors[0]})` : ''}`);
    }
    const firstDrawMs = (await page.evaluate(() => performance.now())) - t0;
    try {
      const v = await page.waitForFunction(() => {
        const app = document.querySelector('.app');
        return app?.getAttribute('data-status') === 'ready' ? Number(app.getAttribute('data-version')) : 0;
      }, undefined, { timeout: timeoutMs, polling: 100 });
      const failed = await page.evaluate(() => /Could not load[^\n]*/.exec(document.body.innerText)?.[0]);
      if (failed) return notReady(`the load failed: ${failed}`);
      await waitDrawn(page, (await v.jsonValue()) as number, timeoutMs);
    } catch {
      return notReady(`the load did not finish within ${timeoutMs / 1000} s${errors.length ? ` (${errors[0]})` : ''}`);
    }
    const loadedMs = (await page.evaluate(() => performance.now())) - t0;
    const during = await page.evaluate(([from, to]) => {
      const g = globalThis as unknown as { __longTasks: [number, number][]; __firstFindingAt?: number };
      const tasks = g.__longTasks.filter(([start]) => start >= from && start <= to).map(([, d]) => d);
      return { tasks, firstFindingAt: g.__firstFindingAt };
    }, [t0, t0 + loadedMs]);
    const mem = await heap(page);
    const frames = (await frameTimes(page)).filter((f) => f > 0).sort((a, b) => a - b);
    const jumps = (await listJumps(page)).sort((a, b) => a - b);
    // The header's event count ("948,249 events"), so two builds can be checked to load the same rows.
    const events = await page.evaluate(() => {
      const text = document.querySelector('[data-events]')?.getAttribute('data-events') ?? /([\d,]+) events/.exec(document.querySelector('header')?.textContent ?? '')?.[1];
      return text ? Number(text.replace(/,/g, '')) : undefined;
    });
    return {
      ready: true,
      firstDrawMs: Math.round(firstDrawMs),
      loadedMs: Math.round(loadedMs),
      firstFindingMs: during.firstFindingAt !== undefined ? Math.round(during.firstFindingAt - t0) : undefined,
      longTasks: during.tasks.length,
      longTaskMaxMs: during.tasks.length ? Math.round(Math.max(...during.tasks)) : 0,
      events,
      mainHeapMB: +(mem.main / (1 << 20)).toFixed(1),
      pageMemoryMB: mem.total !== undefined ? +(mem.total / (1 << 20)).toFixed(1) : undefined,
      workerMemoryMB: mem.workers !== undefined ? +(mem.workers / (1 << 20)).toFixed(1) : undefined,
      frameMedianMs: frames.length ? +percentile(frames, 0.5).toFixed(1) : undefined,
      frameP95Ms: frames.length ? +percentile(frames, 0.95).toFixed(1) : undefined,
      frames: frames.length,
      listJumpMedianMs: jumps.length ? Math.round(percentile(jumps, 0.5)) : undefined,
      listJumpMaxMs: jumps.length ? Math.round(jumps[jumps.length - 1]) : undefined,
    };
  } catch (e) {
    return notReady(e instanceof Error ? e.message.split('\n')[0] : String(e));
  } finally {
    await browser?.close();
    server.close();
  }
}
