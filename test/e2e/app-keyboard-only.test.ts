// A whole investigation without the mouse, on the production build: open the
// files from the Open button, skip to the findings with the first Tab, step
// through findings (N/P), errors (E/Shift+E) and marks (M, ← → on the focused
// timeline, Enter to zoom), query the list with `/`, then open Share from the
// keyboard and copy the Markdown, whose content is checked. And the `?` list:
// every row that names keys changes the page when those keys are pressed.

import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openedApp } from './app-helpers.ts';
import { dataVersion, waitLoaded } from './harness/browser.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? sampleSets()[0] ?? fixtureSet();
const app = openedApp();

/** What has focus, as a test reads it. */
function focused(p: Page): Promise<{ tag: string; text: string; cls: string; label: string | null }> {
  return p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', text: (el?.textContent ?? '').trim().slice(0, 80), cls: el?.className ?? '', label: el?.getAttribute('aria-label') ?? null };
  });
}

/** Press Tab (or Shift+Tab) until `ok` says the focused element is the one wanted; returns the presses it took. */
async function tabTo(p: Page, ok: (f: Awaited<ReturnType<typeof focused>>) => boolean, back = false, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await p.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (ok(await focused(p))) return i;
  }
  throw new Error(`not reached in ${max} presses; focus is on ${JSON.stringify(await focused(p))}`);
}

/** The state a user sees change: the URL's view, the selected list row, the detail panel and the finding pressed. */
function seen(p: Page): Promise<string> {
  return p.evaluate(() =>
    JSON.stringify({
      url: location.search,
      row: document.querySelector('.log-row[aria-selected="true"]')?.getAttribute('data-row') ?? null,
      detail: document.querySelector('section[aria-label="Detail"]')?.textContent ?? null,
      finding: document.querySelector('.finding-button[aria-pressed="true"]')?.closest('li')?.getAttribute('data-index') ?? null,
      dialog: [...document.querySelectorAll('dialog[open]')].map((d) => d.getAttribute('aria-label') ?? d.querySelector('h2')?.textContent).join(','),
      active: document.activeElement?.id ?? '',
    }),
  );
}

/** Wait until seen() differs from `before` (some changes land a frame or a debounce later). */
async function changed(p: Page, before: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if ((await seen(p)) !== before) return true;
    await p.waitForTimeout(50);
  }
  return false;
}

/** Wait until seen() stops changing (a key's effect can land a frame or a debounce later). */
async function settled(p: Page): Promise<void> {
  let last = await seen(p);
  for (let i = 0; i < 40; i++) {
    await p.waitForTimeout(100);
    const now = await seen(p);
    if (now === last) return;
    last = now;
  }
}

