// The custom vocabulary in a real browser: the dialog refuses a bad pattern
// with a reason, previews what a good one matches, and Apply reads the files
// again so the matching events change kind; the entry survives a reload
// (localStorage, read back as untrusted), and travels in a share link to a
// browser with no files, where it shows in the dialog and can be kept.

import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dataVersion, dropFiles, readPayloads, shot, waitLoaded } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';
import { shareLink } from './share-helpers.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? fixtureSet();
const PATTERN = 'Upstream responded slowly';
const expectedMatches = set.paths.reduce((n, p) => n + readFileSync(p, 'utf8').split('\n').filter((l) => l.includes(PATTERN)).length, 0);


const dialog = (p: Page) => p.locator('dialog[aria-label="Vocabulary"]');

/** Show only the rows mentioning PATTERN, over the whole range, and return each row's kind tags. */
async function rowKinds(p: Page): Promise<string[]> {
  await p.locator('.tl-canvas').focus();
  await p.keyboard.press('f');
  await p.fill('#log-filter-text', PATTERN);
  await p.waitForFunction(() => !document.querySelector('.search-state') && document.querySelectorAll('.log-row').length > 0);
  return p.$$eval('.log-row .c-msg', (els) => els.map((e) => e.querySelector('.kind')?.className ?? 'plain'));
}

const app = droppedIncident(set.paths);

