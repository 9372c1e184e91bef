// axe-core run inside a page, shared by the accessibility suite and the suites
// that open panels of their own: the serious and critical violations, each
// with the rule, the offending element and axe's explanation.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe over the page (or one element) and lists the serious and critical violations. */
export async function violations(page: Page, within?: string): Promise<string[]> {
  // Evaluated through the debugging protocol, so the app's CSP does not block it.
  await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Result[] }> } }).axe;
    const r = await axe.run(sel ? { include: [sel] } : document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help} — ${n.failureSummary ?? ''}`));
  }, within ?? null);
}

