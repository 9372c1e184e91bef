// Working an incident in the page: select a finding (the timeline zooms to
// its window, the list scrolls to its evidence), open an event's detail from
// the list and from the canvas, filter the list, zoom and pan with the
// keyboard, and reload the page into the same view from the URL.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dataVersion, dropFiles, readPayloads, shot, waitLoaded } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? sampleSets()[0] ?? fixtureSet();

/** The visible window, as the address bar shows it. */
async function urlWindow(p: Page): Promise<[number, number]> {
  await p.waitForFunction(() => new URL(location.href).searchParams.has('from'));
  const u = new URL(p.url());
  return [Date.parse(u.searchParams.get('from') ?? ''), Date.parse(u.searchParams.get('to') ?? '')];
}

/** Wait for the (debounced) URL to show a different window than `prev`. */
async function nextWindow(p: Page, prev: [number, number]): Promise<[number, number]> {
  await p.waitForFunction(
    ([a, b]) => {
      const s = new URL(location.href).searchParams;
      return Date.parse(s.get('from') ?? '') !== a || Date.parse(s.get('to') ?? '') !== b;
    },
    prev,
  );
  return urlWindow(p);
}

const app = droppedIncident(set.paths);

describe('findings', () => {
  it('zooms the timeline to a finding, rings its evidence and scrolls the list to it', async () => {
    const first = app.page.locator('section[aria-label="Findings"] li[data-rule]').first();
    expect(await first.count()).toBe(1);
    // The page opened on this finding (app-session.test.ts); start from nothing selected, everything in view.
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('f');
    await app.page.waitForFunction(() => !new URL(location.href).searchParams.has('finding'));
    const full = await urlWindow(app.page);
    await first.locator('button.finding-button').click();
    const w = await nextWindow(app.page, full);
    expect(w[1] - w[0]).toBeLessThan(full[1] - full[0]);
    expect(new URL(app.page.url()).searchParams.get('finding')).toBe(await first.getAttribute('data-rule'));
    expect(await first.locator('button.finding-button').getAttribute('aria-pressed')).toBe('true');
    // Evidence rows are marked in the list and the first is on screen.
    const evidence = app.page.locator('.log-row--evidence');
    await evidence.first().waitFor();
    expect(await evidence.first().isVisible()).toBe(true);
    await shot(app.page, 'finding-selected');
  });
});

describe('event detail', () => {
  it('opens from the list with every field and the raw line from the file', async () => {
    const row = app.page.locator('.log-row').nth(2);
    await row.click();
    const detail = app.page.locator('section[aria-label="Detail"]');
    await detail.locator('pre.raw').waitFor();
    const raw = (await detail.locator('pre.raw').textContent()) ?? '';
    const src = (await detail.locator('dd[data-key="source"]').textContent()) ?? '';
    const m = /^(.+?):(\d+)/.exec(src);
    expect(m).not.toBeNull();
    const path = set.paths.find((p) => p.endsWith(`/${m?.[1]}`));
    expect(path).toBeDefined();
    if (path && !path.endsWith('.gz')) {
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(raw.split('\n')[0]).toBe(lines[Number(m?.[2]) - 1]);
    }
    expect(await row.getAttribute('aria-selected')).toBe('true');
  });

  it('opens from the canvas: hover shows a tooltip, click selects the event', async () => {
    await app.page.keyboard.press('f');
    const lane = app.page.locator('[data-lane^="file:"]').first();
    const lb = await lane.boundingBox();
    const cb = await app.page.locator('.tl-canvas').boundingBox();
    if (!lb || !cb) throw new Error('no lane or canvas');
    const y = lb.y + lb.height / 2;
    let found = false;
    for (let x = cb.x + 4; x < cb.x + cb.width - 4 && !found; x += 7) {
      await app.page.mouse.move(x, y);
      found = await app.page.locator('.tl-tooltip').isVisible();
    }
    expect(found).toBe(true);
    expect(await app.page.locator('.tl-tooltip').textContent()).toMatch(/\d\d:\d\d:\d\d\.\d{3}/);
    await shot(app.page, 'tooltip');
    await app.page.mouse.down();
    await app.page.mouse.up();
    await app.page.locator('section[aria-label="Detail"] pre.raw').waitFor();
    expect(await app.page.locator('section[aria-label="Detail"] h2').textContent()).toBe('Event');
    // The list follows: the selected event's row is on screen and marked.
    await app.page.locator('.log-row--on').waitFor();
  });
});

