// Field-aware search in the page: a query typed in the filter box finds what
// a message search cannot (statuses, upstreams in JSON fields), its counts
// (in all and per lane) match the CLI's on the same files, a click on a field
// value in the detail panel or the Fields sidebar filters by it (Alt+click
// excludes), an invalid query keeps the last valid result with the reason
// beneath the box, and neither the query nor a brushed range moves the timeline.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resolve } from 'node:path';
import { ROOT, shot } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { analyzePaths } from '../../src/cli/main.ts';

const PATHS = ['proxy-access.jsonl', 'orders-worker.log'].map((f) => resolve(ROOT, 'test/fixtures/query', f));
const app = droppedIncident(PATHS);

async function cliCount(query: string) {
  const r = await analyzePaths(PATHS, { query, threads: 1 });
  if (!r.query) throw new Error('no query count');
  return r.query;
}

/** Wait until the list shows the answer to the query in the box, and read "N of M events in view". */
async function shownCount(p: Page): Promise<number> {
  await p.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && !document.querySelector('.search-state'));
  await p.waitForFunction(() => /of [\d,]+ events in view/.test(document.querySelector('.log-count')?.textContent ?? ''));
  const text = (await p.textContent('.log-count')) ?? '';
  return Number(/^([\d,]+) of/.exec(text)?.[1].replace(/,/g, ''));
}

async function query(p: Page, q: string): Promise<number> {
  await p.fill('#log-filter-text', q);
  await p.waitForFunction((want) => new URL(location.href).searchParams.get('q') === want, q);
  return shownCount(p);
}

async function laneMatches(p: Page): Promise<Record<string, number>> {
  return p.$$eval('.lane-label', (els) => {
    const out: Record<string, number> = {};
    for (const el of els) {
      const id = el.querySelector('[data-lane]')?.getAttribute('data-lane') ?? '';
      const m = el.querySelector('[data-matches]');
      if (id.startsWith('file:') && m) out[id.slice(5)] = Number(m.getAttribute('data-matches'));
    }
    return out;
  });
}

