// Hostile input that used to hang or exhaust the page, in a real browser:
// a backtracking filter (typed, and carried by a share link), an engine
// worker that dies, a ?url= download cancelled or superseded, and a gzip bomb
// (made on the fly) that stops at the decompressed-size ceiling. Each must
// settle with a message, keep the page answering (no long task over 2 s) and
// leave the app usable. Time and memory figures are printed; the asserted
// ceilings are generous, for a shared 2-core machine.

import { createServer, type ServerResponse, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dataVersion, dropFiles, waitLoaded } from './harness/browser.ts';
import { guardedBrowser, headerError, shareLink } from './share-helpers.ts';
import { gzipBomb } from '../fixtures/hostile/gzip-bomb.ts';

const { open } = guardedBrowser();
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');
const MAX_LONG_TASK_MS = 2_000;

/** Record the page's long tasks from the start, to assert it never stopped answering for long. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}
const longestTask = (page: Page) => page.evaluate(() => (window as unknown as { __longest: number }).__longest);

const hostileLines = (n: number) => Array.from({ length: n }, (_, i) => `2024-05-01T10:00:${String(i).padStart(2, '0')}Z ERROR ${'a'.repeat(4000)}!\n`).join('');

async function filterSettles(page: Page, text: string): Promise<string | null> {
  await page.fill('#log-filter-text', text);
  await page.waitForFunction(() => !document.querySelector('.search-state:not(.error-text)'), null, { timeout: 20_000 });
  return page.locator('#log-filter-error').textContent({ timeout: 500 }).catch(() => null);
}

describe('a backtracking filter', () => {
  it('settles at once, typed or carried by a share link, and the next file still loads', async () => {
    const { page } = await open(inject('baseUrl'));
    await watchLongTasks(page);
    await dropFiles(page, [{ name: 'aaaa.log', b64: b64(hostileLines(30)) }]);
    for (const f of ['/(a+)+$/', '/((a)+)+$/', '/(a|a)+$/']) {
      expect(await filterSettles(page, f)).toBeNull();
      expect(await page.locator('.log-row').count()).toBe(0);
    }
    expect(await filterSettles(page, '/(a)\\1/')).toMatch(/refused: it uses a backreference/);
    await filterSettles(page, '/(a+)+$/');
    const link = await shareLink(page);
    await page.keyboard.press('Escape');

    const other = await open(link);
    await watchLongTasks(other.page);
    await waitLoaded(other.page, 0);
    await other.page.waitForFunction(() => (document.querySelector('#log-filter-text') as HTMLInputElement | null)?.value === '/(a+)+$/');
    await other.page.waitForFunction(() => !document.querySelector('.search-state'), null, { timeout: 20_000 });
    const before = await dataVersion(other.page);
    await dropFiles(other.page, [{ name: 'next.log', b64: b64('2024-05-01T11:00:00Z INFO fine\n') }]);
    expect(await dataVersion(other.page)).toBeGreaterThan(before);
    expect(await longestTask(page)).toBeLessThan(MAX_LONG_TASK_MS);
    expect(await longestTask(other.page)).toBeLessThan(MAX_LONG_TASK_MS);
  });
});

describe('an engine worker that dies', () => {
  it('is noticed: pending work fails with a message, a new worker answers, the files can be reloaded', async () => {
    const { page } = await open(inject('baseUrl'));
    await dropFiles(page, [{ name: 'app.log', b64: b64('2024-05-01T10:00:00Z INFO one\n2024-05-01T10:00:01Z ERROR two\n') }]);
    const engine = page.workers().find((w) => /engine-worker/.test(w.url()));
    expect(engine, 'the engine worker').toBeDefined();
    await engine!.evaluate('close()').catch(() => undefined);
    await page.fill('#log-filter-text', 'two');
    expect(await headerError(page)).toMatch(/The engine stopped unexpectedly/);
    const before = await dataVersion(page);
    await page.click('header button:has-text("Reload files")');
    await waitLoaded(page, before);
    expect(await page.textContent('.status-title')).toBe('app.log');
    expect(await filterSettles(page, 'two')).toBeNull();
    expect(await page.locator('.log-row').count()).toBe(1);
  });
});

/** A big log on disk (path handed to the browser), text or JSON lines (the latter is read in slices by nested workers). */
const bigFiles: string[] = [];
function bigLog(mb: number, json: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'timberline-big-'));
  const path = join(dir, json ? 'big.jsonl' : 'big.log');
  const line = (i: number) =>
    json ? `{"time":"2024-05-01T10:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:00Z","level":"info","msg":"request ${i} served","ms":${i % 97}}\n` : `2024-05-01T10:${String(Math.floor(i / 60000) % 60).padStart(2, '0')}:00Z INFO request ${i} served in ${i % 97} ms\n`;
  const block = Array.from({ length: 20_000 }, (_, i) => line(i)).join('');
  writeFileSync(path, block.repeat(Math.ceil((mb << 20) / block.length)));
  bigFiles.push(dir);
  return path;
}
afterAll(() => {
  for (const d of bigFiles) rmSync(d, { recursive: true, force: true });
});

