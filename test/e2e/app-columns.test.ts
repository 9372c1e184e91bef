// Field columns in the log list, on a JSON access log whose every line says
// "Proxied request": the list shows the fields that vary among those lines
// (status, upstream, duration) beside the message, marked as automatic; a
// field chosen in the Fields sidebar becomes a column whose cells say what
// the detail panel says; it is removed from its header, Back/Forward bring it
// back and take it away, adding a file or reloading keeps it. axe stays
// clean, and field names and values from the log stay text.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT, dataVersion, dropFiles, readPayloads, shot, waitLoaded } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { violations } from './harness/axe.ts';
import { guardedPage, shareLink } from './share-helpers.ts';

const DIR = resolve(ROOT, 'test/fixtures/query');
const PROXY = resolve(DIR, 'proxy-access.jsonl');
const app = droppedIncident([PROXY]);

interface Rec { status: number; upstream: string; method: string; duration_ms: number }
const records: Rec[] = readFileSync(PROXY, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);

/** The field columns the list's header shows, in order, and which are automatic. */
function heads(p: Page): Promise<{ field: string; auto: boolean }[]> {
  return p.$$eval('.log-head .c-field-head', (els) => els.map((e) => ({ field: e.getAttribute('data-col') ?? '', auto: e.classList.contains('c-field--auto') })));
}

async function waitHeads(p: Page, want: string[]): Promise<void> {
  await p.waitForFunction((w) => [...document.querySelectorAll('.log-head .c-field-head')].map((e) => e.getAttribute('data-col')).join(',') === w.join(','), want);
}

/** The cells of one column on the rows shown, once their values arrived. */
async function cells(p: Page, field: string): Promise<string[]> {
  // Field names come from the log: matched by attribute value, escaped.
  await p.waitForFunction((f) => {
    const els = [...document.querySelectorAll(`.log-row .c-field[data-col="${CSS.escape(f)}"]`)];
    return els.length > 0 && els.every((e) => !e.querySelector('.muted'));
  }, field);
  return p.evaluate((f) => [...document.querySelectorAll(`.log-row .c-field[data-col="${CSS.escape(f)}"]`)].map((e) => e.textContent ?? ''), field);
}

/** The value the detail panel shows for a field of the selected event. */
async function detailValue(p: Page, field: string): Promise<string> {
  const v = p.locator(`section[aria-label="Detail"] button.field-value[data-field="${field}"]`);
  await v.waitFor();
  return (await v.textContent()) ?? '';
}

const cols = (p: Page) => new URL(p.url()).searchParams.getAll('col');

describe('automatic columns beside a repeated message', () => {
  it('shows status, upstream and duration_ms, marked automatic, with the records\' values', async () => {
    const p = app.page;
    await p.keyboard.press('f');
    await waitHeads(p, ['status', 'upstream', 'duration_ms']);
    expect((await heads(p)).every((h) => h.auto)).toBe(true);
    expect(await p.locator('.log-head .col-auto').count()).toBe(3);
    // Each row's cells are its record's fields: the list is in time order, as the file is.
    const first = Number(await p.locator('.log-row').first().getAttribute('data-row'));
    const status = await cells(p, 'status');
    const upstream = await cells(p, 'upstream');
    expect(status.length).toBeGreaterThan(5);
    status.forEach((s, i) => expect(s).toBe(String(records[first + i].status)));
    upstream.forEach((u, i) => expect(u).toBe(records[first + i].upstream));
    // The message is still there, beside the columns.
    expect(await p.locator('.log-row .c-msg').first().textContent()).toContain('Proxied request');
    // Not a column the user chose: nothing in the address.
    expect(cols(p)).toEqual([]);
    expect(await violations(p)).toEqual([]);
    await shot(p, 'columns-auto');
    await p.emulateMedia({ colorScheme: 'dark' });
    expect(await violations(p)).toEqual([]);
    await shot(p, 'columns-auto-dark');
    await p.emulateMedia({ colorScheme: 'light' });
  });

  it('hides an automatic column the user dismisses, and pins one as a chosen column', async () => {
    const p = app.page;
    await p.click('button[aria-label="Hide automatic column duration_ms"]');
    await waitHeads(p, ['status', 'upstream']);
    await p.click('button[aria-label="Pin column upstream"]');
    await waitHeads(p, ['upstream']);
    expect(await heads(p)).toEqual([{ field: 'upstream', auto: false }]);
    await p.waitForFunction(() => new URL(location.href).searchParams.getAll('col').join() === 'upstream');
    await p.click('button[aria-label="Remove column upstream"]');
    // With no chosen column the automatic ones are back, less the dismissed one.
    await waitHeads(p, ['status', 'upstream']);
    await p.waitForFunction(() => !new URL(location.href).searchParams.has('col'));
  });
});

