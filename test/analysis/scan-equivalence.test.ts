// The analysis's window searches (src/engine/rules/scan.ts: one walk for all
// of a finding's hypotheses, a failure's own rows skipped by cursor, one file's
// rows only) must find exactly what their plain definitions find: one walk of
// the whole window per pattern, testing a Set of excluded rows. Whole analyses
// of generated long logs (failures of many known signatures, with lines that
// support their hypotheses near them, look-alikes that do not, and the same
// words far outside the windows) are compared finding by finding against the
// analysis run with the plain definitions in place of scan.ts.

import { describe, expect, it, vi } from 'vitest';
import { analyze, makeContext } from '../../src/engine/analysis/analyze.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { builtinSignatures } from '../../src/engine/knowledge/index.ts';
import { rowsInWindow } from '../../src/engine/rules/helpers.ts';
import { linesIn } from '../../src/engine/rules/detectors/select.ts';
import { fileRowsInWindow, searchWindows, type WindowSearch } from '../../src/engine/rules/scan.ts';
import { hypothesesOf } from '../../src/engine/rules/failure-signature.ts';
import { matchSignatures } from '../../src/engine/rules/signature-match.ts';
import type { RuleContext } from '../../src/engine/rules/types.ts';
import type { Selector } from '../../src/engine/rules/spec.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { render, rng, sec, steady, type Ev } from './dialects.ts';

/** The plain definitions: one rowsInWindow per search and pattern, exclusions in a Set. */
const plain = {
  searchWindows(ctx: RuleContext, searches: readonly WindowSearch[]): number[][][] {
    return searches.map((s) => {
      const ex = new Set(s.exclude ?? []);
      return s.patterns.map((re) => rowsInWindow(ctx, s.from, s.to, (row) => !ex.has(row) && re.test(ctx.peek(row)), s.cap));
    });
  },
  rowsMatching(ctx: RuleContext, from: number, to: number, patterns: readonly RegExp[], cap: number, exclude?: readonly number[]): number[][] {
    return plain.searchWindows(ctx, [{ from, to, patterns, cap, exclude }])[0];
  },
  fileRowsInWindow(ctx: RuleContext, file: number, from: number, to: number, test: (row: number) => boolean, cap: number): number[] {
    return rowsInWindow(ctx, from, to, (row) => ctx.table.file[row] === file && test(row), cap);
  },
};

