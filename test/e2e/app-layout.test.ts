// Layout at a laptop size (1280×720): the splitter between timeline and list
// moves by mouse and keyboard and is remembered across a reload; every source
// lane of a five-file incident fits without an inner scroll; an empty file is
// listed but gets no lane; a window over two days names the days on the axis
// and the list's time column does not run into LEVEL; the findings are a few
// Tab presses away (the first stop skips to them); an invalid query keeps the rows and says why beneath the box.

import { describe, expect, inject, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { dropFiles, launch, openPage, readPayloads, laneIds } from './harness/browser.ts';
import { ROOT } from './harness/browser.ts';
import type { Browser, BrowserContext } from 'playwright-core';

const FIX = (f: string) => resolve(ROOT, 'test/fixtures', f);
const FILES = ['e2e/proxy.jsonl', 'e2e/worker.log', 'e2e/db-local-time.log', 'e2e/two-days.log', 'text/access-clf.log'].map(FIX);

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await openPage(browser, inject('baseUrl'), { width: 1280, height: 720 }));
  await dropFiles(page, [...readPayloads(FILES), { name: 'empty.log', b64: '' }]);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const slotHeight = (p: Page) => p.$eval('.timeline-slot', (e) => Math.round(e.getBoundingClientRect().height));

describe('layout at 1280×720', () => {
  it('shows every source lane without an inner scroll, and no lane for the empty file', async () => {
    const lanes = await laneIds(page);
    expect(lanes.filter((l) => l.startsWith('file:'))).toEqual(['file:proxy.jsonl', 'file:worker.log', 'file:db-local-time.log', 'file:two-days.log', 'file:access-clf.log']);
    // The empty file is still in the Files panel.
    expect(await page.locator('section[aria-label="Files"] .file-name', { hasText: 'empty.log' }).count()).toBe(1);
    const scroll = await page.$eval('.tl-scroll', (e) => ({ client: e.clientHeight, scroll: e.scrollHeight }));
    expect(scroll.scroll).toBeLessThanOrEqual(scroll.client + 1);
    const bottom = await page.$eval('.tl-scroll', (e) => e.getBoundingClientRect().bottom);
    const last = await page.$eval('[data-lane="file:access-clf.log"]', (e) => e.getBoundingClientRect().bottom);
    expect(last).toBeLessThanOrEqual(bottom + 1);
  });

  it('names the days on the axis and keeps the time column clear of LEVEL', async () => {
    await page.click('button:has-text("Fit all")');
    await page.waitForFunction(() => document.querySelectorAll('.log-row').length > 0);
    const ticks = await page.$$eval('.tl-axis text, svg text', (els) => els.map((e) => e.textContent ?? ''));
    expect(ticks, ticks.join('|')).toContainEqual(expect.stringMatching(/^[A-Z][a-z]{2} \d\d 2024$/));
    const head = await page.$eval('.log-head .c-time', (e) => e.getBoundingClientRect().right);
    const rows = await page.$$eval('.log-row', (els) => els.slice(0, 10).map((r) => {
      const time = r.querySelector('.c-time') as HTMLElement;
      const lvl = r.querySelector('.c-lvl') as HTMLElement;
      return { text: time.textContent ?? '', timeRight: time.getBoundingClientRect().left + time.scrollWidth, lvlLeft: lvl.getBoundingClientRect().left };
    }));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.text).toMatch(/^\d{4}-\d\d-\d\d /);
      expect(r.timeRight).toBeLessThanOrEqual(r.lvlLeft);
    }
    expect(head).toBeLessThanOrEqual(rows[0].lvlLeft);
  });

  it('moves the splitter by mouse and by keyboard, and keeps it over a reload', async () => {
    const sep = page.locator('[role="separator"][aria-orientation="horizontal"]');
    const box = await sep.boundingBox();
    if (!box) throw new Error('no splitter');
    const before = await slotHeight(page);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 80, { steps: 4 });
    await page.mouse.up();
    const dragged = await slotHeight(page);
    expect(dragged).toBeLessThan(before - 40);
    await sep.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const keyed = await slotHeight(page);
    expect(keyed).toBeGreaterThan(dragged + 30);
    expect(Number(await sep.getAttribute('aria-valuenow'))).toBe(keyed);
    await page.reload();
    await dropFiles(page, readPayloads(FILES));
    expect(await slotHeight(page)).toBe(keyed);
  });

  it('reaches the findings within a few Tab presses', async () => {
    // A page of its own, so that Tab starts from the top as it does for a keyboard user (earlier tests clicked and focused elsewhere).
    const fresh = await openPage(browser, inject('baseUrl'), { width: 1280, height: 720 });
    try {
      const p = fresh.page;
      await dropFiles(p, readPayloads(FILES));
      await p.waitForSelector('section[aria-label="Findings"] .finding-button');
      let reached = -1;
      for (let i = 1; i <= 3 && reached < 0; i++) {
        await p.keyboard.press('Tab');
        // The first stops include the skip link: it jumps past the header, the timeline and the list.
        if (await p.evaluate(() => document.activeElement?.classList.contains('skip-link') ?? false)) await p.keyboard.press('Enter');
        if (await p.evaluate(() => !!document.activeElement?.closest('section[aria-label="Findings"]'))) reached = i;
      }
      expect(reached).toBeGreaterThan(0);
    } finally {
      await fresh.context.close();
    }
  });

  it('keeps the last rows on an invalid query and shows the error beneath the box', async () => {
    await page.click('button:has-text("Fit all")');
    await page.fill('#log-filter-text', 'step');
    await page.waitForFunction(() => !document.querySelector('.search-state') && document.querySelectorAll('.log-row').length > 0);
    const rowsBefore = await page.locator('.log-row').count();
    const tlTop = await page.$eval('.timeline-slot', (e) => e.getBoundingClientRect().top);
    await page.fill('#log-filter-text', '/step(/');
    await page.waitForSelector('#log-filter-error');
    const input = await page.$eval('#log-filter-text', (e) => e.getBoundingClientRect());
    const err = await page.$eval('#log-filter-error', (e) => e.getBoundingClientRect());
    expect(err.top).toBeGreaterThanOrEqual(input.bottom - 1);
    expect(await page.locator('.log-row').count()).toBe(rowsBefore);
    expect(await page.$eval('.timeline-slot', (e) => e.getBoundingClientRect().top)).toBe(tlTop);
  });
});
