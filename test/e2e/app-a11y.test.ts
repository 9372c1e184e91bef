// Accessibility checked the way an auditor would: axe-core runs inside the
// page on the empty start screen, on a loaded sample in light and dark, and
// in every dialog. Serious and critical violations fail the test, with the
// rule, the offending element and axe's explanation in the message.

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './harness/browser.ts';
import { sampleSets } from './harness/incidents.ts';
import { violations } from './harness/axe.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function settle(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function openSample(id: string, scheme: 'light' | 'dark') {
  const opened = await openPage(browser, `${inject('baseUrl')}?sample=${id}`, { colorScheme: scheme });
  await opened.page.waitForFunction(() => document.querySelector('.app')?.getAttribute('data-status') === 'ready' && !!document.querySelector('[data-lane]'), null, { timeout: 30_000 });
  await settle(opened.page);
  return opened;
}

describe('axe finds no serious or critical violations', () => {
  it.each(['light', 'dark'] as const)('on the empty page (%s)', async (scheme) => {
    const { context, page } = await openPage(browser, inject('baseUrl'), { colorScheme: scheme });
    await page.waitForSelector('.app');
    await settle(page);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  const id = sampleSets()[0]?.id ?? '';
  it.each(['light', 'dark'] as const)('on a loaded sample with a finding open (%s)', async (scheme) => {
    const { context, page } = await openSample(id, scheme);
    const first = page.locator('section[aria-label="Findings"] li[data-rule] button').first();
    if (await first.count()) await first.click();
    await settle(page);
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('in each dialog (%s)', async (scheme) => {
    const { context, page } = await openSample(id, scheme);
    const dialogs: [string, () => Promise<void>][] = [
      ['Keyboard and mouse', () => page.keyboard.press('?')],
      ['Vocabulary', () => page.keyboard.press('v')],
      ['Rules', () => page.keyboard.press('u')],
      ['Share this incident', () => page.getByRole('button', { name: /^Share/ }).first().click()],
      ['Paste log text', () => page.getByRole('button', { name: /Paste/ }).first().click()],
    ];
    const found: string[] = [];
    for (const [title, open] of dialogs) {
      await page.locator('body').focus();
      await open();
      const dialog = page.locator('dialog[open]');
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-label')).toBe(title);
      await settle(page);
      found.push(...(await violations(page, 'dialog[open]')).map((v) => `${title}: ${v}`));
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    }
    expect(found).toEqual([]);
    await context.close();
  });
});
