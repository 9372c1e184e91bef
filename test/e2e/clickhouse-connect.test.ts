// The Connect dialog in Chromium against real ClickHouse SQL: chDB behind
// the loopback endpoint the ClickHouse tests use (it sends CORS headers, as
// docs/clickhouse.md tells a server to). A wrong password shows the server's
// error as written; a good connection draws the density lanes before the
// findings, fetches under 1% of the rows, and a zoom fetches that view's raw
// lines; the password is found in no URL, storage, share link or export. A
// link made from the pulled window names the query (not the server unless
// the sender ticks it) and a fresh page opening it says where it came from.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, openPage, waitLoaded, dataVersion, dropFiles, findings, readPayloads, ROOT, shot } from './harness/browser.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shareLink } from './share-helpers.ts';
import { HAVE_CHDB, PASSWORD, USER, startEndpoint, stopEndpoint, type Endpoint } from '../clickhouse/setup.ts';
import { SERVICES, WINDOW } from '../clickhouse/incident.ts';
import { decodePayload } from '../../src/share/codec.ts';
import { shareFragment } from '../../src/share/link.ts';

/** A share link's payload as the receiver decodes it (the link itself is compressed, so searching it proves nothing). */
async function decoded(link: string): Promise<string> {
  return JSON.stringify(await decodePayload(shareFragment(link) ?? ''));
}

const PROVENANCE = 'Pulled from ClickHouse table otel_logs, window 2024-05-14 02:00:00.000 UTC → 2024-05-14 03:00:00.000 UTC';

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
    const payload = await decoded(link);
    for (const text of [where.href, where.local, where.session, where.state, link, payload, md]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(`${USER}:`);
    }
    const host = new URL(ep.server.url).host;
    for (const text of [where.href, payload, md]) expect(text).not.toContain(host);
    // The query the window came from travels instead, and the export says it.
    expect(md).toContain('Source: pulled from ClickHouse table `otel_logs`, window `2024-05-14 02:00:00.000 UTC → 2024-05-14 03:00:00.000 UTC`');
    expect(JSON.parse(payload).provenance).toEqual({ kind: 'clickhouse', table: 'otel_logs', from: '2024-05-14T02:00:00.000Z', to: '2024-05-14T03:00:00.000Z' });
  });

  it('names the server in the link only when the sender ticks the box', async () => {
    const origin = new URL(ep.server.url).origin;
    // The sender's own page says where the window came from, server included (it is their page).
    expect(await page.textContent('[data-testid="provenance"]')).toBe(`${PROVENANCE}, server ${origin}`);
    const box = page.locator('.share-host input[type="checkbox"]');
    expect(await box.isChecked()).toBe(false);
    const before = await page.inputValue('textarea[aria-label="Share link"]');
    await box.check();
    await page.waitForFunction((old) => {
      const v = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Share link"]')?.value;
      return !!v && v !== old && document.querySelector('.share-body')?.getAttribute('aria-busy') === 'false';
    }, before);
    const named = await decoded(await page.inputValue('textarea[aria-label="Share link"]'));
    expect(JSON.parse(named).provenance.host).toBe(origin);
    expect(named).not.toContain(PASSWORD);
    expect(JSON.parse(named).provenance).not.toHaveProperty('user');
    await box.uncheck();
    await page.waitForFunction((old) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Share link"]')?.value === old, before);
  });

  it('a fresh page opening the link shows where the window came from, without the server', async () => {
    const link = await page.inputValue('textarea[aria-label="Share link"]');
    await page.keyboard.press('Escape');
    const other = await openPage(browser, link);
    try {
      await other.page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && !!document.querySelector('section[aria-label="Findings"] li[data-rule]'), null, { timeout: 60_000 });
      const rules = (await findings(other.page)).map((f) => f.rule);
      expect(rules).toContain('stall-after-reload');
      expect(await other.page.textContent('[data-testid="provenance"]')).toBe(PROVENANCE);
      const stored = await other.page.evaluate(() => document.body.innerText + JSON.stringify(localStorage) + location.href);
      expect(stored).not.toContain(new URL(ep.server.url).host);
      await shot(other.page, 'clickhouse-shared-link');
    } finally {
      await other.context.close();
    }
  });

  it('dropped files replace the pulled window, its density lanes included', async () => {
    const dir = join(ROOT, 'test/fixtures/json-lines');
    const file = readdirSync(dir).find((f) => f.endsWith('.jsonl'));
    if (!file) throw new Error('no JSON-lines fixture');
    await dropFiles(page, readPayloads([join(dir, file)]));
    expect(await page.locator('[data-testid="density-lanes"]').count()).toBe(0);
  });
});
