// Loading, as a user does it: drop files on the page, pick them with the file
// input, paste text, open a sample. For every incident set the page must show
// one lane per file (plus the mark lanes) and exactly the findings the engine
// computes for those files. Also: progress with cancel, per-file notices.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dataVersion, dropFiles, findings, laneIds, launch, openPage, pickFiles, readPayloads, shot, waitLoaded } from './harness/browser.ts';
import { expectedFor, fixtureSet, incidentSets, sampleSets } from './harness/incidents.ts';

const MARK_LANES = ['mark:signals', 'mark:operations', 'mark:timeouts', 'mark:restarts'];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch();
  ({ context, page, errors } = await openPage(browser, inject('baseUrl')));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function shownFindings(p: Page): Promise<string[]> {
  return (await findings(p)).map((f) => `${f.severity}:${f.rule}`).sort();
}

describe('first visit', () => {
  it('explains how to load logs and offers the samples', async () => {
    await shot(page, 'empty-light');
    expect(await page.textContent('.empty-state')).toContain('Drop the logs');
    expect(await page.$('input[type="file"][multiple]')).not.toBeNull();
    const samples = sampleSets();
    await page.click('summary:has-text("Open sample incident")');
    const listed = await page.$$eval('[data-sample]', (els) => els.map((e) => e.getAttribute('data-sample')));
    expect(listed).toEqual(samples.map((s) => s.id));
    await page.keyboard.press('Escape');
    await page.click('.brand');
  });
});

describe.each(incidentSets())('incident set $id', (set) => {
  it('dropped on the page: one lane per file, the engine\'s findings', async () => {
    const expected = await expectedFor(set);
    await dropFiles(page, readPayloads(set.paths));
    const lanes = await laneIds(page);
    expect(lanes.slice(0, 4)).toEqual(MARK_LANES);
    expect(lanes.slice(4)).toEqual(expected.files.map((f) => `file:${f}`));
    for (const f of expected.files) expect(await page.textContent(`[data-lane="file:${f}"]`)).toBe(f);
    expect(await shownFindings(page)).toEqual(expected.findings);
    // Every finding shows its severity, title, window and detail text.
    for (const li of await page.$$('section[aria-label="Findings"] li[data-rule]')) {
      expect(await li.$eval('.sev', (e) => e.textContent)).toMatch(/critical|warning|info/);
      expect((await li.$eval('.finding-title', (e) => e.textContent))?.length).toBeGreaterThan(5);
      expect(await li.$eval('.finding-window', (e) => e.textContent)).toMatch(/\d\d:\d\d:\d\d/);
      expect((await li.$eval('.finding-detail, .finding-explanation', (e) => e.textContent))?.length).toBeGreaterThan(20);
    }
    expect(await page.textContent('.header .status')).toContain(`${expected.events.toLocaleString('en-US')} events`);
    await shot(page, `drop-${set.id}`);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
  });
});

describe('other ways in', () => {
  it('loads through the file input (with a .gz file) the same way', async () => {
    const set = sampleSets()[0] ?? fixtureSet();
    const expected = await expectedFor(set);
    await pickFiles(page, set.paths);
    expect((await laneIds(page)).slice(4)).toEqual(expected.files.map((f) => `file:${f}`));
    expect(await shownFindings(page)).toEqual(expected.findings);
    const gz = fixtureSet().paths.filter((p) => p.endsWith('.gz'));
    await pickFiles(page, gz);
    expect(await laneIds(page)).toContain('file:worker.log.gz');
    expect(await page.textContent('section[aria-label="Files"]')).toContain('gzip');
    // The Go panic's continuation lines belong to one event: the list says so.
    await page.fill('#log-filter-text', 'concurrent map writes');
    await page.locator('.log-row .more-lines').first().waitFor();
    expect(await page.locator('.log-row .more-lines').first().textContent()).toMatch(/\+\d+ lines/);
    await page.fill('#log-filter-text', '');
  });

  it('loads pasted text', async () => {
    const before = await dataVersion(page);
    await page.click('.header button:has-text("Paste")');
    await page.fill('dialog textarea', '2025-01-02T03:04:05Z ERROR payment failed: card declined\n2025-01-02T03:04:06Z INFO retrying\n');
    await page.fill('dialog input[type="text"]', 'from-chat.log');
    await page.click('dialog button[type="submit"]');
    await waitLoaded(page, before);
    expect(await laneIds(page)).toContain('file:from-chat.log');
    expect(await page.textContent('.log-list')).toContain('payment failed: card declined');
  });

  it('shows per-file problems beside the file and still loads the rest', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const files = [
      ...readPayloads(fixtureSet().paths.filter((p) => p.endsWith('db-local-time.log'))),
      { name: 'screenshot.png', b64: Buffer.concat([png, Buffer.alloc(2000)]).toString('base64') },
      { name: 'empty.log', b64: '' },
    ];
    await dropFiles(page, files);
    const panel = page.locator('section[aria-label="Files"]');
    const png_ = panel.locator('li.file[data-file="screenshot.png"]');
    expect(await png_.locator('.notice--error').count()).toBe(1);
    expect(await panel.locator('li.file[data-file="empty.log"] .notice--error').textContent()).toMatch(/empty/);
    // The zone-less file says so, with the control to fix it.
    const db = panel.locator('li.file[data-file="db-local-time.log"]');
    expect(await db.textContent()).toMatch(/no zone/);
    expect(await db.locator('select').count()).toBe(1);
    expect(await laneIds(page)).toContain('file:db-local-time.log');
    await shot(page, 'file-notices');
  });

  it('shows progress (bytes, lines, MB/s) while parsing and can cancel', async () => {
    await dropFiles(page, readPayloads(fixtureSet().paths.slice(0, 1)));
    const kept = await laneIds(page);
    await page.evaluate(() => {
      const line = '{"time":"2025-01-01T00:00:00.000Z","level":"info","msg":"request handled","path":"/api/v1/items/123","status":200,"bytes":5120}\n';
      const chunk = line.repeat(20000);
      const parts: string[] = [];
      for (let i = 0; i < 40; i++) parts.push(chunk);
      const dt = new DataTransfer();
      dt.items.add(new File(parts, 'big.jsonl'));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const bar = page.locator('[role="progressbar"]');
    await bar.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForFunction(() => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) > 0, null, { timeout: 20_000 });
    const text = await bar.getAttribute('aria-valuetext');
    expect(text).toMatch(/MB of .*MB, [\d,]+ lines, [\d.]+ MB\/s/);
    await shot(page, 'progress');
    await page.click('.load-progress button:has-text("Cancel")');
    await page.waitForSelector('.status-error:has-text("cancelled")');
    // What was loaded before is back on screen (an early snapshot of the big file may have shown meanwhile).
    expect(await page.getAttribute('.app', 'data-status')).toBe('ready');
    expect(await laneIds(page)).toEqual(kept);
    expect(await page.textContent('section[aria-label="Files"]')).not.toContain('big.jsonl');
  });
});
