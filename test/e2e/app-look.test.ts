// How the app looks and holds up: every sample in light and dark, a laptop
// and a large monitor, a high-density screen, and keyboard reachability of
// every control. Screenshots land in test/.out/screenshots for review.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, shot } from './harness/browser.ts';
import { sampleSets } from './harness/incidents.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function openSample(id: string, o: Parameters<typeof openPage>[2]) {
  const opened = await openPage(browser, `${inject('baseUrl')}?sample=${id}`, o);
  await opened.page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && !!document.querySelector('[data-lane]'), null, { timeout: 30_000 });
  await opened.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return opened;
}

describe.each(sampleSets())('sample $id', (s) => {
  it.each(['light', 'dark'] as const)('opens from ?sample= in %s theme with a finding selected', async (scheme) => {
    const { context, page, errors } = await openSample(s.id, { colorScheme: scheme });
    const first = page.locator('section[aria-label="Findings"] li[data-rule] button').first();
    if (await first.count()) await first.click();
    await page.waitForTimeout(100);
    await shot(page, `sample-${s.id}-${scheme}`);
    // The page follows the system theme: dark text on light, light text on dark.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lum = bg.match(/\d+/g)?.slice(0, 3).map(Number).reduce((a, b) => a + b, 0) ?? 0;
    expect(scheme === 'dark' ? lum < 200 : lum > 600).toBe(true);
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('layouts', () => {
  const id = sampleSets()[0]?.id;
  it.each([
    ['laptop', 1280, 720, 1],
    ['large', 2560, 1440, 1],
    ['retina', 1440, 900, 2],
  ] as const)('%s (%ix%i @%ix): nothing overflows the window', async (name, width, height, dpr) => {
    if (!id) return;
    const { context, page } = await openSample(id, { width, height, deviceScaleFactor: dpr });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    // The canvas backing store matches the screen's density (crisp lines).
    const ratio = await page.$eval('.tl-canvas', (c) => (c as HTMLCanvasElement).width / c.getBoundingClientRect().width);
    expect(ratio).toBeCloseTo(dpr, 1);
    await shot(page, `layout-${name}`);
    await context.close();
  });
});

describe('keyboard access', () => {
  it('every control can be reached with Tab and has a name', async () => {
    const id = sampleSets()[0]?.id;
    if (!id) return;
    const { context, page } = await openSample(id, {});
    const unnamed = await page.$$eval('button, summary, input, select, [tabindex="0"]', (els) =>
      els.filter((e) => !(e.getAttribute('aria-label') || e.textContent?.trim() || e.getAttribute('title') || (e as HTMLInputElement).labels?.length)).map((e) => e.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a) return '';
        const label = a instanceof HTMLInputElement ? a.labels?.[0]?.textContent : null;
        return a.getAttribute('aria-label') || label || a.textContent?.trim().slice(0, 30) || a.tagName;
      });
      reached.add(label);
    }
    for (const want of ['Open files…', 'Fit all', 'Zoom in', 'Filter messages', 'Log events']) {
      expect([...reached].some((r) => r === want || r.startsWith(want)), `${want} reached by Tab (got ${[...reached].join(' | ')})`).toBe(true);
    }
    await context.close();
  });
});
