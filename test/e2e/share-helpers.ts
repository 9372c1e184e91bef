// Helpers for the share and hostile-input browser tests, on top of the app's
// harness (harness/browser.ts): a guard installed before any page script that
// records what must never happen (a payload setting window.__pwned, a dialog,
// an element with inline handlers or script injected into the DOM, a CSP
// violation), and readers for what the user sees (findings, window, lanes).

import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch } from './harness/browser.ts';

export interface GuardReport {
  pwned: unknown;
  injected: string[];
  violations: string[];
  dialogs: string[];
}

const dialogsByPage = new WeakMap<Page, string[]>();

/** Install the guard; call before page.goto. Dialogs are recorded and dismissed. */
export async function guard(page: Page): Promise<void> {
  const dialogs: string[] = [];
  dialogsByPage.set(page, dialogs);
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __injected: string[]; __violations: string[] };
    w.__injected = [];
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
    const bad = (el: Element): string | null => {
      const tag = el.tagName.toLowerCase();
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tag)) return `<${tag}>`;
      if (tag === 'script' && !/\/assets\/[\w.-]+\.js$/.test(el.getAttribute('src') ?? '')) return `<script src=${el.getAttribute('src')}>`;
      for (const a of Array.from(el.attributes)) {
        if (a.name.toLowerCase().startsWith('on')) return `<${tag} ${a.name}>`;
        if (/^\s*(javascript|data|vbscript):/i.test(a.value) && ['href', 'src', 'action', 'formaction', 'xlink:href'].includes(a.name.toLowerCase())) return `<${tag} ${a.name}=${a.value.slice(0, 40)}>`;
      }
      if (tag === 'img' && el.getAttribute('src') === 'x') return '<img src=x>';
      return null;
    };
    const scan = (n: Node) => {
      if (!(n instanceof Element)) return;
      const b = bad(n);
      if (b) w.__injected.push(b);
      for (const c of Array.from(n.querySelectorAll('*'))) {
        const bc = bad(c);
        if (bc) w.__injected.push(bc);
      }
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) scan(r.target);
        for (const n of Array.from(r.addedNodes)) scan(n);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
}

/** A fresh context (no files, no storage) with the guard installed, at `url`; page errors are collected. */
export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function guardedPage(browser: Browser, url: string, before?: (page: Page) => void): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await guard(page);
  before?.(page);
  await page.goto(url);
  await page.waitForSelector('.app');
  return { context, page, errors };
}

/**
 * One browser for a test file (launched before, closed after it), and `open`
 * for a fresh guarded context per page: every page starts with no files.
 */
export function guardedBrowser(): { open: (url: string, before?: (page: Page) => void) => Promise<GuardedPage>; browser(): Browser } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });
  const get = () => {
    if (!browser) throw new Error('browser not launched yet');
    return browser;
  };
  const open = async (url: string, before?: (page: Page) => void) => {
    const o = await guardedPage(get(), url, before);
    contexts.push(o.context);
    return o;
  };
  return { open, browser: get };
}

export async function guardReport(page: Page): Promise<GuardReport> {
  const inPage = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: unknown; __injected: string[]; __violations: string[] };
    return { pwned: w.__pwned, injected: w.__injected, violations: w.__violations };
  });
  return { ...inPage, dialogs: dialogsByPage.get(page) ?? [] };
}

export const CLEAN: GuardReport = { pwned: undefined, injected: [], violations: [], dialogs: [] };

/** Open the Share dialog and wait for the link. */
export async function shareLink(page: Page): Promise<string> {
  await page.click('header button:has-text("Share")');
  await page.waitForFunction(() => {
    const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Share link"]');
    return !!box && box.value.includes('#s=') && document.querySelector('.share-body')?.getAttribute('aria-busy') === 'false';
  }, null, { timeout: 60_000 });
  return page.inputValue('textarea[aria-label="Share link"]');
}

export interface SeenView {
  findings: { rule: string; severity: string; title: string; window: string; pressed: boolean }[];
  window: string;
  lanes: string[];
  filterText: string;
  lanesMode: string;
}

/** What the user sees of the view: findings (with which is selected), the window, the lanes. */
export async function seenView(page: Page): Promise<SeenView> {
  return page.evaluate(() => {
    const text = (el: Element | null) => (el?.textContent ?? '').trim();
    return {
      findings: Array.from(document.querySelectorAll('section[aria-label="Findings"] li[data-rule]')).map((li) => ({
        rule: li.getAttribute('data-rule') ?? '',
        severity: li.getAttribute('data-severity') ?? '',
        title: text(li.querySelector('.finding-title')),
        window: text(li.querySelector('.finding-window')).replace(/ · \d+ evidence events/, ''),
        pressed: li.querySelector('button')?.getAttribute('aria-pressed') === 'true',
      })),
      window: text(document.querySelector('.tl-window')),
      lanes: Array.from(document.querySelectorAll('[data-lane]')).map((e) => e.getAttribute('data-lane') ?? ''),
      filterText: (document.querySelector('#log-filter-text') as HTMLInputElement | null)?.value ?? '',
      lanesMode: text(document.querySelector('.tl-toolbar button[aria-pressed="true"]')),
    };
  });
}

/** Wait for the header's error message (a refused link or address). */
export async function headerError(page: Page): Promise<string> {
  const el = page.locator('.status-error');
  await el.waitFor({ timeout: 30_000 });
  return (await el.textContent()) ?? '';
}
