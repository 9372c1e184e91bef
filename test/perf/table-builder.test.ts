// The table's time order is what every view shows: the builder's sort must
// give the one stable order (time, then ns, file, line) whatever the input
// looks like — sorted, jittered by interleaved writers, whole files out of
// order, or reversed — and appending slices, taking partial snapshots and
// finishing must not lose or move rows.

import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, rowBefore, type EventColumns } from '../../src/engine/model/event-table.ts';
import { sortedOrder, TableBuilder } from '../../src/engine/model/table-builder.ts';
import { movedWindows, permuteListWindows } from '../../src/engine/model/row-permute.ts';
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

describe('rows appended already sorted (a slice sorted by its own worker)', () => {
  const r = rng(9);
  const n = 6000;
  const jittered = () => Array.from({ length: n }, (_, i) => i * 3 + Math.floor(r() * 400));

  /** A builder made of slices of `times` (each appended with the order its own builder gives), with `loose` rows pushed between some of them. */
  function sliced(times: number[], cuts: number[], loose = 0, sorted = true): TableBuilder {
    const b = new TableBuilder(4);
    for (let k = 0; k + 1 < cuts.length; k++) {
      for (let j = 0; j < loose; j++) b.push({ tMs: times[cuts[k]] + j, subNs: 0, level: 0, kind: 0, flags: 0, file: 0, logger: 0, line: 1, lineCount: 1, byteOffset: 0, byteLength: 0, template: 0 });
      const part = build(times.slice(cuts[k], cuts[k + 1]));
      b.appendRows(part.takeColumns(), part.length, { logger: [0], template: [0], lineBase: cuts[k], ...(sorted ? { order: part.sortedRows() } : {}) });
    }
    return b;
  }

  it('orders them exactly like a stable sort of every row, across slice seams and loose rows between', () => {
    const times = jittered();
    for (const loose of [0, 3]) {
      const b = sliced(times, [0, 700, 2500, 2501, 4100, n], loose);
      expect(Array.from(b.sortedRows())).toEqual(reference(b.columns, b.length));
    }
  });

  it('sorts a slice again when its times changed after it was sorted, or its order is not one of its rows', () => {
    const b = sliced(jittered(), [0, 3000, n]);
    // A later line gave an early row its time (rows waiting for a time), as the merge does.
    b.columns.tMs[3001] = -5;
    expect(Array.from(b.sortedRows())).toEqual(reference(b.columns, b.length));
    const c = new TableBuilder(4);
    const part = build([3, 1, 2]);
    c.appendRows(part.takeColumns(), 3, { logger: [0], template: [0], lineBase: 0, order: Uint32Array.from([1, 1, 2]) });
    expect(Array.from(c.sortedRows())).toEqual([1, 2, 0]);
  });

  it('orders rows still without a time (NaN) as the plain sort does', () => {
    const b = sliced(jittered(), [0, 2000, n]);
    b.columns.tMs[2500] = NaN;
    b.columns.tMs[10] = NaN;
    expect(Array.from(b.sortedRows())).toEqual(Array.from(sortedOrder(b.columns, b.length)));
  });

  it('finishes into the same table with or without the slices\' order', () => {
    const times = jittered();
    const hinted = sliced(times, [0, 1000, 4000, n], 2).finish().table;
    const plain = sliced(times, [0, 1000, 4000, n], 2, false).finish().table;
    for (const c of COLUMN_NAMES) expect(Array.from(hinted[c])).toEqual(Array.from(plain[c]));
  });

  it('moves only where slices sent sorted overlap, and side data moves with the rows', () => {
    const times = jittered();
    const cuts = [0, 1000, 4000, n];
    // Each slice's rows appended already in their order, as slice workers send them.
    const b = new TableBuilder(n + 100);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const part = build(times.slice(cuts[k], cuts[k + 1]));
      b.appendRows(part.takeColumnsInOrder(part.sortedRows()), part.length, { logger: [0], template: [0], lineBase: cuts[k] });
    }
    const rows = Array.from({ length: b.length }, (_, i) => `row ${i}`);
    const want = reference(b.columns, b.length);
    const plain = sliced(times, cuts, 0, false).finish().table;
    const { table, order, windows } = b.finish();
    expect(Array.from(order)).toEqual(want);
    // The slices overlap by a few hundred rows at their seams: only those move.
    expect(windows).not.toBeNull();
    const moved = Array.from(windows as Uint32Array).reduce((sum, x, i) => sum + (i % 2 ? x : -x), 0);
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(n / 4);
    for (const c of COLUMN_NAMES) expect(Array.from(table[c])).toEqual(Array.from(plain[c]));
    permuteListWindows(rows, order, windows as Uint32Array);
    expect(rows).toEqual(want.map((i) => `row ${i}`));
  });

  it('finds no stretch to move in the identity, and gives up on a permutation that moves most rows', () => {
    expect(Array.from(movedWindows(Uint32Array.from([0, 1, 2, 3]), 4) as Uint32Array)).toEqual([]);
    const twoSwaps = Array.from({ length: 20 }, (_, i) => i);
    [twoSwaps[1], twoSwaps[2]] = [2, 1];
    [twoSwaps[18], twoSwaps[19]] = [19, 18];
    expect(Array.from(movedWindows(Uint32Array.from(twoSwaps), 20) as Uint32Array)).toEqual([1, 3, 18, 20]);
    expect(movedWindows(Uint32Array.from([3, 2, 1, 0]), 4)).toBeNull();
  });
});
