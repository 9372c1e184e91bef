// Request flows and clock offsets in the browser, on the two files of
// test/fixtures/flows (a proxy and an API sharing request and trace ids, the
// API's clock 2.5 s ahead): selecting an event lists its flow across both
// files and rings it on both lanes; the Files panel shows the estimated
// offset; Apply corrects the API's times (the flow's order and deltas change,
// the first failure becomes the API's timeout); the URL keeps the correction
// and a reload with the same files restores it; a typed figure is bounded;
// the id fields read can be changed and reset.

import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { dataVersion, dropFiles, readPayloads, shot, waitLoaded, ROOT } from './harness/browser.ts';
import { openedApp } from './app-helpers.ts';
import { violations } from './harness/axe.ts';

const DIR = resolve(ROOT, 'test/fixtures/flows');
const FILES = readPayloads([resolve(DIR, 'edge-proxy.log'), resolve(DIR, 'orders-api.jsonl')]);
const app = openedApp();

const apiRow = (p: Page) => p.locator('li.file[data-file="orders-api.jsonl"]');
const flowRows = (p: Page) => p.locator('[data-testid="flow-panel"] tr.flow-row');

/** Message, source and delta of each listed flow event. */
async function listed(p: Page): Promise<{ msg: string; src: string; delta: string }[]> {
  return flowRows(p).evaluateAll((rows) =>
    rows.map((r) => ({
      msg: r.querySelector('.flow-msg')?.textContent ?? '',
      src: r.querySelector('.flow-src')?.textContent ?? '',
      delta: r.querySelector('.flow-delta')?.textContent ?? '',
    })),
  );
}

/** Pixels of the flow colour inside each file's lane on the canvas (light theme, device scale 1). */
async function flowPixelsPerLane(p: Page): Promise<Record<string, number>> {
  return p.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.tl-canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return {};
    const cBox = canvas.getBoundingClientRect();
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const out: Record<string, number> = {};
    for (const label of document.querySelectorAll<HTMLElement>('button.lane-name[data-lane^="file:"]')) {
      const lane = label.closest('.lane-label')?.getBoundingClientRect();
      if (!lane) continue;
      let n = 0;
      for (let y = Math.max(0, Math.round(lane.top - cBox.top)); y < Math.min(canvas.height, Math.round(lane.bottom - cBox.top)); y++) {
        for (let x = 0; x < canvas.width; x++) {
          const i = (y * canvas.width + x) * 4;
          // --tl-flow in the light theme: #0e7490.
          if (Math.abs(img[i] - 14) < 14 && Math.abs(img[i + 1] - 116) < 14 && Math.abs(img[i + 2] - 144) < 14) n++;
        }
      }
      out[label.getAttribute('data-lane') ?? ''] = n;
    }
    return out;
  });
}

