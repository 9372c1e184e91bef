// Clock corrections the user applied (a file whose clock ran ahead or behind):
// subtracted from that file's times before its rows are merged with the
// others', and from the early snapshots drawn while the files load.

import { MAX_CLOCK_OFFSET_MS } from '../model/clock-limit.ts';
import type { TableBuilder } from '../model/table-builder.ts';
import type { FileStats } from './file-stats.ts';

/** Per file index, the ms to subtract (applied offsets; 0, out-of-range and bad values ignored), or null when none applies. */
export function clockShifts(offsets: Record<number, number> | undefined, files: number): Float64Array | null {
  if (!offsets) return null;
  const by = new Float64Array(files);
  let any = false;
  for (const [k, v] of Object.entries(offsets)) {
    const f = Number(k);
    if (!Number.isInteger(f) || f < 0 || f >= files || !Number.isFinite(v) || v === 0 || Math.abs(v) > MAX_CLOCK_OFFSET_MS) continue;
    by[f] = Math.round(v);
    any = true;
  }
  return any ? by : null;
}

/** Correct the clocks of files the user said run ahead or behind, before the rows are merged. */
export function shiftClocks(builder: TableBuilder, files: FileStats[], offsets: Record<number, number> | undefined): void {
  const by = clockShifts(offsets, files.length);
  if (!by) return;
  files.forEach((s, f) => {
    if (!by[f]) return;
    s.clockOffsetMs = by[f];
    s.firstTime -= by[f];
    s.lastTime -= by[f];
  });
  const c = builder.columns;
  for (let i = 0; i < builder.length; i++) c.tMs[i] -= by[c.file[i]];
}
