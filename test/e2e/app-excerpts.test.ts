// Excerpts as incident reports paste them: times of day without a date and
// JSON lines cut with "...". Pasted into the app, the Centauri excerpt must
// show its own times (22:40:53 … 22:46:30) on a day marked unknown, never an
// invented 1970, with every line's level and message; the Files panel says
// the date is unknown and setting one moves the events onto it. Uptime clocks
// and times inferred from the line before (or, at a file's start, after) are named as such.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openedApp } from './app-helpers.ts';
import { dataVersion, dropFiles, ROOT, shot, waitLoaded } from './harness/browser.ts';

const CENTAURI = readFileSync(resolve(ROOT, 'test/fixtures/excerpts/centauri-two-sighups.txt'), 'utf8');

const app = openedApp();

interface ShownRow {
  time: string;
  level: string;
  message: string;
}

/** Every row of the log list, scrolling through it (the list draws only the rows on screen). */
async function allRows(p: Page): Promise<ShownRow[]> {
  const seen = new Map<number, ShownRow>();
  const height = await p.$eval('.log-scroll', (el) => el.scrollHeight);
  for (let y = 0; ; y += 200) {
    await p.$eval('.log-scroll', (el, top) => {
      el.scrollTop = top;
    }, y);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const rows = await p.$$eval('.log-row', (els) =>
      els.map((el) => ({
        row: Number(el.getAttribute('data-row')),
        time: el.querySelector('.c-time')?.textContent ?? '',
        level: el.querySelector('.c-lvl')?.textContent ?? '',
        // The message without the kind chip in front of it.
        message: el.querySelector('.c-msg')?.lastChild?.textContent ?? '',
      })),
    );
    for (const r of rows) seen.set(r.row, { time: r.time, level: r.level, message: r.message });
    if (y >= height) break;
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
}

describe('a pasted excerpt with times of day and cut lines', () => {
  it('shows 22:40:53 … 22:46:30 on an unknown day, all 37 lines with levels and messages', async () => {
    const { page, errors } = app;
    const before = await dataVersion(page);
    await page.click('.header button:has-text("Paste")');
    await page.fill('dialog textarea', CENTAURI);
    await page.fill('dialog input[type="text"]', 'centauri.txt');
    await page.click('dialog button[type="submit"]');
    await waitLoaded(page, before);

    const rows = await allRows(page);
    const lines = CENTAURI.trim().split('\n');
    expect(rows).toHaveLength(37);
    expect(rows[0].time).toBe('22:40:53.187');
    expect(rows[36].time).toBe('22:46:30.617');
    rows.forEach((r, i) => {
      // Each row keeps its own line's time of day, level and message.
      const want = /"time":"(\d\d:\d\d:\d\d\.\d{3})\d*Z","level":"(\w+)","msg":"([^"]+)"/.exec(lines[i]);
      expect(want, lines[i]).not.toBeNull();
      expect(r.time).toBe(want![1]);
      expect(r.level.toLowerCase()).toBe(want![2].toLowerCase());
      expect(r.message).toBe(want![3]);
    });
    const body = await page.textContent('body');
    expect(body).not.toContain('1970');
    expect(body).not.toContain('2300');

    // The window's ends on the toolbar are times of day too (a little margin around the events).
    const win = await page.textContent('.tl-window');
    expect(win).toMatch(/^22:40:\d\d\.\d{3} – 22:46:\d\d\.\d{3}/);

    // The Files panel says the date is unknown, and the cut lines were read.
    const panel = page.locator('section[aria-label="Files"]');
    if ((await panel.locator('li.file').count()) === 0) await panel.locator('button:has-text("Show")').click();
    const file = panel.locator('li.file[data-file="centauri.txt"]');
    expect(await file.textContent()).toMatch(/date is unknown/);
    expect(await file.textContent()).toMatch(/35 line\(s\) were cut by hand/);
    // The incident is named: stall after reload, from the second SIGHUP to the last give-up, and selected on opening.
    const card = page.locator('.findings li').filter({ hasText: 'Stall after reload' });
    await card.waitFor();
    expect(await card.locator('.finding-window').textContent()).toMatch(/22:41:23.*22:46:30/);
    expect(await card.locator('.finding-button').getAttribute('aria-pressed')).toBe('true');
    // Opened, it separates what the logs show from the mechanisms, each with its standing and the check that settles it.
    const xp = card.locator('.finding-explanation');
    expect(await xp.locator('.xp-facts li').count()).toBeGreaterThan(1);
    const standings = await xp.locator('.xp-hypothesis').evaluateAll((els) => els.map((e) => e.getAttribute('data-likelihood')));
    expect(standings.length).toBeGreaterThan(1);
    expect(standings.every((s) => ['likely', 'possible', 'open', 'unlikely'].includes(s ?? ''))).toBe(true);
    expect(await xp.locator('.xp-hypothesis').first().textContent()).toMatch(/Check:/);
    await shot(page, 'excerpt-centauri');
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });

  it('puts the times of day on the date the user sets', async () => {
    const { page } = app;
    const panel = page.locator('section[aria-label="Files"]');
    const file = panel.locator('li.file[data-file="centauri.txt"]');
    const before = await dataVersion(page);
    await file.locator('input[type="date"]').fill('2025-01-05');
    await file.locator('button:has-text("Set date")').click();
    await waitLoaded(page, before);
    // A new dataset: the window now spans the events on that day.
    await page.locator('.tl-canvas').focus();
    await page.keyboard.press('f');
    const again = page.locator('section[aria-label="Files"] li.file[data-file="centauri.txt"]');
    expect(await again.textContent()).toMatch(/placed on the date you set/);
    const rows = await allRows(page);
    expect(rows).toHaveLength(37);
    expect(rows[0].time).toBe('22:40:53.187');
    // The detail of the first event carries the date.
    await page.$eval('.log-scroll', (el) => {
      el.scrollTop = 0;
    });
    await page.locator('.log-row[data-row="0"]').click();
    await page.waitForSelector('.detail-body');
    expect(await page.textContent('.detail-body')).toContain('2025-01-05 22:40:53');
  });

  it('offers the date of a dated file loaded beside it when the times do not fit it', async () => {
    const { page } = app;
    // A dated log of the same night that ends before the excerpt starts: its date is offered, not used.
    const dated = '2025-03-09T08:00:00Z INFO proxy started\n2025-03-09T08:05:00Z INFO proxy idle\n';
    await dropFiles(page, [
      { name: 'centauri.txt', b64: Buffer.from(CENTAURI).toString('base64') },
      { name: 'proxy.log', b64: Buffer.from(dated).toString('base64') },
    ]);
    const file = page.locator('section[aria-label="Files"] li.file[data-file="centauri.txt"]');
    if ((await file.count()) === 0) await page.locator('section[aria-label="Files"] button:has-text("Show")').click();
    expect(await file.textContent()).toMatch(/date is unknown/);
    const before = await dataVersion(page);
    await file.locator('button:has-text("Use 2025-03-09")').click();
    await waitLoaded(page, before);
    const again = page.locator('section[aria-label="Files"] li.file[data-file="centauri.txt"]');
    expect(await again.textContent()).toMatch(/placed on the date you set/);
    await shot(page, 'excerpt-offered-date');
  });

  it('says when a clock is process uptime, and which times were inferred from the line before', async () => {
    const { page } = app;
    let before = await dataVersion(page);
    const gc = ['[2.114s][info][gc,start    ] GC(0) Pause Young (Normal)', '[95.402s][info][gc          ] GC(41) Pause Young (Normal) (G1 Evacuation Pause) 24M->4M(256M) 3.210ms'].join('\n');
    await page.click('.header button:has-text("Paste")');
    await page.fill('dialog textarea', gc);
    await page.fill('dialog input[type="text"]', 'gc.log');
    await page.click('dialog button[type="submit"]');
    await waitLoaded(page, before);
    const panel = page.locator('section[aria-label="Files"]');
    if ((await panel.locator('li.file').count()) === 0) await panel.locator('button:has-text("Show")').click();
    expect(await panel.locator('li.file[data-file="gc.log"]').textContent()).toMatch(/process's uptime \(time since it started\), not the time of day/);
    const rows = await allRows(page);
    expect(rows.map((r) => r.time)).toEqual(['00:00:02.114', '00:01:35.402']);
    await page.locator('.log-row[data-row="1"]').click();
    await page.waitForSelector('.detail-body');
    expect(await page.textContent('.detail-body')).toContain('00:01:35.402 after the program started (uptime; date unknown)');

    before = await dataVersion(page);
    const boot = ['Preparing for start ...', '2024-11-05T09:25:59Z CRITICAL WORKER TIMEOUT (pid:17)', 'HTTP server successfully started!'].join('\n');
    await page.click('.header button:has-text("Paste")');
    await page.fill('dialog textarea', boot);
    await page.fill('dialog input[type="text"]', 'boot.log');
    await page.click('dialog button[type="submit"]');
    await waitLoaded(page, before);
    if ((await panel.locator('li.file').count()) === 0) await panel.locator('button:has-text("Show")').click();
    expect(await panel.locator('li.file[data-file="boot.log"]').textContent()).toMatch(/2 line\(s\) had no timestamp: their time is inferred from the line before/);
    await page.locator('.log-row', { hasText: 'HTTP server successfully started!' }).click();
    await page.waitForSelector('.detail-body');
    expect(await page.textContent('.detail-body')).toContain('inferred from the line before');
    // The first line has no line before it: its time came from the first timed line after it.
    await page.locator('.log-row', { hasText: 'Preparing for start ...' }).click();
    await page.waitForFunction(() => document.querySelector('.detail-body')?.textContent?.includes('Preparing for start'));
    const first = await page.textContent('.detail-body');
    expect(first).toContain("inferred from the line after: this line has no time of its own and comes before the file's first time");
    expect(first).not.toContain('inferred from the line before');
  });

  it('shows "untimed" for a finding whose lines carry no time, never a placeholder date', async () => {
    const { page } = app;
    const before = await dataVersion(page);
    const line = 'ERROR HikariPool-1 - Connection is not available, request timed out after 30000ms';
    await page.click('.header button:has-text("Paste")');
    await page.fill('dialog textarea', `${line}\nWARN retrying\n${line}\n`);
    await page.fill('dialog input[type="text"]', 'no-times.txt');
    await page.click('dialog button[type="submit"]');
    await waitLoaded(page, before);
    const card = page.locator('.findings li').filter({ hasText: 'pool ran out' });
    await card.waitFor();
    const shown = await card.textContent();
    expect(await card.locator('.finding-window').textContent()).toMatch(/^untimed/);
    expect(shown).not.toMatch(/2300|1970/);
  });
});