describe('chosen columns', () => {
  it('adds a column from the Fields sidebar whose cells match the detail panel', async () => {
    const p = app.page;
    const panel = p.locator('section[aria-label="Fields"]');
    await panel.locator('button:has-text("Show")').click();
    // The automatic column dismissed earlier can be brought back from here.
    expect(await panel.locator('.fields-note').textContent()).toContain('duration_ms');
    await panel.locator('.fields-note button:has-text("Show again")').click();
    await waitHeads(p, ['status', 'upstream', 'duration_ms']);
    const toggle = panel.locator('li[data-facet="method"] button.facet-col');
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    // Keyboard reachable: focus it and press Enter.
    await toggle.focus();
    await p.keyboard.press('Enter');
    await waitHeads(p, ['method']);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await p.waitForFunction(() => new URL(location.href).searchParams.getAll('col').join() === 'method');
    for (const n of [0, 3]) {
      const row = p.locator('.log-row').nth(n);
      await row.click();
      const cell = row.locator('.c-field[data-col="method"]');
      await p.waitForFunction((el) => !el?.querySelector('.muted'), await cell.elementHandle());
      const want = await detailValue(p, 'method');
      expect(await cell.textContent()).toBe(want);
      expect(await cell.getAttribute('title')).toBe(want);
    }
    // The detail panel offers the same toggle beside each field, shown pressed for a column already chosen.
    const methodToggle = p.locator('section[aria-label="Detail"] button.facet-col[aria-label="Column: method"]');
    expect(await methodToggle.getAttribute('aria-pressed')).toBe('true');
    expect(await methodToggle.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    const fromDetail = p.locator('section[aria-label="Detail"] button.facet-col[aria-label="Column: upstream"]');
    await fromDetail.click();
    await waitHeads(p, ['method', 'upstream']);
    expect(await fromDetail.getAttribute('aria-pressed')).toBe('true');
    expect(await p.locator('.log-row--on .c-field[data-col="upstream"]').textContent()).toBe(await detailValue(p, 'upstream'));
    await fromDetail.click();
    await waitHeads(p, ['method']);
    // The column is as wide as its values need, far narrower than the message.
    const w = (await p.locator('.log-head .c-field-head[data-col="method"]').boundingBox())?.width ?? 0;
    const m = (await p.locator('.log-row .c-msg').first().boundingBox())?.width ?? 0;
    expect(w).toBeGreaterThan(20);
    expect(w).toBeLessThan(m);
    expect(await violations(p)).toEqual([]);
    await shot(p, 'columns-chosen');
  });

  it('resizes a column by dragging its grip or with the keyboard, and gives it back its automatic width', async () => {
    const p = app.page;
    const width = (sel: string) => p.locator(sel).first().evaluate((el) => el.getBoundingClientRect().width);
    const head = '.log-head .c-field-head[data-col="method"]';
    const cell = '.log-row .c-field[data-col="method"]';
    const auto = await width(head);
    const grip = p.locator(`${head} .col-resize`);
    expect(await grip.getAttribute('aria-label')).toBe('Resize column method');
    const box = await grip.boundingBox();
    if (!box) throw new Error('no grip');
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.mouse.down();
    await p.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 3 });
    await p.mouse.move(box.x + box.width / 2 + 90, box.y + box.height / 2, { steps: 3 });
    await p.mouse.up();
    await p.waitForFunction(([h, w]) => Math.abs((document.querySelector(h as string)?.getBoundingClientRect().width ?? 0) - (w as number)) < 2, [head, auto + 90] as const);
    // Every row's cell follows the header, and the message still fits beside them on one line.
    const cells = await p.$$eval(cell, (els) => els.map((e) => e.getBoundingClientRect().width));
    expect(cells.length).toBeGreaterThan(3);
    for (const w of cells) expect(Math.abs(w - (auto + 90))).toBeLessThan(2);
    expect(Number(await grip.getAttribute('aria-valuenow'))).toBeGreaterThan(auto + 80);
    // Enter gives the automatic width back.
    await grip.focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(([h, w]) => Math.abs((document.querySelector(h as string)?.getBoundingClientRect().width ?? 0) - (w as number)) < 1, [head, auto] as const);
    // The source column, from the keyboard alone: Shift+ArrowRight twice widens it by two big steps, a double click resets it.
    const src = '.log-head .c-src';
    const srcAuto = await width(src);
    const srcGrip = p.locator(`${src} .col-resize`);
    await srcGrip.focus();
    await p.keyboard.press('Shift+ArrowRight');
    await p.keyboard.press('Shift+ArrowRight');
    await p.waitForFunction((w) => Math.abs((document.querySelector('.log-row .c-src')?.getBoundingClientRect().width ?? 0) - w) < 2, srcAuto + 96);
    expect(Math.abs((await width(src)) - (srcAuto + 96))).toBeLessThan(2);
    // The list did not take the arrow keys as moves of its selection.
    expect(await p.evaluate(() => document.activeElement?.classList.contains('col-resize'))).toBe(true);
    expect(await violations(p)).toEqual([]);
    await srcGrip.dblclick();
    await p.waitForFunction((w) => Math.abs((document.querySelector('.log-row .c-src')?.getBoundingClientRect().width ?? 0) - w) < 1, srcAuto);
  });

  it('moves a chosen column by dragging its name onto another, or with Alt+Shift+arrows on its grip', async () => {
    const p = app.page;
    await p.locator('section[aria-label="Detail"] button.facet-col[aria-label="Column: upstream"]').click();
    await waitHeads(p, ['method', 'upstream']);
    await p.locator('.log-head .c-field-head[data-col="upstream"] .col-name').dragTo(p.locator('.log-head .c-field-head[data-col="method"]'));
    await waitHeads(p, ['upstream', 'method']);
    await p.waitForFunction(() => new URL(location.href).searchParams.getAll('col').join() === 'upstream,method');
    // The cells moved with their header.
    expect(await p.locator('.log-row').first().locator('.c-field').evaluateAll((els) => els.map((e) => e.getAttribute('data-col')))).toEqual(['upstream', 'method']);
    const grip = p.locator('.log-head .c-field-head[data-col="upstream"] .col-resize');
    await grip.focus();
    await p.keyboard.press('Alt+Shift+ArrowRight');
    await waitHeads(p, ['method', 'upstream']);
    // Already last: nothing moves, and focus stays on the grip.
    await p.keyboard.press('Alt+Shift+ArrowRight');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Resize column upstream');
    expect(cols(p)).toEqual(['method', 'upstream']);
    // Back undoes the last move.
    await p.goBack();
    await waitHeads(p, ['upstream', 'method']);
    await p.goForward();
    await waitHeads(p, ['method', 'upstream']);
    await p.click('button[aria-label="Remove column upstream"]');
    await waitHeads(p, ['method']);
  });

  it('keeps the column when a file is added', async () => {
    const p = app.page;
    const before = await dataVersion(p);
    await dropFiles(p, readPayloads([resolve(DIR, 'orders-worker.log')]), 'add');
    await waitLoaded(p, before);
    await p.keyboard.press('f');
    await waitHeads(p, ['method']);
    expect(cols(p)).toEqual(['method']);
    // Text lines have no such field: their cells are empty, the JSON lines' are filled.
    const values = await cells(p, 'method');
    expect(values.some((v) => v === '')).toBe(true);
    expect(values.some((v) => v === 'GET' || v === 'POST')).toBe(true);
  });

  it('removes it from its header; Back brings it back and Forward takes it away', async () => {
    const p = app.page;
    await p.click('button[aria-label="Remove column method"]');
    await p.waitForFunction(() => !new URL(location.href).searchParams.has('col'));
    await p.waitForFunction(() => !document.querySelector('.log-head .c-field-head[data-col="method"]'));
    expect(await p.locator('.log-row .c-field[data-col="method"]').count()).toBe(0);
    await p.goBack();
    await waitHeads(p, ['method']);
    expect(cols(p)).toEqual(['method']);
    expect((await cells(p, 'method')).length).toBeGreaterThan(0);
    await p.goForward();
    await p.waitForFunction(() => !document.querySelector('.log-head .c-field-head[data-col="method"]'));
    expect(cols(p)).toEqual([]);
  });
});

