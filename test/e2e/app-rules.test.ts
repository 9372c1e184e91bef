// User rules in a real browser: the Rules dialog shows a broken rule file's
// problem against its line; a good rule previews what it finds (with its
// window) and, applied, adds a finding marked as the user's; the file
// survives a reload (localStorage) and travels in a share link to a browser
// with no files, where it shows marked "from the link" and is not saved until kept.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dataVersion, dropFiles, readPayloads, ROOT, shot, waitLoaded } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';
import { shareLink } from './share-helpers.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? fixtureSet();
const RULE = readFileSync(resolve(ROOT, 'test/fixtures/rules/slow-upstream.json'), 'utf8');
const BAD = readFileSync(resolve(ROOT, 'test/fixtures/rules/bad-detector.json'), 'utf8');
const dialog = (p: Page) => p.locator('dialog[aria-label="Rules"]');
const userFindings = (p: Page) => p.$$eval('section[aria-label="Findings"] li[data-user-rule="yes"]', (els) => els.map((e) => [e.getAttribute('data-rule'), e.querySelector('.finding-title')?.textContent ?? '']));

const app = droppedIncident(set.paths);

describe('rules dialog', () => {
  it('opens with U and shows a bad rule\'s problem against its line', async () => {
    await app.page.locator('.tl-canvas').focus();
    await app.page.keyboard.press('u');
    await dialog(app.page).waitFor();
    await dialog(app.page).locator('textarea[aria-label="Rule file text"]').fill(BAD);
    const err = dialog(app.page).locator('.rule-error').first();
    await err.waitFor();
    expect(await err.getAttribute('data-line')).toBe('7');
    expect(await err.locator('.rule-error-message').textContent()).toMatch(/unknown detector "serie"/);
    expect(await err.locator('.rule-error-source').textContent()).toContain('"type": "serie"');
    expect(await dialog(app.page).locator('button:has-text("Add rule file")').isDisabled()).toBe(true);
  });

  it('previews what a good rule finds and, applied, adds a finding marked as the user\'s', async () => {
    expect(await userFindings(app.page)).toEqual([]);
    await dialog(app.page).locator('input[aria-label="Rule file name"]').fill('slow-upstream.json');
    await dialog(app.page).locator('textarea[aria-label="Rule file text"]').fill(RULE);
    const preview = dialog(app.page).locator('.rule-form .rule-preview[data-findings]');
    await preview.waitFor();
    expect(await preview.getAttribute('data-findings')).toBe('1');
    expect(await preview.locator('.rule-finding-title').textContent()).toBe('centauri.log: upstream slow 5 times in 22 min 54 s');
    expect(await preview.locator('.rule-finding-window').textContent()).toMatch(/02:04:12 – 02:27:06/);
    expect(await preview.locator('.rule-cases').getAttribute('data-pass')).toBe('2');
    await dialog(app.page).locator('button:has-text("Add rule file")').click();
    await dialog(app.page).locator('li.rule-file[data-name="slow-upstream.json"]').waitFor();
    expect(await dialog(app.page).locator('.vocab-apply').getAttribute('data-applied')).toBe('no');
    await shot(app.page, 'rules-dialog');
    const v = await dataVersion(app.page);
    await dialog(app.page).locator('button:has-text("Apply to loaded logs")').click();
    await waitLoaded(app.page, v);
    expect(await dialog(app.page).locator('.vocab-apply').getAttribute('data-applied')).toBe('yes');
    await dialog(app.page).locator('button[aria-label="Close"]').click();
    expect(await userFindings(app.page)).toEqual([['slow-upstream', 'centauri.log: upstream slow 5 times in 22 min 54 s']]);
  });

  it('keeps the rule file across a reload and runs it on the next load', async () => {
    await app.page.reload();
    await app.page.waitForSelector('.app');
    await app.page.click('header button:has-text("Rules")');
    expect(await dialog(app.page).locator('li.rule-file').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['slow-upstream.json']);
    await dialog(app.page).locator('button[aria-label="Close"]').click();
    await dropFiles(app.page, readPayloads(set.paths));
    expect((await userFindings(app.page)).map(([r]) => r)).toEqual(['slow-upstream']);
  });

  it('travels in a share link, shown "from the link" and not saved until kept', async () => {
    const link = await shareLink(app.page);
    expect(await app.page.locator('[data-testid="share-carries"]').textContent()).toMatch(/1 rule file/);
    const other = await app.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const p2 = await other.newPage();
      await p2.goto(link);
      await waitLoaded(p2, 0);
      expect((await userFindings(p2)).map(([r]) => r)).toEqual(['slow-upstream']);
      await p2.click('header button:has-text("Rules")');
      const file = dialog(p2).locator('li.rule-file');
      expect(await file.count()).toBe(1);
      expect(await file.getAttribute('data-origin')).toBe('link');
      expect(await file.locator('.chip').textContent()).toBe('from the link');
      expect(await p2.evaluate(() => localStorage.getItem('timberline.rules'))).toBeNull();
      await file.locator('button:has-text("Keep")').click();
      expect(await file.getAttribute('data-origin')).toBe('user');
      expect(await p2.evaluate(() => localStorage.getItem('timberline.rules'))).toContain('slow-upstream');
    } finally {
      await other.close();
    }
  });
});
