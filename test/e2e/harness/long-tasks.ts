// The page's longest task since a test started watching: the hostile-input
// tests assert that no input leaves the page without a response for longer
// than MAX_LONG_TASK_MS (a click waits for the task running when it arrives).

import type { Page } from 'playwright-core';

export const MAX_LONG_TASK_MS = 2_000;

/** Record the page's long tasks from now on (and those already buffered). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task seen since watchLongTasks (ms). */
export const longestTask = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __longest: number }).__longest);
