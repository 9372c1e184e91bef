// A session as a responder works it: the page opens on the most severe
// finding with its whole causal window in view, Back and Forward step between
// the views the user chose without leaving the app, leaving with files loaded
// asks first, and files are added to (and removed from) the loaded session.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resolve } from 'node:path';
import { dataVersion, dropFiles, laneIds, readPayloads, shot, waitLoaded } from './harness/browser.ts';
import { droppedIncident } from './app-helpers.ts';
import { fixtureSet, sampleSets } from './harness/incidents.ts';
import { fileSource } from '../../src/cli/node-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { analyze } from '../../src/engine/analysis/analyze.ts';

const set = sampleSets().find((s) => s.id === 'reload-stall') ?? fixtureSet();
const app = droppedIncident(set.paths);

const SEVERITY = { critical: 0, warning: 1, info: 2 } as const;

/** The most severe finding the engine gives for the files, with the times of its evidence. */
async function topFinding(paths: string[]) {
  const result = await ingestSources(await Promise.all(paths.map((p) => fileSource(p))));
  const { findings } = analyze(result);
  const f = findings.slice().sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || a.start - b.start)[0];
  const times = f.evidence.map((r) => result.table.tMs[r]);
  const extent: [number, number] = [result.table.tMs[0], result.table.tMs[result.table.length - 1]];
  return { rule: f.rule, start: Math.min(f.start, ...times), end: Math.max(f.end, ...times), firstEvidence: Math.min(...f.evidence), extent };
}

function urlParams(p: Page): URLSearchParams {
  return new URL(p.url()).searchParams;
}

function urlWindow(p: Page): [number, number] {
  const s = urlParams(p);
  return [Date.parse(s.get('from') ?? ''), Date.parse(s.get('to') ?? '')];
}

/** What the address's query string must say: parameters present, absent, or with a value. */
interface UrlWant {
  has?: string[];
  lacks?: string[];
  is?: Record<string, string>;
}

/** Wait for the (debounced) address to say `want`. */
async function waitUrl(p: Page, want: UrlWant): Promise<void> {
  await p.waitForFunction((w) => {
    const s = new URL(location.href).searchParams;
    return (w.has ?? []).every((k) => s.has(k)) && (w.lacks ?? []).every((k) => !s.has(k)) && Object.entries(w.is ?? {}).every(([k, v]) => s.get(k) === v);
  }, want);
}

describe('opens on the incident', () => {
  it('selects the most severe finding with its first cause and last effect in view, the list at its first evidence', async () => {
    const top = await topFinding(set.paths);
    await waitUrl(app.page, { has: ['finding', 'from'] });
    expect(urlParams(app.page).get('finding')).toBe(top.rule);
    const first = app.page.locator(`section[aria-label="Findings"] li[data-rule="${top.rule}"] button`).first();
    expect(await first.getAttribute('aria-pressed')).toBe('true');
    const [from, to] = urlWindow(app.page);
    // The whole causal window, with margin on both sides...
    expect(from).toBeLessThan(top.start);
    expect(to).toBeGreaterThan(top.end);
    // ...and not the zoomed-out view.
    expect(to - from).toBeLessThan((top.extent[1] - top.extent[0]) * 0.6);
    // The list shows the first evidence event, inside its scrolled viewport.
    const evidence = app.page.locator(`.log-row[data-row="${top.firstEvidence}"]`);
    await evidence.waitFor();
    expect(await evidence.getAttribute('class')).toContain('log-row--evidence');
    const box = await evidence.boundingBox();
    const list = await app.page.locator('.log-list').boundingBox();
    if (!box || !list) throw new Error('no list');
    expect(box.y).toBeGreaterThanOrEqual(list.y);
    expect(box.y + box.height).toBeLessThanOrEqual(list.y + list.height);
    await shot(app.page, 'opens-on-incident');
  });

  it('fits everything with one key', async () => {
    const before = urlWindow(app.page);
    await app.page.locator('.tl-canvas').focus();
    await app.page.keyboard.press('f');
    await app.page.waitForFunction((a) => Date.parse(new URL(location.href).searchParams.get('from') ?? '') < a, before[0]);
    const [from, to] = urlWindow(app.page);
    expect(to - from).toBeGreaterThan(before[1] - before[0]);
  });
});

