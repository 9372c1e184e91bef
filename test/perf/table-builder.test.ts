// The table's time order is what every view shows: the builder's sort must
// give the one stable order (time, then ns, file, line) whatever the input
// looks like — sorted, jittered by interleaved writers, whole files out of
// order, or reversed — and appending slices, taking partial snapshots and
// finishing must not lose or move rows.

import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, rowBefore, type EventColumns } from '../../src/engine/model/event-table.ts';
import { sortedOrder, TableBuilder } from '../../src/engine/model/table-builder.ts';
import { rng } from '../bench/generate.ts';

function build(times: number[], files?: number[]): TableBuilder {
  const b = new TableBuilder(4);
  times.forEach((t, i) => b.push({ tMs: t, subNs: (i * 7919) % 3, level: 0, kind: 0, flags: 0, file: files?.[i] ?? 0, logger: 0, line: i + 1, lineCount: 1, byteOffset: i * 10, byteLength: 9, template: 0 }));
  return b;
}

function reference(c: EventColumns, n: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => (rowBefore(c, a, b) ? -1 : rowBefore(c, b, a) ? 1 : a - b));
}

describe('table order', () => {
  const r = rng(4);
  const n = 5000;
  const shapes: Record<string, () => number[]> = {
    sorted: () => Array.from({ length: n }, (_, i) => i * 3),
    jittered: () => Array.from({ length: n }, (_, i) => i * 3 + Math.floor(r() * 40)),
    'jittered by hundreds of rows (writers with skewed clocks)': () => Array.from({ length: n }, (_, i) => i * 3 + (i % 7 === 0 ? Math.floor(r() * 2500) : 0)),
    'far jumps': () => Array.from({ length: n }, (_, i) => (r() < 0.01 ? Math.floor(r() * n * 3) : i * 3)),
    'two files back to back': () => Array.from({ length: n }, (_, i) => (i < n / 2 ? i * 6 : (i - n / 2) * 6 + 1)),
    reversed: () => Array.from({ length: n }, (_, i) => (n - i) * 2),
    'many ties': () => Array.from({ length: n }, () => Math.floor(r() * 20)),
  };
  for (const [name, make] of Object.entries(shapes)) {
    it(`sorts ${name} rows exactly like a stable reference sort`, () => {
      const b = build(make(), Array.from({ length: n }, () => Math.floor(r() * 3)));
      expect(Array.from(sortedOrder(b.columns, b.length))).toEqual(reference(b.columns, b.length));
    });
  }

  it('keeps every row through appendRows, snapshot and finish', () => {
    const a = build(shapes.jittered());
    const slice = build([5, 1, 3]);
    a.appendRows(slice.takeColumns(), slice.length, { logger: [0], template: [0], lineBase: 100, file: 2 });
    const snap = a.snapshot();
    const ranged = a.snapshot(undefined, true);
    const { table } = a.finish();
    expect(table.length).toBe(n + 3);
    for (const c of COLUMN_NAMES) expect(Array.from(ranged[c])).toEqual(Array.from(table[c]));
    // A snapshot for drawing leaves the byte ranges out; every other column is the finished table's.
    for (const c of COLUMN_NAMES) expect(Array.from(snap[c])).toEqual(c === 'byteOffset' || c === 'byteLength' ? [] : Array.from(table[c]));
    const appended = Array.from(table.line).filter((_l, i) => table.file[i] === 2).sort((x, y) => x - y);
    expect(appended).toEqual([101, 102, 103]);
    for (let i = 1; i < table.length; i++) expect(rowBefore(table, i, i - 1)).toBe(false);
  });

  it('moves every column of a row together when a snapshot or finish sorts it', () => {
    // Rows pushed in reverse time order, each column holding a value that names its row, in every element type the table uses.
    const m = 3000;
    const b = new TableBuilder(4);
    for (let i = 0; i < m; i++) {
      b.push({ tMs: (m - i) * 1.5, subNs: i * 3, level: i % 200, kind: (i * 7) % 256, flags: i % 3, file: i % 5, logger: i * 11, line: i + 1, lineCount: 1 + (i % 4), byteOffset: i * 1000.5, byteLength: i * 13, template: i * 17 });
    }
    const check = (t: EventColumns, n: number) => {
      for (let k = 0; k < n; k++) {
        const i = n - 1 - k; // the row pushed i-th sorts to position n-1-i
        expect([t.tMs[k], t.subNs[k], t.level[k], t.kind[k], t.flags[k], t.file[k], t.logger[k], t.line[k], t.lineCount[k], t.byteOffset[k], t.byteLength[k], t.template[k]])
          .toEqual([(m - i) * 1.5, i * 3, i % 200, (i * 7) % 256, i % 3, i % 5, i * 11, i + 1, 1 + (i % 4), i * 1000.5, i * 13, i * 17]);
      }
    };
    check(b.snapshot(undefined, true), m);
    const done = b.finish();
    check(done.table, m);
    expect(done.inOrder).toBe(false);
  });

  it('says when rows were already in order, so side data keyed by row can stay as it is', () => {
    expect(build([1, 2, 4, 5]).finish().inOrder).toBe(true);
    expect(build([1, 3, 2, 5]).finish().inOrder).toBe(false);
  });
});
