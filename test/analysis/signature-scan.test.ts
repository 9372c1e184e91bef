// The whole-table signature scan of a big log (routine rows answered once per
// template, the rest once per text, the signature finder's literal scan past
// its first texts) must give the rows that testing each row as the scan's
// definition says gives: a warning's own text, an info row's template, and a
// cause line read back when the row names no signature or only a crash.
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/engine/analysis/analyze.ts';
import { newFileStats } from '../../src/engine/ingest/file-stats.ts';
import type { IngestResult } from '../../src/engine/ingest/ingest.ts';
import { builtinSignatures } from '../../src/engine/knowledge/index.ts';
import { Kind } from '../../src/engine/model/kinds.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { TableBuilder } from '../../src/engine/model/table-builder.ts';
import { matchSignatures } from '../../src/engine/rules/signature-match.ts';
import { Templater } from '../../src/engine/templates/templater.ts';
import { rng } from './dialects.ts';

/** A log of `n` rows: routine info lines, warnings and errors (half of them one-off), samples of every signature at every level, and crash rows with cause lines. */
function bigLog(n: number): IngestResult {
  const r = rng(5);
  const sigs = builtinSignatures();
  const samples = sigs.flatMap((s) => [...s.spec.samples, ...s.spec.negatives]);
  const builder = new TableBuilder(n);
  const templater = new Templater();
  const messages: string[] = [];
  const causes = new Map<number, string[]>();
  const levels = [Level.debug, Level.info, Level.info, Level.info, Level.warn, Level.error, Level.none];
  for (let i = 0; i < n; i++) {
    const u = r();
    const msg = u < 0.5 ? `processed request ${(i * 2654435761) >>> 0} in ${i % 300} ms`
      : u < 0.8 ? samples[Math.floor(r() * samples.length)]
      : u < 0.9 ? `${samples[Math.floor(r() * samples.length)]} (attempt ${i})`
      : 'panic: runtime error: invalid memory address or nil pointer dereference';
    const level = levels[Math.floor(r() * levels.length)];
    const kind = r() < 0.05 ? Kind.timeout : Kind.plain;
    builder.push({ tMs: 1_700_000_000_000 + i * 10, subNs: 0, level, kind, flags: 0, file: 0, logger: 0, line: i + 1, lineCount: 1, byteOffset: 0, byteLength: msg.length, template: templater.add(msg) });
    messages.push(msg);
    if (u >= 0.9 && r() < 0.5) causes.set(i, [samples[Math.floor(r() * samples.length)]]);
  }
  const { table } = builder.finish();
  // Some messages are not kept in memory: their template stands in for them.
  const kept = messages.map((m, i) => (i % 7 === 3 ? undefined : m));
  return { table, files: [newFileStats('big.log', 0)], messages: kept, templates: templater.list(), decompressed: [null], causes };
}

/** The scan as its definition reads: each row's text (a routine row of a big log: its template), then its cause lines for a crash or a miss. */
function referenceScan(r: IngestResult): Map<string, number[]> {
  const sigs = builtinSignatures();
  const find = (text: string) => sigs.findIndex((s) => s.re.test(text));
  const t = r.table;
  const out = new Map<string, number[]>();
  for (let row = 0; row < t.length; row++) {
    const lv = t.level[row];
    const candidate = t.length <= 5000 || lv >= Level.warn || lv === Level.none || t.kind[row] !== Kind.plain;
    const text = candidate ? r.messages[row] ?? r.templates[t.template[row]]?.pattern ?? '' : r.templates[t.template[row]]?.pattern ?? '';
    let i = find(text);
    if (i < 0 || sigs[i].family === 'crash') {
      const lines = r.causes?.get(row) ?? [];
      for (let k = lines.length - 1; k >= 0; k--) {
        const j = find(lines[k]);
        if (j >= 0) {
          if (i < 0 || sigs[j].family !== 'crash') i = j;
          break;
        }
      }
    }
    if (i >= 0) out.set(sigs[i].spec.id, [...(out.get(sigs[i].spec.id) ?? []), row]);
  }
  return out;
}

describe('signature scan of a big log', () => {
  it('finds the rows the plain definition finds, per signature, in row order', () => {
    const r = bigLog(30_000);
    const hits = matchSignatures({ ...makeContext(r, []), marks: [] });
    const got = new Map(hits.map((h) => [h.sig.spec.id, h.rows]));
    const want = referenceScan(r);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, rows] of want) expect({ id, rows: got.get(id) }).toEqual({ id, rows });
    // Enough signatures and rows that the comparison covers the finder's scan path and the causes.
    expect(want.size).toBeGreaterThan(20);
    expect([...want.values()].reduce((a, rows) => a + rows.length, 0)).toBeGreaterThan(5000);
  });
});
