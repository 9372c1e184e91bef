// Times of day placed on the date of the other loaded files (reference-date.ts)
// are kept there only when they fit: they fall within an hour of the range
// those dated files cover. Otherwise the date was a guess that would put the
// file hours away from the rest; its events go back to the unknown day and
// the Files panel offers the other files' date instead of using it.

import type { TableBuilder } from '../model/table-builder.ts';
import { DATE_PLACED_NOTICE, DATE_UNKNOWN_NOTICE, isUnknownDay, UNKNOWN_DAY_MS } from '../model/time-of-day.ts';
import type { FileStats } from './file-stats.ts';

/** How far outside the dated files' range times of day may fall and still take their date. */
const FIT_MARGIN_MS = 3600000;

export interface PlacedFile {
  fileIndex: number;
  /** Builder rows of the file: [start, end). */
  rows: [number, number];
  /** Midnight UTC of the day its times of day were placed on (taken from the other files). */
  day: number;
}

/** Move the files whose times of day do not fit the dated files back to the unknown day. */
export function checkDayFit(builder: TableBuilder, files: FileStats[], placed: readonly PlacedFile[]): void {
  if (placed.length === 0) return;
  const guessed = new Set(placed.map((p) => p.fileIndex));
  let lo = Infinity;
  let hi = -Infinity;
  files.forEach((f, i) => {
    if (guessed.has(i) || f.error || f.dateUnknown || !Number.isFinite(f.firstTime) || isUnknownDay(f.lastTime)) return;
    lo = Math.min(lo, f.firstTime);
    hi = Math.max(hi, f.lastTime);
  });
  if (!Number.isFinite(lo)) return;
  const tMs = builder.columns.tMs;
  for (const p of placed) {
    const f = files[p.fileIndex];
    if (f.lastTime >= lo - FIT_MARGIN_MS && f.firstTime <= hi + FIT_MARGIN_MS) continue;
    const shift = UNKNOWN_DAY_MS - p.day;
    for (let r = p.rows[0]; r < p.rows[1]; r++) tMs[r] += shift;
    f.firstTime += shift;
    f.lastTime += shift;
    f.dateUnknown = true;
    const date = new Date(p.day).toISOString().slice(0, 10);
    f.notices = f.notices.filter((n) => !n.startsWith(DATE_PLACED_NOTICE));
    f.notices.push(DATE_UNKNOWN_NOTICE, `its times of day do not fall within the other files' times on ${date}, so that date was not used`);
  }
}
