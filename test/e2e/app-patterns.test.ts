// The Patterns tab in a real browser: every event belongs to one listed
// pattern, the list sorts by count / new-in-window / burstiness and narrows
// by text, and pressing a pattern filters the log list (and the URL) to it.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { droppedIncident } from './app-helpers.ts';
import { shot } from './harness/browser.ts';
import { expectedFor, fixtureSet, sampleSets } from './harness/incidents.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? fixtureSet();


interface Seen {
  id: number;
  count: number;
  total: number;
  text: string;
  isNew: boolean;
}

async function patterns(p: Page): Promise<Seen[]> {
  return p.$$eval('button.pattern', (els) =>
    els.map((e) => ({
      id: Number(e.getAttribute('data-template')),
      count: Number(e.querySelector('.p-count')?.getAttribute('data-count')),
      total: Number(e.getAttribute('data-total')),
      text: e.querySelector('.p-text')?.textContent?.replace(/^new/, '') ?? '',
      isNew: !!e.querySelector('.chip-new'),
    })),
  );
}

async function sortBy(p: Page, label: string): Promise<Seen[]> {
  await p.click(`[aria-label="Sort patterns by"] button:has-text("${label}")`);
  await p.waitForFunction((l) => document.querySelector(`[aria-label="Sort patterns by"] button[aria-pressed="true"]`)?.textContent === l, label);
  return patterns(p);
}

const app = droppedIncident(set.paths);

describe('patterns tab', () => {
  it('lists every event under one pattern, most frequent first', async () => {
    const expected = await expectedFor(set);
    // The page opens on the top finding; this test wants nothing selected and everything in view.
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('f');
    await app.page.click('[role="tab"]:has-text("Patterns")');
    await app.page.locator('button.pattern').first().waitFor();
    const seen = await sortBy(app.page, 'Count');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.reduce((a, s) => a + s.total, 0)).toBe(expected.events);
    for (let i = 1; i < seen.length; i++) expect(seen[i].count).toBeLessThanOrEqual(seen[i - 1].count);
    // With everything in view, in-view counts are the totals and nothing is "new".
    for (const s of seen) expect(s.count).toBe(s.total);
    expect(seen.some((s) => s.isNew)).toBe(false);
    // Each row draws a sparkline.
    expect(await app.page.locator('button.pattern svg.spark path').count()).toBe(seen.length);
    await shot(app.page, 'patterns');
  });

  it('narrows by text', async () => {
    await app.page.fill('#pattern-filter-text', 'UPSTREAM');
    await app.page.waitForFunction(() => [...document.querySelectorAll('button.pattern .p-text')].every((e) => /upstream/i.test(e.textContent ?? '')));
    const seen = await patterns(app.page);
    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s.text.toLowerCase()).toContain('upstream');
    await app.page.fill('#pattern-filter-text', '');
  });

  it('puts the burst first when sorted by burstiness, and marks it new inside the finding', async () => {
    const bursty = await sortBy(app.page, 'Bursty');
    const steady = bursty.reduce((a, s) => (s.total > a.total ? s : a));
    // A burst of failures outranks the busiest steady stream.
    expect(bursty.findIndex((s) => s.id === steady.id)).toBeGreaterThan(0);
    const top = bursty[0];
    await app.page.locator('section[aria-label="Findings"] li[data-rule] button').first().click();
    await app.page.waitForFunction(() => !!document.querySelector('button.pattern .chip-new'));
    const fresh = await sortBy(app.page, 'New');
    expect(fresh[0].isNew).toBe(true);
    expect(fresh.filter((s) => s.isNew).map((s) => s.id)).toContain(top.id);
    await app.page.locator('section[aria-label="Findings"] li[data-rule] button').first().click();
  });

  it('filters the log list to a pressed pattern, and the URL keeps it', async () => {
    await app.page.locator('.tl-canvas').focus();
    await app.page.keyboard.press('f');
    const seen = await sortBy(app.page, 'Count');
    // A pattern without wildcards, so each of its events shows exactly its text.
    const pick = seen.find((s) => s.total > 1 && s.total < 400 && !s.text.includes('<*>')) ?? seen[0];
    await app.page.click(`button.pattern[data-template="${pick.id}"]`);
    expect(await app.page.getAttribute(`button.pattern[data-template="${pick.id}"]`, 'aria-pressed')).toBe('true');
    await app.page.waitForFunction((id) => new URL(location.href).searchParams.get('tpl') === String(id), pick.id);
    await app.page.click('button:has-text("Show its events")');
    await app.page.locator('.pattern-chip').waitFor();
    await app.page.waitForFunction((n) => document.querySelector('.log-count')?.textContent?.startsWith(`${n} of`), pick.total.toLocaleString('en'));
    const msgs = await app.page.$$eval('.log-row .c-msg', (els) => els.map((e) => e.textContent ?? ''));
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) expect(m).toContain(pick.text);
    await shot(app.page, 'pattern-filtered');
    await app.page.click('button[aria-label="Remove the pattern filter"]');
    await app.page.waitForFunction(() => !new URL(location.href).searchParams.has('tpl'));
    expect(await app.page.locator('.pattern-chip').count()).toBe(0);
  });
});