describe('history', () => {
  it('Back and Forward move between views inside the app', async () => {
    const page = app.page;
    const version = await dataVersion(page);
    // Clear the selection (not a step of its own), open the finding again (pushed), then filter to errors (pushed).
    await page.keyboard.press('Escape');
    await waitUrl(page, { lacks: ['finding'] });
    await page.locator('section[aria-label="Findings"] li[data-rule] button').first().click();
    await waitUrl(page, { has: ['finding'] });
    const findingView = urlWindow(page);
    await page.click('.lvl-toggle:has-text("error")');
    await waitUrl(page, { is: { level: 'error' } });
    const inApp = new URL(page.url()).pathname;

    await page.goBack();
    await waitUrl(page, { lacks: ['level'] });
    expect(await page.locator('.lvl-toggle:has-text("error")').getAttribute('aria-pressed')).toBe('false');
    expect(urlParams(page).get('finding')).not.toBeNull();

    await page.goBack();
    await waitUrl(page, { lacks: ['finding'] });
    expect(await page.locator('section[aria-label="Findings"] li[data-rule] button[aria-pressed="true"]').count()).toBe(0);
    const fitted = urlWindow(page);
    expect(fitted[1] - fitted[0]).toBeGreaterThan(findingView[1] - findingView[0]);

    await page.goForward();
    await waitUrl(page, { has: ['finding'] });
    expect(await page.locator('section[aria-label="Findings"] li[data-rule] button').first().getAttribute('aria-pressed')).toBe('true');
    await page.goForward();
    await waitUrl(page, { is: { level: 'error' } });
    expect(await page.locator('.lvl-toggle:has-text("error")').getAttribute('aria-pressed')).toBe('true');
    // Still the same page and the same loaded session.
    expect(new URL(page.url()).pathname).toBe(inApp);
    expect(await dataVersion(page)).toBe(version);
    await page.click('button:has-text("Clear filters")');
    await waitUrl(page, { lacks: ['level'] });
  });

  it('asks before leaving while files are loaded', async () => {
    const page = app.page;
    // Chromium shows the prompt only after the user interacted with the page (done above).
    const asked = new Promise<string>((done) => page.once('dialog', (d) => { done(d.type()); void d.dismiss(); }));
    await page.evaluate(() => { location.href = 'about:blank'; });
    expect(await asked).toBe('beforeunload');
    // Staying was chosen: the session is still there.
    expect(await laneIds(page)).toContain(`file:${set.paths[0].split('/').pop()}`);
  });
});

describe('files in a session', () => {
  const extra = fixtureSet().paths.filter((p) => p.endsWith('db-local-time.log'));
  const names = set.paths.map((p) => `file:${p.split('/').pop()}`);

  it('a drop onto a loaded session adds the files, each with its lane, analysed together', async () => {
    const page = app.page;
    await dropFiles(page, readPayloads(extra), 'add');
    expect((await laneIds(page)).filter((l) => l.startsWith('file:'))).toEqual([...names, 'file:db-local-time.log']);
    expect(await page.textContent('.header .status')).toContain(`${set.paths.length + 1} files`);
    // The analysis ran on all of them: the page shows what the engine finds for the union.
    const union = await topFinding([...set.paths, ...extra]);
    await waitUrl(page, { has: ['finding'] });
    expect(urlParams(page).get('finding')).toBe(union.rule);
    await shot(page, 'session-added-file');
  });

  it('removes a file from the Files panel', async () => {
    const page = app.page;
    const v = await dataVersion(page);
    await page.click('li.file[data-file="db-local-time.log"] button[aria-label^="Remove"]');
    await waitLoaded(page, v);
    expect((await laneIds(page)).filter((l) => l.startsWith('file:'))).toEqual(names);
    expect(await page.locator('li.file[data-file="db-local-time.log"]').count()).toBe(0);
  });

  it('adds files through the Files panel too', async () => {
    const page = app.page;
    const v = await dataVersion(page);
    await page.setInputFiles('[data-testid="add-file-input"]', extra.map((p) => resolve(p)));
    await waitLoaded(page, v);
    expect((await laneIds(page)).filter((l) => l.startsWith('file:'))).toEqual([...names, 'file:db-local-time.log']);
  });

  it('replaces the session only when the drop lands on "replace"', async () => {
    const page = app.page;
    await dropFiles(page, readPayloads(extra), 'replace');
    expect((await laneIds(page)).filter((l) => l.startsWith('file:'))).toEqual(['file:db-local-time.log']);
  });
});