describe('filters', () => {
  it('filters by text, /regex/ and level, and reports a bad regex', async () => {
    await app.page.keyboard.press('f');
    const input = app.page.locator('#log-filter-text');
    const word = 'upstream';
    await input.fill(word);
    await app.page.waitForFunction(() => /of [\d,]+ events in view/.test(document.querySelector('.log-count')?.textContent ?? ''));
    await app.page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && !document.querySelector('.search-state'));
    const msgs = await app.page.$$eval('.log-row .c-msg', (els) => els.map((e) => e.textContent ?? ''));
    for (const m of msgs) expect(m.toLowerCase()).toContain(word);
    await app.page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, word);
    await input.fill('/(/');
    await app.page.locator('#log-filter-error').waitFor();
    await input.fill('/handled|upstream/i');
    await app.page.waitForFunction(() => !document.querySelector('#log-filter-error') && !document.querySelector('.search-state'));
    await input.fill('');
    await app.page.click('.lvl-toggle:has-text("error")');
    const levels = await app.page.$$eval('.log-row .c-lvl', (els) => els.map((e) => e.textContent));
    expect(levels.length).toBeGreaterThan(0);
    for (const l of levels) expect(l).toBe('error');
    await shot(app.page, 'filtered-errors');
    await app.page.click('button:has-text("Clear filters")');
    expect(await app.page.locator('.lvl-toggle[aria-pressed="true"]').count()).toBe(0);
  });

  it('shows only one source when its lane label is pressed', async () => {
    const label = app.page.locator('button[data-lane^="file:"]').first();
    const name = (await label.textContent()) ?? '';
    await label.click();
    const srcs = await app.page.$$eval('.log-row .c-src', (els) => els.map((e) => e.textContent));
    for (const s of srcs) expect(s).toBe(name);
    await label.click();
  });
});

describe('keyboard', () => {
  it('zooms with W/S, pans with A/D and fits with F', async () => {
    await app.page.locator('.tl-canvas').focus();
    await app.page.mouse.move(0, 0);
    const full = await urlWindow(app.page);
    await app.page.keyboard.press('w');
    const zin = await nextWindow(app.page, full);
    expect(zin[1] - zin[0]).toBeLessThan((full[1] - full[0]) * 0.8);
    await app.page.keyboard.press('d');
    const right = await nextWindow(app.page, zin);
    expect(right[0]).toBeGreaterThan(zin[0]);
    await app.page.keyboard.press('a');
    const left = await nextWindow(app.page, right);
    expect(left[0]).toBeLessThan(right[0]);
    await app.page.keyboard.press('s');
    const zout = await nextWindow(app.page, left);
    expect(zout[1] - zout[0]).toBeGreaterThan(left[1] - left[0]);
    await app.page.keyboard.press('w');
    const again = await nextWindow(app.page, zout);
    await app.page.keyboard.press('f');
    const fit = await nextWindow(app.page, again);
    expect(fit).toEqual(full);
  });

  it('zooms around the pointer with the wheel', async () => {
    const cb = await app.page.locator('.tl-canvas').boundingBox();
    if (!cb) throw new Error('no canvas');
    const full = await urlWindow(app.page);
    const x = cb.x + cb.width * 0.25;
    await app.page.mouse.move(x, cb.y + 10);
    const tAt = full[0] + ((full[1] - full[0]) * (x - cb.x)) / cb.width;
    await app.page.mouse.wheel(0, -400);
    const w = await nextWindow(app.page, full);
    expect(w[1] - w[0]).toBeLessThan(full[1] - full[0]);
    const tAfter = w[0] + ((w[1] - w[0]) * (x - cb.x)) / cb.width;
    expect(Math.abs(tAfter - tAt)).toBeLessThan((full[1] - full[0]) * 0.01);
  });
});

