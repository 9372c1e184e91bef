// The Connect dialog in Chromium against real ClickHouse SQL: chDB behind
// the loopback endpoint the ClickHouse tests use (it sends CORS headers, as
// docs/clickhouse.md tells a server to). A wrong password shows the server's
// error as written; a good connection draws the density lanes before the
// findings, fetches under 1% of the rows, and a zoom fetches that view's raw
// lines; the password is found in no URL, storage, share link or export.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openPage, waitLoaded, dataVersion, dropFiles, findings, readPayloads, ROOT, shot } from './harness/browser.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shareLink } from './share-helpers.ts';
import { HAVE_CHDB, PASSWORD, USER, startEndpoint, stopEndpoint, type Endpoint } from '../clickhouse/setup.ts';
import { SERVICES, WINDOW } from '../clickhouse/incident.ts';

async function fillForm(page: Page, url: string, password: string): Promise<void> {
  await page.click('header button:has-text("ClickHouse")');
  const d = page.locator('dialog.dialog-connect');
  await d.waitFor();
  await d.locator('input[name="ch-url"]').fill(url);
  await d.locator('input[name="ch-user"]').fill(USER);
  await d.locator('input[name="ch-password"]').fill(password);
  await d.locator('input[name="ch-table"]').fill('otel_logs');
  await d.locator('input[name="ch-from"]').fill(WINDOW.from);
  await d.locator('input[name="ch-to"]').fill(WINDOW.to);
}

/** Events the header says are loaded. */
async function shownEvents(page: Page): Promise<number> {
  const text = (await page.locator('header .status .muted').first().textContent()) ?? '';
  return Number(/([\d,\s\u202f]+) events/.exec(text)?.[1].replace(/\D/g, '') ?? NaN);
}

describe.skipIf(!HAVE_CHDB)('Connect to ClickHouse in the browser', () => {
  let ep: Endpoint;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ep = await startEndpoint();
    browser = await launch();
    ({ context, page } = await openPage(browser, inject('baseUrl')));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inject('baseUrl')).origin });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopEndpoint(ep);
  });

  it('shows the server\'s error as written, as text', async () => {
    await fillForm(page, ep.server.url, 'wrong-password');
    await page.click('dialog.dialog-connect button[type="submit"]');
    const err = page.locator('dialog.dialog-connect .connect-error');
    await err.waitFor();
    await shot(page, 'clickhouse-connect-error');
    expect(await err.textContent()).toBe('Code: 516. DB::Exception: timberline: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)');
    expect(await err.evaluate((e) => e.childElementCount)).toBe(0);
    expect(await page.getAttribute('.app', 'data-version')).toBe('0');
  });

  it('draws the density lanes, then the findings, from under 1% of the rows', async () => {
    await page.locator('dialog.dialog-connect input[name="ch-password"]').fill(PASSWORD);
    // Which appears first, the server's counts or the findings.
    await page.evaluate(() => {
      const w = window as unknown as { __order: string[] };
      w.__order = [];
      const seen = () => {
        if (!w.__order.includes('density') && document.querySelector('[data-testid="density-lanes"] .density-lane')) w.__order.push('density');
        if (!w.__order.includes('findings') && document.querySelector('section[aria-label="Findings"] li[data-rule]')) w.__order.push('findings');
      };
      new MutationObserver(seen).observe(document.body, { subtree: true, childList: true });
    });
    ep.server.resetStats();
    const before = await dataVersion(page);
    await page.click('dialog.dialog-connect button[type="submit"]');
    await waitLoaded(page, before);
    expect(await page.evaluate(() => (window as unknown as { __order: string[] }).__order)).toEqual(['density', 'findings']);
    const lanes = await page.$$eval('[data-testid="density-lanes"] .density-lane', (els) => els.map((e) => ({ source: e.getAttribute('data-source'), rows: Number(e.getAttribute('data-rows')) })));
    expect(lanes.map((l) => l.source)).toEqual(SERVICES);
    expect(lanes.reduce((n, l) => n + l.rows, 0)).toBe(ep.rows);
    const rules = (await findings(page)).map((f) => f.rule);
    expect(rules).toContain('stall-after-reload');
    expect(rules).toContain('crash');
    expect(ep.server.stats.rowsReturned).toBeLessThan(ep.rows * 0.01);
    expect(await page.locator('dialog.dialog-connect').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await shot(page, 'clickhouse-connected');
  });

  it('a zoomed view fetches its raw lines', async () => {
    // The opening view is the first finding's window, short enough for raw lines (the URL follows the view).
    await page.waitForFunction(() => new URL(location.href).searchParams.has('from'));
    const url = new URL(page.url());
    const from = Date.parse(url.searchParams.get('from') ?? ''), to = Date.parse(url.searchParams.get('to') ?? '');
    expect(to - from).toBeLessThan(15 * 60_000);
    const eventsBefore = await shownEvents(page);
    ep.server.resetStats();
    const before = await dataVersion(page);
    await page.click('button:has-text("Fetch raw lines for this view")');
    await waitLoaded(page, before);
    const ms = (t: number) => new Date(t).toISOString().replace('T', ' ').replace('Z', '');
    const n = Number((await ep.session.queryAsync(`SELECT count() FROM otel_logs WHERE Timestamp >= toDateTime64('${ms(from)}', 3, 'UTC') AND Timestamp < toDateTime64('${ms(to)}', 3, 'UTC')`, { format: 'TSV' })).text().trim());
    expect(n).toBeGreaterThan(100);
    expect(ep.server.stats.log.map((q) => q.rows)).toEqual([n]);
    expect(await shownEvents(page)).toBeGreaterThan(eventsBefore);
    // The view stayed where it was.
    expect(new URL(page.url()).searchParams.get('from')).toBe(url.searchParams.get('from'));
  });

  it('keeps the credentials out of the URL, storage, the share link and the Markdown export', async () => {
    const where = await page.evaluate(() => {
      const all = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i) ?? '')}`).join('\n');
      return { href: location.href, local: all(localStorage), session: all(sessionStorage), state: JSON.stringify(history.state) };
    });
    expect(where.href).toContain('chtable=otel_logs');
    const link = await shareLink(page);
    await page.click('button:has-text("Copy as Markdown")');
    await page.locator('.share-note:has-text("Copied the Markdown.")').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toMatch(/^## Incident/);
    for (const text of [where.href, where.local, where.session, where.state, link, md]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(`${USER}:`);
    }
    expect(where.href).not.toContain(new URL(ep.server.url).host);
  });

  it('dropped files replace the pulled window, its density lanes included', async () => {
    const dir = join(ROOT, 'test/fixtures/json-lines');
    const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'));
    if (!file) throw new Error('no JSON-lines fixture');
    await dropFiles(page, readPayloads([join(dir, file)]));
    expect(await page.locator('[data-testid="density-lanes"]').count()).toBe(0);
  });
});