describe('keyboard only', () => {
  it('goes from an empty page to a copied Markdown report without the mouse', async () => {
    const { page, context } = app;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inject('baseUrl')).origin });

    // Open: Tab to the Open button, Enter opens the file chooser. (The chooser is intercepted
    // from here on: Playwright turns interception on asynchronously when the first listener comes.)
    const chosen = new Promise<void>((resolve) => page.once('filechooser', (fc) => void fc.setFiles(set.paths).then(resolve)));
    await tabTo(page, (f) => f.tag === 'BUTTON' && /^Open files/.test(f.text));
    const before = await dataVersion(page);
    await page.keyboard.press('Enter');
    await chosen;
    await waitLoaded(page, before);

    // The page's first tab stop offers the findings; Enter lands on the open one.
    const firstStop = await page.evaluate(() => document.querySelector<HTMLElement>('button, a[href], input:not([hidden]), [tabindex="0"]')?.textContent);
    expect(firstStop).toBe('Skip to findings');
    await tabTo(page, (f) => f.text === 'Skip to findings', true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).cls).toContain('finding-button');
    const findingCount = await page.locator('li[data-rule]').count();
    expect(findingCount).toBeGreaterThan(0);
    const openFinding = () => page.locator('.finding-button[aria-pressed="true"]').first().evaluate((b) => b.closest('li')?.getAttribute('data-index') ?? null).catch(() => null);
    const first = await openFinding();

    // N / P step through the findings.
    if (findingCount > 1) {
      await page.keyboard.press('n');
      await page.waitForFunction((was) => document.querySelector('.finding-button[aria-pressed="true"]')?.closest('li')?.getAttribute('data-index') !== was, first);
      await page.keyboard.press('p');
      await page.waitForFunction((was) => document.querySelector('.finding-button[aria-pressed="true"]')?.closest('li')?.getAttribute('data-index') === was, first);
    }

    // E / Shift+E select error events: the detail panel shows an ERROR (or worse) event.
    await page.keyboard.press('e');
    await page.locator('section[aria-label="Detail"] h2:has-text("Event")').waitFor();
    const level = () => page.locator('section[aria-label="Detail"] .detail-title .lvl').textContent();
    expect(await level()).toMatch(/error|critical|fatal/i);
    const firstError = await page.getAttribute('.log-row[aria-selected="true"]', 'data-row');
    await page.keyboard.press('e');
    await page.waitForFunction((was) => document.querySelector('.log-row[aria-selected="true"]')?.getAttribute('data-row') !== was, firstError);
    await page.keyboard.press('Shift+E');
    await page.waitForFunction((was) => document.querySelector('.log-row[aria-selected="true"]')?.getAttribute('data-row') === was, firstError);

    // M selects a mark; on the focused timeline ← → step through marks and Enter zooms to one.
    await page.keyboard.press('m');
    await page.locator('section[aria-label="Detail"] h2:has-text("Mark")').waitFor();
    await tabTo(page, (f) => f.cls.includes('tl-canvas'), true);
    const markFrom = () => page.locator('section[aria-label="Detail"] dd[data-key="from"]').textContent();
    const m1 = await markFrom();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((was) => document.querySelector('section[aria-label="Detail"] dd[data-key="from"]')?.textContent !== was, m1);
    const zoomBefore = await seen(page);
    await page.keyboard.press('Enter');
    expect(await changed(page, zoomBefore)).toBe(true);

    // `/` puts the cursor in the query box; a query narrows the list.
    await page.keyboard.press('/');
    expect((await focused(page)).label ?? (await page.evaluate(() => document.activeElement?.id))).toBeTruthy();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('log-filter-text');
    await page.keyboard.type('level>=error');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.log-row')];
      return rows.length > 0 && rows.every((r) => /ERROR|CRITICAL|FATAL/i.test(r.textContent ?? ''));
    });

    // Share from the keyboard: back to the header's Share button, Enter, wait for the link, Tab to Copy as Markdown.
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Share', true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Share link"]');
      return !!box && box.value.includes('#s=') && document.querySelector('.share-body')?.getAttribute('aria-busy') === 'false';
    }, null, { timeout: 60_000 });
    const link = await page.inputValue('textarea[aria-label="Share link"]');
    await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Copy as Markdown');
    await page.keyboard.press('Enter');
    await page.locator('.share-note:has-text("Copied the Markdown")').waitFor();
    const md = await page.evaluate(() => navigator.clipboard.readText());
    const title = (await page.locator('li[data-rule] .finding-title').first().textContent()) ?? '';
    expect(md).toContain(link);
    expect(md).toMatch(/^#+ /m);
    // The first finding's title, as words (the Markdown may put parts of it in code spans).
    for (const word of title.split(/\W+/).filter((w) => w.length > 3).slice(0, 3)) expect(md).toContain(word);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
  });

  it('does something for every key the ? list names', async () => {
    const { page } = app;
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    await page.locator('dialog[open] table.keys').waitFor();
    const rows = await page.locator('dialog[open] table.keys tr').evaluateAll((trs) =>
      trs.map((tr) => ({ label: tr.querySelector('th')?.textContent ?? '', keys: (tr.getAttribute('data-keys') ?? '').split(' ').filter(Boolean), scope: tr.getAttribute('data-scope') ?? '' })),
    );
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    expect(rows.filter((r) => r.keys.length > 0).length).toBeGreaterThan(10);
    const toPress = (k: string) => (k.startsWith('shift+') ? `Shift+${k.slice(6).toUpperCase()}` : k === 'escape' ? 'Escape' : k === 'enter' ? 'Enter' : k === 'arrowright' ? 'ArrowRight' : k === 'arrowleft' ? 'ArrowLeft' : k);
    for (const r of rows) {
      for (const k of r.keys) {
        // A busy view each time: a finding open (zoomed in, a row selected), then a mark for the mark keys.
        await page.evaluate(() => {
          document.querySelector('dialog[open]')?.querySelector<HTMLButtonElement>('.btn-icon[aria-label="Close"]')?.click();
          (document.activeElement as HTMLElement | null)?.blur();
        });
        await page.keyboard.press('Escape');
        // (N and P start from no finding open: the sample has one finding, which they would only open again.)
        if (k !== 'n' && k !== 'p') await page.keyboard.press('n');
        await settled(page);
        const step = ['m', 'shift+m', 'arrowleft', 'arrowright', 'enter'].includes(k) ? 'm' : 'e';
        await page.keyboard.press(step);
        // Shift+E / Shift+M step back: give them an error or mark behind the selected one.
        if (k === 'shift+e' || k === 'shift+m') await page.keyboard.press(step);
        if (r.scope === 'canvas') await page.focus('.tl-canvas');
        await settled(page);
        const before = await seen(page);
        await page.keyboard.press(toPress(k));
        expect({ row: r.label, key: k, changed: await changed(page, before) }).toEqual({ row: r.label, key: k, changed: true });
      }
    }
  });
});