/** Whole literal alternatives of a pattern ("challenge|403|connection" gives all three): words that make a line match it. */
function literalWords(re: RegExp): string[] {
  return re.source.split('|').filter((w) => /^[\w ,.:'-]{3,}$/.test(w));
}

/** Signatures whose failure lines and supports words a generated log can carry. */
function usableSignatures() {
  return builtinSignatures().filter((s) => s.spec.samples.length > 0 && s.hypotheses.some((h) => h.supports && literalWords(h.supports).length > 0));
}

/**
 * A six-hour log in three files: steady traffic, failures of the given
 * signatures (runs of four lines of a sample, some hours apart), and for each
 * hypothesis, lines carrying its words within a minute of some runs, far from
 * them, and look-alikes that carry none.
 */
function generatedLog(sigIndexes: readonly number[], seed: number): { name: string; text: string }[] {
  const r = rng(seed);
  const sigs = usableSignatures();
  const app: Ev[] = steady(sec(0), sec(6 * 3600), 900, (t, i) => ({ t, level: i % 50 ? 'info' : 'debug', msg: `processed batch ${i % 997} rows=${i % 311}`, fields: { job: `export-${i % 7}` } }), seed);
  const proxy: Ev[] = steady(sec(0), sec(6 * 3600), 1300, (t, i) => ({ t, level: 'info', msg: i % 3 ? `proxied request to 10.0.${i % 8}.${i % 200}:8080 in ${i % 90}ms` : 'upstream healthy' }), seed + 1);
  const side: Ev[] = [];
  sigIndexes.forEach((k, n) => {
    const sig = sigs[k % sigs.length];
    const words = sig.hypotheses.flatMap((h) => (h.supports ? literalWords(h.supports) : []));
    for (let run = 0; run < 3; run++) {
      const at = 1800 + n * 900 + run * 5400 + r() * 300;
      const sample = sig.spec.samples[run % sig.spec.samples.length];
      for (let j = 0; j < 4; j++) app.push({ t: sec(at + j * 7), level: 'error', msg: sample });
      // Supporting lines within the minute around the run (not for every run: some windows hold none).
      if (run !== 1) for (const w of words.slice(0, run + 2)) side.push({ t: sec(at - 20 + r() * 40), level: r() < 0.5 ? 'warn' : 'info', msg: `worker saw ${w} while draining queue ${Math.floor(r() * 9)}` });
      // Look-alikes near it, and the real words far from any run (outside every window).
      side.push({ t: sec(at + 10), level: 'info', msg: 'connecting to the cache took long' });
      for (const w of words) side.push({ t: sec(at + 2400 + r() * 60), level: 'info', msg: `note: ${w} seen by the sidecar` });
    }
  });
  return [
    { name: 'app.log', text: render('text', app) },
    { name: 'proxy.log', text: render('logfmt', proxy) },
    { name: 'sidecar.log', text: render('slog', side) },
  ];
}

async function ingest(files: { name: string; text: string }[]): Promise<IngestResult> {
  return ingestSources(files.map((f) => bytesSource(f.name, f.text)), { year: 2024 });
}

/** A module as it is with scan.ts replaced by its plain definitions (a fresh module graph). */
async function withPlainScan<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  vi.doMock('../../src/engine/rules/scan.ts', () => plain);
  try {
    return await load();
  } finally {
    vi.doUnmock('../../src/engine/rules/scan.ts');
  }
}

const LOGS = [[0, 1, 2], [3, 4, 5, 6], [7, 8, 9, 10], [11, 12, 13, 14, 15]];

describe('window searches give what one search per pattern gives', () => {
  it('whole analyses of long logs: the same findings, hypotheses and evidence', async () => {
    const old = (await withPlainScan(() => import('../../src/engine/analysis/analyze.ts'))).analyze;
    let supported = 0;
    let unsupported = 0;
    for (const [n, sigs] of LOGS.entries()) {
      const result = await ingest(generatedLog(sigs, 100 + n));
      expect(result.table.length).toBeGreaterThan(30_000);
      const fast = analyze(result);
      const slow = old(result);
      expect(fast.findings.length).toBeGreaterThan(0);
      expect(fast.findings.map((f) => ({ rule: f.rule, title: f.title, detail: f.detail, start: f.start, end: f.end, evidence: f.evidence, hypotheses: f.hypotheses })))
        .toEqual(slow.findings.map((f) => ({ rule: f.rule, title: f.title, detail: f.detail, start: f.start, end: f.end, evidence: f.evidence, hypotheses: f.hypotheses })));
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      for (const f of fast.findings) for (const h of f.hypotheses ?? []) if (h.supports.some((s) => s.text.includes('in the minute around'))) supported++; else unsupported++;
    }
    // Not vacuous: some hypotheses found supporting lines and some found none.
    expect(supported).toBeGreaterThan(0);
    expect(unsupported).toBeGreaterThan(0);
  }, 120_000);

  it('hypotheses of every signature hit, around each of its runs and around the whole log', async () => {
    const result = await ingest(generatedLog([18, 19, 20, 21, 22, 23], 7));
    const ctx = makeContext(result, []);
    const oldHyp = (await withPlainScan(() => import('../../src/engine/rules/failure-signature.ts'))).hypothesesOf;
    const hits = matchSignatures(ctx);
    expect(hits.length).toBeGreaterThan(2);
    const t = result.table;
    for (const h of hits) {
      const windows: [number, number][] = [[t.tMs[h.rows[0]], t.tMs[h.rows[h.rows.length - 1]]], [t.tMs[0], t.tMs[t.length - 1]], [t.tMs[h.rows[0]], t.tMs[h.rows[0]]]];
      for (const [from, to] of windows) expect(hypothesesOf(ctx, h, from, to)).toEqual(oldHyp(ctx, h, from, to));
    }
  }, 60_000);

  it('random searches: windows, several at once, exclusions, caps, patterns that cannot share an alternation', async () => {
    const result = await ingest(generatedLog([24, 25], 9));
    const ctx = makeContext(result, []);
    const t = result.table;
    const r = rng(3);
    const pool = [/connect/i, /queue \d/, /processed batch 1\d\b/, /(a)\1/, /upstream|sidecar/i, /note:/, /never appears anywhere/, /Connect/];
    const at = () => t.tMs[Math.floor(r() * t.length)];
    for (let k = 0; k < 200; k++) {
      const searches: WindowSearch[] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
        const a = at();
        const b = r() < 0.1 ? a - 1 : a + r() * 3_600_000;
        const exclude = Array.from({ length: Math.floor(r() * 400) }, () => Math.floor(r() * t.length)).sort((x, y) => x - y);
        return { from: a, to: b, patterns: pool.filter(() => r() < 0.4), cap: Math.floor(r() * 8), exclude: r() < 0.8 ? exclude : undefined };
      });
      expect(searchWindows(ctx, searches)).toEqual(plain.searchWindows(ctx, searches));
      const file = Math.floor(r() * result.files.length);
      const s = searches[0];
      const cap = 1 + Math.floor(r() * 5);
      const test = (row: number) => row % 3 !== 0;
      expect(fileRowsInWindow(ctx, file, s.from, s.to, test, cap)).toEqual(plain.fileRowsInWindow(ctx, file, s.from, s.to, test, cap));
    }
  });

  it('a data rule\'s evidence lines (linesIn) are the window\'s, as a scan of the whole table finds them', async () => {
    const result = await ingest(generatedLog([26], 11));
    const ctx = makeContext(result, []);
    const t = result.table;
    const r = rng(5);
    for (let k = 0; k < 100; k++) {
      const from = t.tMs[Math.floor(r() * t.length)];
      const to = from + r() * 7_200_000;
      const sel: Selector = k % 2 ? { match: 'connect|note' } : { level: 'warn' };
      const whole: number[] = [];
      for (let row = 0; row < t.length && whole.length < 20; row++) if (t.tMs[row] >= from && t.tMs[row] <= to && (k % 2 ? /connect|note/i.test(ctx.peek(row)) : t.level[row] >= Level.warn)) whole.push(row);
      expect(linesIn(ctx, sel, from, to)).toEqual(whole);
    }
  });
});