/** Click Cancel and measure, in the page, how long until the load has stopped. */
async function cancelMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const t = performance.now();
    (document.querySelector('.load-progress button') as HTMLButtonElement).click();
    while (document.querySelector('.app')?.getAttribute('data-status') === 'loading') await new Promise((r) => setTimeout(r, 5));
    return performance.now() - t;
  });
}

describe('loads that die or are cancelled', () => {
  it('an engine worker dying mid-load fails the load with a message and offers the files again', async () => {
    const { page } = await open(inject('baseUrl'));
    await page.setInputFiles('input[type="file"]', bigLog(120, false));
    await page.waitForFunction(() => /MB of/.test(document.querySelector('.load-progress')?.textContent ?? '') && !/^0 B/.test(document.querySelector('.load-progress .muted')?.textContent ?? ''), null, { timeout: 30_000 });
    const engine = page.workers().find((w) => /engine-worker/.test(w.url()));
    await engine!.evaluate('close()').catch(() => undefined);
    expect(await headerError(page)).toMatch(/The engine stopped unexpectedly/);
    expect(await page.locator('header button:has-text("Reload files")').count()).toBe(1);
  });

  it.each([
    ['a plain file', false],
    ['a file read in slices', true],
  ])('Cancel stops %s quickly', async (_name, json) => {
    const { page } = await open(inject('baseUrl'));
    await page.setInputFiles('input[type="file"]', bigLog(200, json));
    await page.waitForFunction(() => !/^0 B/.test(document.querySelector('.load-progress .muted')?.textContent ?? '0 B'), null, { timeout: 30_000 });
    const ms = await cancelMs(page);
    console.log(`cancel of ${_name} took ${ms.toFixed(0)} ms`);
    expect(await headerError(page)).toMatch(/cancelled/i);
    // The aim is tens of ms; a loaded 2-core machine is slower: a generous ceiling.
    expect(ms).toBeLessThan(3_000);
  });
});

