// The log list keeps its place while the timeline zooms and pans: the event
// at the top of the list stays at the top (it used to jump to the window's
// first event), and a selected event on screen stays where it was. The axis
// marks the span of time the list shows and follows its scrolling.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { droppedIncident } from './app-helpers.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? fixtureSet();


interface OnScreen {
  row: number;
  /** Px from the list viewport's top to the row's top. */
  y: number;
}

/** The first row whose bottom is inside the list viewport. */
function topRow(p: Page): Promise<OnScreen> {
  return p.evaluate(() => {
    const box = document.querySelector('.log-scroll')?.getBoundingClientRect();
    if (!box) throw new Error('no list');
    for (const el of document.querySelectorAll('.log-row')) {
      const r = el.getBoundingClientRect();
      if (r.bottom > box.top + 1) return { row: Number(el.getAttribute('data-row')), y: Math.round(r.top - box.top) };
    }
    throw new Error('no rows');
  });
}

function rowAt(p: Page, row: number): Promise<OnScreen | null> {
  return p.evaluate((r) => {
    const box = document.querySelector('.log-scroll')?.getBoundingClientRect();
    const el = document.querySelector(`.log-row[data-row="${r}"]`);
    return box && el ? { row: r, y: Math.round(el.getBoundingClientRect().top - box.top) } : null;
  }, row);
}

/** Press a timeline key and wait until the visible window changed and the list redrew. */
async function press(p: Page, key: string): Promise<void> {
  const before = await p.textContent('.tl-window');
  await p.keyboard.press(key);
  await p.waitForFunction((b) => document.querySelector('.tl-window')?.textContent !== b, before);
  // The list redraws from rows the worker sends: on a loaded machine that takes more than a frame.
  await p.waitForFunction(() => document.querySelectorAll('.log-row').length > 0);
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

const app = droppedIncident(set.paths);

describe('log list scroll anchoring', () => {
  it('keeps the event at the top while zooming in and panning', async () => {
    await app.page.mouse.move(0, 0);
    await app.page.locator('.tl-canvas').focus();
    await app.page.keyboard.press('f');
    // The view opened on a finding: wait until fitting all has landed (the window stops changing) before scrolling.
    await app.page.waitForFunction(() => {
      const w = window as unknown as { __tlLast?: string; __tlSame?: number };
      const now = document.querySelector('.tl-window')?.textContent ?? '';
      w.__tlSame = now === w.__tlLast ? (w.__tlSame ?? 0) + 1 : 0;
      w.__tlLast = now;
      return w.__tlSame >= 5;
    }, undefined, { polling: 50 });
    await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Scroll to the middle of the list, half a row off, so the top event sits inside any centred zoom.
    await app.page.$eval('.log-scroll', (el) => {
      el.scrollTop = Math.round(el.scrollHeight / 2) + 7;
    });
    await app.page.waitForFunction(() => (document.querySelector('.log-rows') as HTMLElement | null)?.style.transform !== 'translateY(0px)');
    // The list renders the rows for the new scroll position on its next frame: wait until they cover its top.
    await app.page.waitForFunction(() => {
      const box = document.querySelector('.log-scroll')?.getBoundingClientRect();
      return !!box && [...document.querySelectorAll('.log-row')].some((el) => { const r = el.getBoundingClientRect(); return r.top <= box.top + 1 && r.bottom > box.top + 1; });
    }, undefined, { timeout: 5000 });
    const before = await topRow(app.page);
    expect(before.row).toBeGreaterThan(0);
    await press(app.page, 'w');
    expect(await topRow(app.page)).toEqual(before);
    await press(app.page, 'd');
    expect(await topRow(app.page)).toEqual(before);
  });

  it('keeps a selected event where it was on screen', async () => {
    const first = await topRow(app.page);
    const pick = app.page.locator('.log-row').nth(6);
    await pick.click();
    const row = Number(await pick.getAttribute('data-row'));
    const at = await rowAt(app.page, row);
    expect(at).not.toBeNull();
    await app.page.locator('.tl-canvas').focus();
    await press(app.page, 'a');
    expect(await rowAt(app.page, row)).toEqual(at);
    expect((await topRow(app.page)).row).toBe(first.row);
  });

  it('marks on the axis the span of time the list shows, and moves it as the list scrolls', async () => {
    await app.page.locator('.tl-canvas').focus();
    await press(app.page, 'f');
    const span = () => app.page.$eval('rect.tl-listspan', (el) => ({ x: Number(el.getAttribute('x')), shown: el.getAttribute('visibility') === 'visible' }));
    await app.page.$eval('.log-scroll', (el) => {
      el.scrollTop = 0;
    });
    await app.page.waitForFunction(() => document.querySelector('rect.tl-listspan')?.getAttribute('visibility') === 'visible');
    const atTop = await span();
    await app.page.$eval('.log-scroll', (el) => {
      el.scrollTop = el.scrollHeight;
    });
    // Only the axis redraws for this (not the lanes): the bar still follows within a frame or two.
    await app.page.waitForFunction((x0) => Number(document.querySelector('rect.tl-listspan')?.getAttribute('x')) > x0 + 50, atTop.x, { timeout: 5000 });
    const atEnd = await span();
    expect(atEnd.shown).toBe(true);
    const width = await app.page.$eval('.tl-canvas', (el) => el.getBoundingClientRect().width);
    // Fitted to all: the list's last screenful sits at the right end of the axis.
    expect(atEnd.x).toBeGreaterThan(width * 0.8);
  });
});
