// Clock corrections in the address (?clock=MS:NAME, repeated): a reload with
// the same files gets them back (see clocks.ts). What the URL says is
// untrusted: whole ms within a week, a file name without control characters,
// at most MAX_URL_CLOCKS of them; anything else is left out.

import { MAX_CLOCK_OFFSET_MS } from '../../engine/model/clock-limit.ts';

const MAX_URL_CLOCKS = 64;

/** ?clock=MS:NAME, repeated: validated and bounded (whole ms within a week, a plausible file name). */
export function parseClockParams(p: URLSearchParams): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of p.getAll('clock').slice(0, MAX_URL_CLOCKS)) {
    const m = /^([-+]?\d{1,9}):(.{1,255})$/s.exec(v);
    if (!m) continue;
    const ms = Number(m[1]);
    if (!Number.isSafeInteger(ms) || ms === 0 || Math.abs(ms) > MAX_CLOCK_OFFSET_MS || /[\u0000-\u001f]/.test(m[2])) continue;
    out.set(m[2], ms);
  }
  return out;
}

/** The applied corrections as URL parameters. */
export function clockParams(files: readonly { name: string; clockOffsetMs?: number }[]): string[] {
  return files.filter((f) => f.clockOffsetMs).slice(0, MAX_URL_CLOCKS).map((f) => `${f.clockOffsetMs}:${f.name}`);
}