describe('?url= downloads', () => {
  let server: Server;
  let origin = '';
  const stalled: ServerResponse[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      // Sends a first chunk, then waits: the download stays in flight until the test lets it finish.
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.write(`2024-05-01T10:00:00Z INFO slow download ${'x'.repeat(2000)}\n`);
      stalled.push(res);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const a = server.address();
    origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(async () => {
    for (const r of stalled) r.destroy();
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  });
  const finishAll = () => {
    for (const r of stalled.splice(0)) r.end('2024-05-01T10:00:05Z ERROR late download finished\n');
  };

  it('stops on Cancel, and the download never replaces the session', async () => {
    const { page } = await open(`${inject('baseUrl')}?url=${encodeURIComponent(`${origin}/slow.log`)}`);
    await page.locator('.load-progress button:has-text("Cancel")').waitFor();
    const t0 = Date.now();
    await page.click('.load-progress button:has-text("Cancel")');
    expect(await headerError(page)).toMatch(/cancelled/i);
    console.log(`?url= cancel took ${Date.now() - t0} ms`);
    finishAll();
    await page.waitForTimeout(500);
    expect(await page.locator('.empty-state').count()).toBe(1);
  });

  it('is superseded by files dropped meanwhile: the late download is dropped', async () => {
    const { page } = await open(`${inject('baseUrl')}?url=${encodeURIComponent(`${origin}/slow.log`)}`);
    await page.locator('.load-progress').waitFor();
    await dropFiles(page, [{ name: 'mine.log', b64: b64('2024-05-01T09:00:00Z INFO mine\n') }]);
    finishAll();
    await page.waitForTimeout(800);
    expect(await page.textContent('.status-title')).toBe('mine.log');
    expect(await page.locator('.status-error').count()).toBe(0);
  });
});

/** Resident memory of every Chromium process started under this test process (KiB). */
function chromiumRssKb(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      parent.set(Number(d), Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(Number(d), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, kb] of rss) if (mine(pid)) total += kb;
  return total;
}

/**
 * The bomb (about 30 MB inflating to 10 GB) as a file on disk: handing the
 * browser a path, not a 30 MB buffer, keeps the test's own upload from being
 * the page's longest task.
 */
let bombPath: string | null = null;
async function bombFile(): Promise<string> {
  if (!bombPath) {
    const dir = mkdtempSync(join(tmpdir(), 'timberline-bomb-'));
    bombPath = join(dir, 'bomb.log.gz');
    writeFileSync(bombPath, await gzipBomb(10 * 1024));
  }
  return bombPath;
}
afterAll(() => {
  if (bombPath) rmSync(dirname(bombPath), { recursive: true, force: true });
});

describe('a gzip bomb', () => {
  it('stops at the decompressed-size ceiling with a notice and keeps what it read, under 2 GB', async () => {
    const { page } = await open(inject('baseUrl'));
    await watchLongTasks(page);
    const bomb = await bombFile();
    // What the bomb costs: the browser's memory beyond what it held before (other tests' pages stay open).
    const baseline = chromiumRssKb();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssKb())), 250);
    const t0 = Date.now();
    try {
      await page.setInputFiles('input[type="file"]', bomb);
      await page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready', null, { timeout: 120_000 });
    } finally {
      clearInterval(sampler);
    }
    console.log(`gzip bomb: ${Date.now() - t0} ms, browser memory ${(baseline / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB`);
    const showBtn = page.locator('section[aria-label="Files"] button:has-text("Show")');
    if (await showBtn.count()) await showBtn.click();
    expect(await page.textContent('section[aria-label="Files"]')).toMatch(/stopped at the decompressed-size ceiling per \.gz file \(128 MB\)/);
    expect(await page.textContent('.status')).toMatch(/[\d,]{9,} events/);
    expect(peak - baseline).toBeLessThan(2 * 1024 * 1024);
    expect(await longestTask(page)).toBeLessThan(MAX_LONG_TASK_MS);
  }, 180_000);

  it('stops when cancelled, quickly', async () => {
    const { page } = await open(inject('baseUrl'));
    await page.setInputFiles('input[type="file"]', await bombFile());
    // The progress bar counts compressed bytes and shows the decompressed ones beside them.
    await page.waitForFunction(() => /MB decompressed/.test(document.querySelector('.load-progress')?.textContent ?? ''), null, { timeout: 30_000 });
    const ms = await cancelMs(page);
    console.log(`gzip bomb cancel took ${ms.toFixed(0)} ms`);
    expect(await headerError(page)).toMatch(/cancelled/i);
    // The aim is tens of ms; on a loaded 2-core machine it has measured 0.1-2 s, so the ceiling is generous.
    expect(ms).toBeLessThan(3_000);
  }, 120_000);
});