async function selectAnswered502(p: Page): Promise<void> {
  // The page opens on the first failure; its first evidence is a 502 the proxy answered.
  await p.locator('.log-row', { hasText: 'request answered' }).first().click();
  await flowRows(p).first().waitFor();
  await p.click('[data-testid="flow-panel"] button:has-text("Zoom to flow")');
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('request flows and clock offsets', () => {
  it('lists and rings the flow of a selected event across both files', async () => {
    const p = app.page;
    await dropFiles(p, FILES);
    expect(await flowPixelsPerLane(p)).toEqual({ 'file:edge-proxy.log': 0, 'file:orders-api.jsonl': 0 });
    await selectAnswered502(p);
    const rows = await listed(p);
    expect(rows.map((r) => r.msg)).toEqual(['request received', 'request answered', 'handling request', 'upstream inventory timed out']);
    expect(rows.map((r) => r.src.split(':')[0])).toEqual(['edge-proxy.log', 'edge-proxy.log', 'orders-api.jsonl', 'orders-api.jsonl']);
    // Uncorrected, the API seems to start 2.5 s after the proxy answered.
    expect(rows[2].delta).toMatch(/^\+3\.\d\d s$|^\+2\.[5-9]\d s$/);
    expect(await p.locator('[data-testid="flow-panel"] .flow-ids').textContent()).toMatch(/request_id.*2 files.*trace/s);
    const px = await flowPixelsPerLane(p);
    expect(px['file:edge-proxy.log']).toBeGreaterThan(20);
    expect(px['file:orders-api.jsonl']).toBeGreaterThan(20);
    // Keyboard: the listed events are buttons; Enter on one selects it.
    await p.locator('[data-testid="flow-panel"] .flow-open').nth(2).focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('[data-testid="flow-panel"] tr.flow-row--selected .flow-msg')?.textContent === 'handling request');
    await shot(p, 'flow-selected');
  });

  it('shows the estimated offset in the Files panel; Apply corrects the times and the analysis', async () => {
    const p = app.page;
    const estimate = apiRow(p).locator('[data-testid="clock-estimate"]');
    await p.waitForFunction(() => /runs 2\.5\d\d s ahead of edge-proxy\.log/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
    expect(await estimate.textContent()).toMatch(/median of 160 shared ids, spread ±\d+ ms/);
    expect(await p.locator('li.file[data-file="edge-proxy.log"] [data-testid="clock-estimate"]').textContent()).toContain('the reference');
    // The API names its own upstream timeouts; on its skewed clock they start at 14:01:05, after the proxy's first 502 (14:01:02.842).
    const timeouts = p.locator('section[aria-label="Findings"] li[data-rule="failure-signature"]', { hasText: 'upstream inventory timed out' });
    expect(await timeouts.locator('.finding-window').textContent()).toMatch(/14:01:05 – 14:01:11/);
    const before = await dataVersion(p);
    await apiRow(p).locator('button', { hasText: /^Apply 2\.5\d\d s correction$/ }).click();
    await waitLoaded(p, before);
    await p.waitForFunction(() => /moved 2\.5\d\d s earlier/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-applied"]')?.textContent ?? ''));
    await p.waitForFunction(() => /agrees with edge-proxy\.log|runs \d+ ms/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
    // The analysis ran again on corrected times: the API's timeouts now start at 14:01:02.840, just before the proxy's first 502.
    await p.waitForFunction(() => /14:01:02 – 14:01:08/.test(document.querySelector('section[aria-label="Findings"] li[data-rule="failure-signature"] .finding-window')?.textContent ?? ''));
    await p.locator('.log-row', { hasText: 'request answered' }).first().click();
    await p.waitForFunction(() => document.querySelectorAll('[data-testid="flow-panel"] tr.flow-row').length === 4);
    const rows = await listed(p);
    expect(rows.map((r) => r.msg)).toEqual(['request received', 'handling request', 'upstream inventory timed out', 'request answered']);
    expect(rows[1].delta).toMatch(/^\+\d ms$/);
    // Filter by the request id: the list keeps the request's lines from both files. The view is on the finding's window,
    // which the request's first lines precede: zoom to the flow first.
    await p.locator('[data-testid="flow-panel"] button', { hasText: 'Zoom to flow' }).click();
    await p.waitForFunction(() => document.querySelectorAll('.log-row').length >= 4);
    await p.locator('[data-testid="flow-panel"] .flow-ids li', { hasText: 'request_id' }).locator('button:has-text("Filter")').click();
    await p.waitForFunction(() => new URL(location.href).searchParams.get('q')?.startsWith('"'));
    await p.waitForFunction(() => document.querySelectorAll('.log-row').length === 4);
    const listed4 = await p.locator('.log-row').allTextContents();
    expect(listed4.filter((t) => t.includes('orders-api.jsonl')).length).toBe(2);
    await p.fill('#log-filter-text', '');
    await p.waitForFunction(() => !new URL(location.href).searchParams.has('q'));
    // The Flow panel and the clock controls pass axe like the rest of the page.
    expect(await violations(p, 'aside.side')).toEqual([]);
    await shot(p, 'flow-corrected');
  });

  it('keeps the correction in the URL, and a reload with the same files restores it', async () => {
    const p = app.page;
    await p.waitForFunction(() => new URL(location.href).searchParams.getAll('clock').some((c) => /^25\d\d:orders-api\.jsonl$/.test(c)));
    const clock = new URL(p.url()).searchParams.get('clock');
    p.once('dialog', (d) => void d.accept());
    await p.reload();
    await p.waitForSelector('.app');
    await dropFiles(p, FILES);
    await p.waitForFunction(() => /moved 2\.5\d\d s earlier/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-applied"]')?.textContent ?? ''));
    await p.waitForFunction(() => /14:01:02 – 14:01:08/.test(document.querySelector('section[aria-label="Findings"] li[data-rule="failure-signature"] .finding-window')?.textContent ?? ''));
    expect(new URL(p.url()).searchParams.get('clock')).toBe(clock);
    // Cleared, the file's own clock is back and so is the estimate.
    const before = await dataVersion(p);
    await apiRow(p).locator('button', { hasText: 'Clear correction' }).click();
    await waitLoaded(p, before);
    await p.waitForFunction(() => !new URL(location.href).searchParams.has('clock'));
    await p.waitForFunction(() => /runs 2\.5\d\d s ahead/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
  });

  it('a number typed in sets the correction; out-of-range values cannot be set', async () => {
    const p = app.page;
    const input = apiRow(p).locator('input[type="number"]');
    await input.fill(String(8 * 86400_000));
    expect(await apiRow(p).locator('button:has-text("Set")').isDisabled()).toBe(true);
    await input.fill('2000');
    const before = await dataVersion(p);
    await apiRow(p).locator('button:has-text("Set")').click();
    await waitLoaded(p, before);
    await p.waitForFunction(() => /moved 2\.000 s earlier/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-applied"]')?.textContent ?? ''));
    // What is left is the 500 ms the typed value missed.
    await p.waitForFunction(() => /runs 5\d\d ms ahead/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
    expect(app.errors).toEqual([]);
  });

  it('reads the id fields the user chose, and goes back to the defaults', async () => {
    const p = app.page;
    await p.click('summary:has-text("Id fields for flows and clock offsets")');
    await p.fill('textarea[aria-label="Id fields"]', 'request_id');
    await p.click('button:has-text("Use these fields")');
    // Only the request ids now: half the shared ids, the same offset.
    await p.waitForFunction(() => /median of 80 shared ids/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
    await p.locator('.log-row', { hasText: 'request answered' }).first().click();
    await p.waitForFunction(() => document.querySelector('[data-testid="flow-panel"] .flow-ids')?.textContent?.includes('request_id') && !document.querySelector('[data-testid="flow-panel"] .flow-ids')?.textContent?.includes('trace_id'));
    await p.fill('textarea[aria-label="Id fields"]', 'job_id');
    await p.click('button:has-text("Use these fields")');
    await p.waitForFunction(() => !document.querySelector('[data-testid="flow-panel"]') && !document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]'));
    await p.click('button:has-text("Back to the defaults")');
    await p.waitForFunction(() => /median of 160 shared ids/.test(document.querySelector('li.file[data-file="orders-api.jsonl"] [data-testid="clock-estimate"]')?.textContent ?? ''));
    expect(app.errors).toEqual([]);
  });
});
