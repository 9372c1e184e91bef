// Set-up shared by the app's browser tests: one Chromium per test file, one
// page with an incident dropped on it before the tests run, closed after.

import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dropFiles, launch, openPage, readPayloads } from './harness/browser.ts';

export interface LoadedApp {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Registers beforeAll/afterAll; the fields are set once beforeAll has run. */
export function droppedIncident(paths: string[]): LoadedApp {
  const app = {} as LoadedApp;
  beforeAll(async () => {
    app.browser = await launch();
    ({ context: app.context, page: app.page } = await openPage(app.browser, inject('baseUrl')));
    await dropFiles(app.page, readPayloads(paths));
  });
  afterAll(async () => {
    await app.context?.close();
    await app.browser?.close();
  });
  return app;
}

/** A page with nothing loaded yet (the tests load what they need); `errors` collects the page's console errors. */
export function openedApp(): LoadedApp & { errors: string[] } {
  const app = { errors: [] } as unknown as LoadedApp & { errors: string[] };
  beforeAll(async () => {
    app.browser = await launch();
    ({ context: app.context, page: app.page, errors: app.errors } = await openPage(app.browser, inject('baseUrl')));
  });
  afterAll(async () => {
    await app.context?.close();
    await app.browser?.close();
  });
  return app;
}