describe('a reload', () => {
  it('brings the chosen columns back from the address once the file is dropped again', async () => {
    const p = app.page;
    await p.goBack();
    await waitHeads(p, ['method']);
    p.once('dialog', (d) => void d.accept());
    await p.reload();
    await p.waitForSelector('.app');
    await dropFiles(p, readPayloads([PROXY]));
    await p.keyboard.press('f');
    await waitHeads(p, ['method']);
    expect(cols(p)).toEqual(['method']);
    expect(new Set(await cells(p, 'method'))).toEqual(new Set(['GET', 'POST']));
  });
});

describe('a share link', () => {
  it('opens on another machine with the same columns, filled from the shared lines', async () => {
    const p = app.page;
    const link = await shareLink(p);
    await p.click('dialog .btn-icon[aria-label="Close"]');
    const other = await guardedPage(app.browser, link);
    try {
      await waitLoaded(other.page, 0);
      await waitHeads(other.page, ['method']);
      expect(new Set(await cells(other.page, 'method'))).toEqual(new Set(['GET', 'POST']));
      expect(other.errors).toEqual([]);
    } finally {
      await other.context.close();
    }
  });
});

describe('hostile field names and values', () => {
  it('shows them in headers, cells and tooltips as text, never as markup', async () => {
    const p = app.page;
    const key = '<img src=x onerror="window.__columnPwned=1">';
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ ts: new Date(Date.UTC(2024, 2, 7, 9, 0, i)).toISOString(), level: 'info', msg: 'Proxied request', [key]: `<b onmouseover="window.__columnPwned=2">${i % 3}</b>` }),
    );
    const before = await dataVersion(p);
    await dropFiles(p, [{ name: '<svg onload=alert(1)>.jsonl', b64: Buffer.from(`${lines.join('\n')}\n`).toString('base64') }]);
    await waitLoaded(p, before);
    await p.keyboard.press('f');
    // The column chosen before stays (no such field here: empty cells); removed, the automatic one shows.
    await waitHeads(p, ['method']);
    await p.click('button[aria-label="Remove column method"]');
    await waitHeads(p, [key]);
    expect(await p.locator('.log-head .c-field-head .col-name').textContent()).toBe(key);
    const shown = await cells(p, key);
    expect(shown[0]).toMatch(/^<b onmouseover="window.__columnPwned=2">\d<\/b>$/);
    await p.locator('.log-row .c-field').first().hover();
    expect(await p.locator('.log-list img, .log-list b, .log-list svg').count()).toBe(0);
    expect(await p.evaluate(() => (window as unknown as { __columnPwned?: number }).__columnPwned)).toBeUndefined();
  });
});
