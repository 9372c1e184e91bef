// Every failure family named from a pasted excerpt of a few lines, as the
// products write them (test/fixtures/families/README.md), and routine
// look-alikes (a stop that exits 1, a cleared alarm, a retry) kept quiet.
// Each file's name is its verdict: adding a case is adding a file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../src/engine/rules/types.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { fileSource } from '../../src/cli/node-source.ts';

const DIR = join(import.meta.dirname, '../fixtures/families');
const files = readdirSync(DIR).filter((f) => f.endsWith('.log')).sort();
const verdict = (f: string) => f.slice(0, f.indexOf('--'));

/** As `timberline analyze` reads a file: continuation lines (a Java "Caused by:") are read back. */
async function alarms(name: string) {
  const summary = await new EngineSession().load([await fileSource(join(DIR, name))]);
  return summary.analysis.findings.filter((f) => f.severity !== 'info');
}

describe('excerpt fixtures', () => {
  it('are each named after a known family or "healthy"', () => {
    expect(files.length).toBeGreaterThan(60);
    for (const f of files) expect([...FAMILIES, 'healthy'], f).toContain(verdict(f));
  });
});

describe('a pasted excerpt names its family', () => {
  for (const f of files.filter((n) => verdict(n) !== 'healthy')) {
    it(f, async () => {
      const found = await alarms(f);
      expect(found.map((a) => a.family), found.map((a) => a.title).join(' | ')).toContain(verdict(f));
    });
  }
});

describe('a routine excerpt stays quiet', () => {
  for (const f of files.filter((n) => verdict(n) === 'healthy')) {
    it(f, async () => {
      expect((await alarms(f)).map((a) => `${a.family}: ${a.title}`)).toEqual([]);
    });
  }
});

describe('an excerpt with no timestamps at all', () => {
  for (const f of files.filter((n) => n.includes('untimed'))) {
    it(`${f}: says where the lines are, not an invented time`, async () => {
      const summary = await new EngineSession().load([await fileSource(join(DIR, f))]);
      const found = summary.analysis.findings;
      expect(found.length).toBeGreaterThan(0);
      for (const x of found) {
        expect(x.detail).not.toMatch(/00:00:00|date unknown/);
        expect(x.detail).toMatch(/\bline \d+/);
      }
    });
  }
});