describe('range and reference', () => {
  it('brushes a range along the time axis and zooms to it', async () => {
    await app.page.keyboard.press('f');
    // The URL is written 300 ms after the view settles.
    await app.page.waitForTimeout(500);
    const full = await urlWindow(app.page);
    const ax = await app.page.locator('svg.tl-axis').boundingBox();
    if (!ax) throw new Error('no axis');
    const y = ax.y + ax.height / 2;
    await app.page.mouse.move(ax.x + ax.width * 0.4, y);
    await app.page.mouse.down();
    await app.page.mouse.move(ax.x + ax.width * 0.5, y, { steps: 5 });
    await app.page.mouse.move(ax.x + ax.width * 0.6, y, { steps: 5 });
    await app.page.mouse.up();
    await app.page.click('button:has-text("Zoom to range")');
    const w = await nextWindow(app.page, full);
    const span = full[1] - full[0];
    expect(w[0]).toBeGreaterThan(full[0] + span * 0.35);
    expect(w[1]).toBeLessThan(full[0] + span * 0.65);
  });

  it('Alt+click sets a reference point and the list shows times relative to it', async () => {
    const cb = await app.page.locator('.tl-canvas').boundingBox();
    if (!cb) throw new Error('no canvas');
    await app.page.keyboard.down('Alt');
    await app.page.mouse.click(cb.x + cb.width / 2, cb.y + 5);
    await app.page.keyboard.up('Alt');
    await app.page.locator('.log-head .c-rel').waitFor();
    const rel = await app.page.locator('.log-row .c-rel').first().textContent();
    expect(rel).toMatch(/^[−+]/);
    await app.page.click('button[aria-label="Clear reference point"]');
    await app.page.keyboard.press('f');
  });
});

describe('URL state', () => {
  it('a reload with the same files lands in the same view', async () => {
    const finding = app.page.locator('section[aria-label="Findings"] li[data-rule] button').first();
    if ((await finding.getAttribute('aria-pressed')) !== 'true') await finding.click();
    await app.page.click('.lvl-toggle:has-text("info")');
    await app.page.waitForFunction(() => new URL(location.href).searchParams.get('level') === 'info');
    const w = await urlWindow(app.page);
    const url = app.page.url();
    await app.page.reload();
    await app.page.waitForSelector('.app');
    expect(app.page.url()).toBe(url);
    await dropFiles(app.page, readPayloads(set.paths));
    expect(await app.page.locator('section[aria-label="Findings"] li[data-rule] button').first().getAttribute('aria-pressed')).toBe('true');
    expect(await app.page.locator('.lvl-toggle:has-text("info")').getAttribute('aria-pressed')).toBe('true');
    const after = await urlWindow(app.page);
    expect(Math.abs(after[0] - w[0])).toBeLessThan(2);
    expect(Math.abs(after[1] - w[1])).toBeLessThan(2);
    await app.page.click('button:has-text("Clear filters")');
  });
});

describe('time zones', () => {
  it('moves a zone-less file when the user says which zone it was written in', async () => {
    const db = fixtureSet().paths.filter((p) => p.endsWith('db-local-time.log'));
    await dropFiles(app.page, readPayloads(db));
    const firstTime = () => app.page.locator('.log-row .c-time').first().textContent();
    const before = await firstTime();
    const v = await dataVersion(app.page);
    await app.page.selectOption('li.file[data-file="db-local-time.log"] select', String(120));
    await waitLoaded(app.page, v);
    await app.page.keyboard.press('f');
    await app.page.waitForFunction((b) => document.querySelector('.log-row .c-time')?.textContent !== b, before);
    const after = await firstTime();
    expect(Number(after?.slice(0, 2))).toBe((Number(before?.slice(0, 2)) + 22) % 24);
  });
});
