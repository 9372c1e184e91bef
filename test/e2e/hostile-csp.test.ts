// The production build carries the Content-Security-Policy (no inline or
// remote script) in index.html, has no inline script for it to block, and the
// app runs under it without a single violation while loading an incident.

import { describe, expect, inject, it } from 'vitest';
import { waitLoaded } from './harness/browser.ts';
import { incidentSets } from './harness/incidents.ts';
import { CLEAN, guardedBrowser, guardReport } from './share-helpers.ts';
import { CSP_POLICY, cspOf, inlineScripts } from '../../src/share/csp.ts';

const { open } = guardedBrowser();

describe('Content-Security-Policy in the build', () => {
  it('is in index.html, and index.html has no inline script', async () => {
    const html = await (await fetch(inject('baseUrl'))).text();
    expect(cspOf(html), 'index.html must carry CSP_META from src/share/csp.ts').toBe(CSP_POLICY);
    expect(inlineScripts(html)).toEqual([]);
  });

  it('lets the app load and analyse an incident with no violation', async () => {
    const set = incidentSets()[0];
    const sample = set.id.startsWith('fixture') || set.id.startsWith('extra') ? null : set.id;
    const o = await open(`${inject('baseUrl')}${sample ? `?sample=${sample}` : ''}`);
    if (sample) await waitLoaded(o.page, 0);
    await o.page.keyboard.press('w');
    expect(await guardReport(o.page)).toEqual(CLEAN);
  });
});