describe('field queries', () => {
  it('finds 5xx responses of one upstream, with the CLI\'s counts in all and per lane', async () => {
    await app.page.keyboard.press('f');
    const q = 'status>=500 upstream=api-2.internal';
    const cli = await cliCount(q);
    expect(cli.matches).toBeGreaterThan(0);
    expect(await query(app.page, q)).toBe(cli.matches);
    const lanes = await laneMatches(app.page);
    for (const f of cli.perFile) expect(lanes[f.file], f.file).toBe(f.matches);
    // Every row shown is one of them.
    const rows = await app.page.$$eval('.log-row .c-src', (els) => els.map((e) => e.textContent));
    expect(new Set(rows)).toEqual(new Set(['proxy-access.jsonl']));
    await shot(app.page, 'query-fields');
  });

  it('free text sees field values in one file and messages in the other; -term excludes', async () => {
    for (const q of ['api-2.internal', 'api-2.internal -Proxied', 'level>=warn -status=404']) {
      const cli = await cliCount(q);
      expect(await query(app.page, q), q).toBe(cli.matches);
      const lanes = await laneMatches(app.page);
      for (const f of cli.perFile) expect(lanes[f.file], `${q} ${f.file}`).toBe(f.matches);
    }
  });

  it('keeps the last valid result when a query cannot run, and says why beneath the box', async () => {
    const valid = 'status=502';
    const n = await query(app.page, valid);
    expect(n).toBe((await cliCount(valid)).matches);
    await app.page.fill('#log-filter-text', 'status=502 upstream=~(a)\\1');
    const error = app.page.locator('#log-filter-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/backreference/);
    // Beneath the box, not over the query.
    const eb = await error.boundingBox();
    const ib = await app.page.locator('#log-filter-text').boundingBox();
    if (!eb || !ib) throw new Error('no boxes');
    expect(eb.y).toBeGreaterThanOrEqual(ib.y + ib.height);
    expect(await app.page.inputValue('#log-filter-text')).toBe('status=502 upstream=~(a)\\1');
    expect(await shownCount(app.page)).toBe(n);
    expect(await app.page.locator('.log-row').count()).toBe(n);
    await shot(app.page, 'query-error');
    await app.page.fill('#log-filter-text', '');
    await app.page.waitForFunction(() => !document.querySelector('#log-filter-error'));
  });
});

describe('filter from a value', () => {
  it('a click on a field value in the detail panel adds field=value; Alt+click adds field!=value', async () => {
    await query(app.page, 'status=502');
    await app.page.locator('.log-row').first().click();
    const value = app.page.locator('section[aria-label="Detail"] button.field-value[data-field="upstream"]');
    await value.waitFor();
    expect(await value.textContent()).toBe('api-2.internal');
    await value.click();
    await app.page.waitForFunction(() => (document.querySelector('#log-filter-text') as HTMLInputElement).value === 'status=502 upstream=api-2.internal');
    expect(await shownCount(app.page)).toBe((await cliCount('status=502 upstream=api-2.internal')).matches);
    await app.page.fill('#log-filter-text', 'Proxied');
    await shownCount(app.page);
    await app.page.locator('.log-row').first().click();
    const method = app.page.locator('section[aria-label="Detail"] button.field-value[data-field="method"]');
    await method.waitFor();
    const m = (await method.textContent()) ?? '';
    await method.click({ modifiers: ['Alt'] });
    const want = `Proxied method!=${m}`;
    await app.page.waitForFunction((w) => (document.querySelector('#log-filter-text') as HTMLInputElement).value === w, want);
    expect(await shownCount(app.page)).toBe((await cliCount(want)).matches);
  });

  it('the Fields sidebar lists the fields in view with their top values, and a value filters', async () => {
    await app.page.fill('#log-filter-text', '');
    await app.page.waitForFunction(() => !/ of /.test(document.querySelector('.log-count')?.textContent ?? ''));
    const panel = app.page.locator('section[aria-label="Fields"]');
    await panel.locator('button:has-text("Show")').click();
    const status = panel.locator('li[data-facet="status"]');
    await status.waitFor();
    const cli200 = await cliCount('status=200');
    expect(await status.locator('button[data-value="200"] .facet-count').textContent()).toBe(String(cli200.matches));
    await status.locator('button[data-value="502"]').click();
    await app.page.waitForFunction(() => (document.querySelector('#log-filter-text') as HTMLInputElement).value === 'status=502');
    expect(await shownCount(app.page)).toBe((await cliCount('status=502')).matches);
    await shot(app.page, 'fields-sidebar');
    await panel.locator('button:has-text("Hide")').click();
    await app.page.fill('#log-filter-text', '');
  });
});

describe('the toolbars keep their height', () => {
  it('a brushed range, filters and a long query never push the timeline down', async () => {
    const canvasY = async () => (await app.page.locator('.tl-canvas').boundingBox())?.y ?? NaN;
    const listY = async () => (await app.page.locator('.log-list').boundingBox())?.y ?? NaN;
    await app.page.setViewportSize({ width: 1280, height: 720 });
    await app.page.keyboard.press('f');
    const y0 = await canvasY();
    const l0 = await listY();
    const ax = await app.page.locator('svg.tl-axis').boundingBox();
    if (!ax) throw new Error('no axis');
    await app.page.mouse.move(ax.x + ax.width * 0.3, ax.y + ax.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(ax.x + ax.width * 0.6, ax.y + ax.height / 2, { steps: 6 });
    await app.page.mouse.up();
    await app.page.locator('button:has-text("Zoom to range")').waitFor();
    await app.page.click('.lvl-toggle:has-text("error")');
    await app.page.fill('#log-filter-text', 'status>=500 upstream=api-2.internal method=GET path=~^/api/orders/10[6-8] -health duration_ms>=1000');
    await shownCount(app.page);
    expect(await canvasY()).toBe(y0);
    expect(await listY()).toBe(l0);
    await shot(app.page, 'toolbars-1280');
    await app.page.click('button:has-text("Clear filters")');
    await app.page.click('button[aria-label="Clear range"]');
  });
});
