// Browser helpers shared by the e2e suites (app, share, hostile): launch
// Debian's Chromium headless, open the app, load files the three ways a user
// does (drop, file input, sample), wait for the load to land, and save
// screenshots under test/.out/screenshots (git-ignored).

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const SHOTS = resolve(ROOT, 'test/.out/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export interface OpenOptions {
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  deviceScaleFactor?: number;
}

/** A fresh context and page; page errors are collected so tests can assert there were none. */
export async function openPage(browser: Browser, url: string, o: OpenOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: o.width ?? 1440, height: o.height ?? 900 },
    colorScheme: o.colorScheme ?? 'light',
    deviceScaleFactor: o.deviceScaleFactor ?? 1,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('.app');
  return { context, page, errors };
}

/** The load counter shown on the app root: tests wait for it to move past a known value. */
export async function dataVersion(page: Page): Promise<number> {
  return Number(await page.getAttribute('.app', 'data-version'));
}

export async function waitLoaded(page: Page, after: number): Promise<void> {
  await page.waitForFunction(
    (v) => {
      const el = document.querySelector('.app');
      return !!el && Number(el.getAttribute('data-version')) > v && el.getAttribute('data-status') === 'ready';
    },
    after,
    { timeout: 30_000 },
  );
  // Let the first timeline frame land.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

export interface FilePayload {
  name: string;
  /** Base64 of the bytes (binary-safe, .gz included). */
  b64: string;
}

export function readPayloads(paths: string[]): FilePayload[] {
  return paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString('base64') }));
}

/**
 * Simulate a real drop: DataTransfer with File objects, dragenter/dragover/drop
 * on the page. With a session loaded, the drop lands on the overlay's
 * "replace the session" strip (`replace`, the default: most suites want a
 * fresh incident) or anywhere else on the page (`add`).
 */
export async function dropFiles(page: Page, files: FilePayload[], mode: 'replace' | 'add' = 'replace'): Promise<void> {
  const before = await dataVersion(page);
  await page.evaluate(async ([list, how]) => {
    const dt = new DataTransfer();
    for (const f of list as FilePayload[]) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { lastModified: Date.now() }));
    }
    const target = document.querySelector('main') ?? document.body;
    for (const type of ['dragenter', 'dragover']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
    // The overlay is up while files hover over the page.
    const until = Date.now() + 5000;
    while (!document.querySelector('.drop-overlay--on')) {
      if (Date.now() > until) throw new Error('drop overlay did not show');
      await new Promise((r) => setTimeout(r, 20));
    }
    const strip = document.querySelector('.drop-replace')?.getBoundingClientRect();
    const at = how === 'replace' && strip ? { clientX: strip.left + strip.width / 2, clientY: strip.top + strip.height / 2 } : { clientX: innerWidth / 2, clientY: 40 };
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, ...at }));
  }, [files, mode] as const);
  await waitLoaded(page, before);
}

/** Load files through the <input type="file" multiple>. */
export async function pickFiles(page: Page, paths: string[]): Promise<void> {
  const before = await dataVersion(page);
  await page.setInputFiles('input[type="file"]', paths);
  await waitLoaded(page, before);
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = resolve(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** data-lane ids shown, in order. */
export function laneIds(page: Page): Promise<string[]> {
  return page.$$eval('[data-lane]', (els) => els.map((e) => e.getAttribute('data-lane') ?? ''));
}

/** Findings shown: rule id and severity, in order. */
export function findings(page: Page): Promise<{ rule: string; severity: string }[]> {
  return page.$$eval('section[aria-label="Findings"] li[data-rule]', (els) =>
    els.map((e) => ({ rule: e.getAttribute('data-rule') ?? '', severity: e.getAttribute('data-severity') ?? '' })),
  );
}
