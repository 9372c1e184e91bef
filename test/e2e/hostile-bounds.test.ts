// Hostile input that used to hang or exhaust the page, in a real browser:
// a backtracking filter (typed, and carried by a share link), an engine
// worker that dies while idle, and a gzip bomb (made on the fly) that stops
// at the decompressed-size ceiling. Each must settle with a message, keep the
// page answering (no long task over 2 s) and leave the app usable. Time and
// memory figures are printed; the asserted ceilings are generous, for a
// shared 2-core machine. Cancel on every path: hostile-cancel.test.ts.

import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dataVersion, dropFiles, waitLoaded } from './harness/browser.ts';
import { guardedBrowser, headerError, shareLink } from './share-helpers.ts';
import { bombFile, removeHostileFiles } from './harness/hostile-files.ts';
import { chromiumRssKb } from './harness/processes.ts';
import { longestTask, MAX_LONG_TASK_MS, watchLongTasks } from './harness/long-tasks.ts';

const { open } = guardedBrowser();
afterAll(removeHostileFiles);
const b64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

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
      await page.setInputFiles('[data-testid="file-input"]', bomb);
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
});