describe('vocabulary dialog', () => {
  it('opens with V and refuses bad patterns with a reason', async () => {
    expect(expectedMatches).toBeGreaterThan(0);
    await app.page.locator('.tl-canvas').focus();
    await app.page.keyboard.press('v');
    await dialog(app.page).waitFor();
    const pattern = dialog(app.page).locator('input[aria-label="Pattern"]');
    const problem = dialog(app.page).locator('.vocab-form [role="alert"]');
    await pattern.fill('(');
    expect(await problem.textContent()).toMatch(/not a valid regular expression/);
    // Nested quantifiers are safe on the linear-time engine; what it cannot run is refused by name.
    await pattern.fill('(a)\\1');
    expect(await problem.textContent()).toMatch(/backreference/);
    await pattern.fill('.*');
    expect(await problem.textContent()).toMatch(/matches empty text/);
    await dialog(app.page).locator('button:has-text("Add entry")').click();
    expect(await dialog(app.page).locator('li.vocab-entry').count()).toBe(0);
    expect(await pattern.getAttribute('aria-invalid')).toBe('true');
  });

  it('previews the matches and, once applied, the events change kind', async () => {
    expect(await rowKindsBefore()).toEqual(Array(expectedMatches).fill('plain'));
    await app.page.click('header button:has-text("Vocabulary")');
    await dialog(app.page).locator('select[aria-label="Kind of event"]').selectOption('health-fail');
    await dialog(app.page).locator('input[aria-label="Pattern"]').fill(PATTERN);
    await dialog(app.page).locator('input[aria-label="Note"]').fill('our proxy warns before it times out');
    const preview = dialog(app.page).locator('.vocab-form .vocab-preview[data-matches]');
    await preview.waitFor();
    expect(Number(await preview.getAttribute('data-matches'))).toBe(expectedMatches);
    expect(await dialog(app.page).locator('.vocab-samples code').first().textContent()).toContain(PATTERN);
    await dialog(app.page).locator('button:has-text("Add entry")').click();
    const entry = dialog(app.page).locator('li.vocab-entry[data-kind="health-fail"]');
    await entry.waitFor();
    expect(await entry.locator('.vocab-pattern').textContent()).toBe(PATTERN);
    expect(await dialog(app.page).locator('.vocab-apply').getAttribute('data-applied')).toBe('no');
    await shot(app.page, 'vocabulary-dialog');
    const v = await dataVersion(app.page);
    await dialog(app.page).locator('button:has-text("Apply to loaded logs")').click();
    await waitLoaded(app.page, v);
    expect(await dialog(app.page).locator('.vocab-apply').getAttribute('data-applied')).toBe('yes');
    await dialog(app.page).locator('button[aria-label="Close"]').click();
    expect(await rowKinds(app.page)).toEqual(Array(expectedMatches).fill('kind kind-health-fail'));
  });

  it('keeps the entry across a reload and classifies the next load with it', async () => {
    await app.page.fill('#log-filter-text', '');
    await app.page.reload();
    await app.page.waitForSelector('.app');
    await app.page.click('header button:has-text("Vocabulary")');
    expect(await dialog(app.page).locator('li.vocab-entry .vocab-pattern').allTextContents()).toEqual([PATTERN]);
    await dialog(app.page).locator('button[aria-label="Close"]').click();
    await dropFiles(app.page, readPayloads(set.paths));
    expect(await rowKinds(app.page)).toEqual(Array(expectedMatches).fill('kind kind-health-fail'));
  });

  it('travels in a share link and shows, marked, in the receiver\'s dialog', async () => {
    const link = await shareLink(app.page);
    expect(await app.page.locator('[data-testid="share-carries"]').textContent()).toMatch(/1 custom vocabulary entry/);
    const other = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const p2 = await other.newPage();
      await p2.goto(link);
      await waitLoaded(p2, 0);
      // The sender's classification came with the events: the link carries every
      // finding's evidence, so filter to the rows the entry matched (the list
      // opens scrolled to the selected finding, which need not show them).
      await p2.waitForFunction(() => document.querySelectorAll('.log-row').length > 0);
      const kinds = await rowKinds(p2);
      expect(kinds.length).toBeGreaterThan(0);
      expect(new Set(kinds)).toEqual(new Set(['kind kind-health-fail']));
      await p2.click('header button:has-text("Vocabulary")');
      const entry = dialog(p2).locator('li.vocab-entry');
      expect(await entry.count()).toBe(1);
      expect(await entry.getAttribute('data-origin')).toBe('link');
      expect(await entry.locator('.vocab-pattern').textContent()).toBe(PATTERN);
      expect(await entry.locator('.vocab-note').textContent()).toBe('our proxy warns before it times out');
      // Not saved until kept: a link is someone else's data.
      expect(await p2.evaluate(() => localStorage.getItem('timberline.vocabulary'))).toBeNull();
      await shot(p2, 'vocabulary-from-link');
      await entry.locator('button:has-text("Keep")').click();
      expect(await entry.getAttribute('data-origin')).toBe('user');
      expect(await p2.evaluate(() => localStorage.getItem('timberline.vocabulary'))).toContain(PATTERN);
    } finally {
      await other.close();
    }
  });

  it('reads saved entries back as untrusted: only valid ones survive, nothing breaks', async () => {
    const other = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await other.addInitScript(() => {
        localStorage.setItem('timberline.vocabulary', JSON.stringify({
          v: 1,
          entries: [
            { kind: 'crash', pattern: '(?<=a)b', note: 'lookbehind' },
            { kind: 'plain', pattern: 'x', note: '' },
            { kind: 'timeout', pattern: '<img src=x onerror=alert(1)>', note: '<script>window.__pwned=1</script>' },
            { kind: 'crash', pattern: 42 },
            'junk',
          ],
        }));
      });
      const p2 = await other.newPage();
      const errors: string[] = [];
      p2.on('pageerror', (e) => errors.push(String(e)));
      p2.on('dialog', (d) => {
        errors.push(`dialog ${d.message()}`);
        void d.dismiss();
      });
      await p2.goto(inject('baseUrl'));
      await p2.waitForSelector('.app');
      await p2.click('header button:has-text("Vocabulary")');
      const entries = dialog(p2).locator('li.vocab-entry');
      expect(await entries.count()).toBe(1);
      // Shown as text, never as markup.
      expect(await entries.locator('.vocab-pattern').textContent()).toBe('<img src=x onerror=alert(1)>');
      expect(await entries.locator('.vocab-note').textContent()).toBe('<script>window.__pwned=1</script>');
      expect(await p2.locator('dialog img, dialog script').count()).toBe(0);
      expect(await p2.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

/** Kinds of the PATTERN rows before any custom entry: none (plain). */
async function rowKindsBefore(): Promise<string[]> {
  await dialog(app.page).locator('button[aria-label="Close"]').click();
  const kinds = await rowKinds(app.page);
  await app.page.fill('#log-filter-text', '');
  return kinds;
}
