// Comparing a brushed range with the rest of the logs, in the page: on the
// crash sample, brushing the minute the ingress answered 503 and asking to
// "Compare with the rest" lists the error level, the 503 status and the 503
// templates as over-represented (all of them in the range, none outside, as
// the CLI counts them), and a click on the top item puts its term in the
// query box and filters the list to exactly the CLI's count for that query.
// The crash finding opened at start names the same comparison for its window.

import { describe, expect, inject, it, beforeAll, afterAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { resolve } from 'node:path';
import { launch, openPage, ROOT, shot, waitLoaded } from './harness/browser.ts';
import { analyzePaths } from '../../src/cli/main.ts';
import { violations } from './harness/axe.ts';

const PATHS = ['orders-api.log', 'ingress.log', 'kubelet.log'].map((f) => resolve(ROOT, 'public/samples/crash', f));
/** The 503s run from 08:47:08 to 08:47:56 (public/samples/crash/ingress.log). */
const BRUSH: [number, number] = [Date.parse('2024-06-03T08:46:58Z'), Date.parse('2024-06-03T08:48:06Z')];

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  ({ context, page } = await openPage(browser, `${inject('baseUrl')}?sample=crash`));
  await waitLoaded(page, 0);
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function cliCount(query: string): Promise<number> {
  const r = await analyzePaths(PATHS, { query, threads: 1 });
  if (!r.query) throw new Error('no query count');
  return r.query.matches;
}

/** The visible window, as the URL records it. */
async function windowOf(p: Page): Promise<[number, number]> {
  const u = new URL(p.url());
  return [Date.parse(u.searchParams.get('from') ?? ''), Date.parse(u.searchParams.get('to') ?? '')];
}

async function brush(p: Page, from: number, to: number): Promise<void> {
  const [w0, w1] = await windowOf(p);
  const ax = await p.locator('svg.tl-axis').boundingBox();
  if (!ax) throw new Error('no axis');
  const x = (t: number) => ax.x + ((t - w0) / (w1 - w0)) * ax.width;
  await p.mouse.move(x(from), ax.y + ax.height / 2);
  await p.mouse.down();
  await p.mouse.move(x(to), ax.y + ax.height / 2, { steps: 8 });
  await p.mouse.up();
}

interface Row { query: string; dimension: string; inRange: string; rest: string; ratio: string; p: string }

function listed(p: Page): Promise<Row[]> {
  return p.$$eval('section[aria-label="Compare with the rest"] tr.cmp-item', (trs) =>
    trs.map((tr) => ({
      query: tr.getAttribute('data-query') ?? '',
      dimension: tr.getAttribute('data-dimension') ?? '',
      inRange: tr.querySelector('[data-col="in"]')?.textContent ?? '',
      rest: tr.querySelector('[data-col="rest"]')?.textContent ?? '',
      ratio: tr.querySelector('[data-col="ratio"]')?.textContent ?? '',
      p: tr.querySelector('[data-col="p"]')?.textContent ?? '',
    })),
  );
}

describe('compare a range with the rest', () => {
  it('the opened finding says what is over-represented in its window, as a comparison', async () => {
    const line = page.locator('[data-testid="finding-comparison"]');
    await line.waitFor();
    const text = (await line.textContent()) ?? '';
    expect(text).toMatch(/^Over-represented in this window \(compared with the rest of the logs; a change, not a cause\)/);
    expect(text).toContain('level=error');
  });

  it('lists the 503 minute\'s values with counts in and out, ratio and p; the top one filters the list', async () => {
    await page.keyboard.press('f');
    // Fit all: the window the URL records is the whole log.
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('finding') || new URL(location.href).searchParams.get('from')! < '2024-06-03T08:30');
    await brush(page, BRUSH[0], BRUSH[1]);
    await page.click('button:has-text("Compare with the rest")');
    const panel = page.locator('section[aria-label="Compare with the rest"]');
    await panel.locator('tr.cmp-item').first().waitFor();
    const rows = await listed(page);
    const n503 = await cliCount('status=503');
    expect(n503).toBe(78);
    // Every 503 falls in the range and none outside it.
    const status = rows.find((r) => r.query === 'status=503');
    expect(status).toMatchObject({ dimension: 'field', inRange: '78', ratio: 'only here' });
    expect(status?.rest).toMatch(/^≈?0$/);
    const errors = rows.find((r) => r.query === 'level=error');
    expect(errors).toMatchObject({ dimension: 'level', inRange: String(await cliCount('level=error')), rest: '0' });
    expect(rows.filter((r) => r.dimension === 'template').map((r) => r.query)).toEqual(expect.arrayContaining([
      'pattern="GET <*> status=503 <*> rt=<*> upstream=- svc=<*>"',
      'pattern="POST <*> status=503 <*> rt=<*> upstream=- svc=<*>"',
    ]));
    // Ranked by p: the strongest first, and every p listed is significant.
    for (const r of rows) expect(Number(r.p.replace('< ', '')), r.query).toBeLessThan(0.05);
    expect(rows.slice(0, 4).map((r) => r.query)).toEqual(expect.arrayContaining(['level=error', 'status=503']));
    // Healthy traffic is not over-represented.
    expect(rows.some((r) => r.query === 'status=200')).toBe(false);
    await shot(page, 'compare-panel');
    expect(await violations(page, 'section[aria-label="Compare with the rest"]')).toEqual([]);

    const top = rows[0];
    await panel.locator('tr.cmp-item').first().locator('button.cmp-filter').click();
    await page.waitForFunction((q) => (document.querySelector('#log-filter-text') as HTMLInputElement).value === q, top.query);
    await page.waitForFunction((q) => new URL(location.href).searchParams.get('q') === q, top.query);
    await page.waitForFunction(() => !document.querySelector('.search-state') && / of [\d,]+ events in view/.test(document.querySelector('.log-count')?.textContent ?? ''));
    const shown = Number(/^([\d,]+) of/.exec((await page.textContent('.log-count')) ?? '')?.[1].replace(/,/g, ''));
    expect(shown).toBe(await cliCount(top.query));
    // The whole log is in view, so the list holds the range's and the rest's rows of it.
    expect(shown).toBe(Number(top.inRange.replace(/[≈,]/g, '')) + Number(top.rest.replace(/[≈,]/g, '')));
    await shot(page, 'compare-filtered');
  });

  it('closes, and a second click on an item does not repeat its term', async () => {
    const panel = page.locator('section[aria-label="Compare with the rest"]');
    const before = await page.inputValue('#log-filter-text');
    await panel.locator('tr.cmp-item').first().locator('button.cmp-filter').click();
    expect(await page.inputValue('#log-filter-text')).toBe(before);
    await panel.locator('button[aria-label="Close the comparison"]').click();
    await panel.waitFor({ state: 'detached' });
  });
});
