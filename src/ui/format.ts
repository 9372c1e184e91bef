// Number and time formatting for the UI. Hand-rolled instead of Intl for the
// per-row paths (the log list formats a time for every visible row on every
// scroll frame); Intl is used once, for the local zone's name. Times on the
// unknown day (times of day without a date, engine/model/time-of-day.ts) show
// their time of day and "date unknown" instead of a date.

import { isUnknownDay, unknownDateLabel } from '../engine/model/time-of-day.ts';

export type Zone = 'utc' | 'local';

const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parts(t: number, zone: Zone): Parts {
  const x = new Date(t);
  return zone === 'utc'
    ? { y: x.getUTCFullYear(), mo: x.getUTCMonth() + 1, d: x.getUTCDate(), h: x.getUTCHours(), mi: x.getUTCMinutes(), s: x.getUTCSeconds(), ms: x.getUTCMilliseconds() }
    : { y: x.getFullYear(), mo: x.getMonth() + 1, d: x.getDate(), h: x.getHours(), mi: x.getMinutes(), s: x.getSeconds(), ms: x.getMilliseconds() };
}

/** "14:03:22.123", with the date in front when `date` is set ("2024-05-01 14:03:22.123"). */
export function formatTime(t: number, zone: Zone, opts: { date?: boolean; ms?: boolean } = {}): string {
  if (!Number.isFinite(t)) return '—';
  const p = parts(t, zone);
  let s = `${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
  if (opts.ms !== false) s += `.${p3(p.ms)}`;
  if (opts.date) s = `${isUnknownDay(t) ? unknownDateLabel(t) : `${p.y}-${p2(p.mo)}-${p2(p.d)}`} ${s}`;
  return s;
}

/** "2024-05-01" in the zone. */
export function formatDate(t: number, zone: Zone): string {
  if (isUnknownDay(t)) return unknownDateLabel(t);
  const p = parts(t, zone);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)}`;
}

/** Do two times fall on different calendar days in the zone? */
export function differentDays(a: number, b: number, zone: Zone): boolean {
  return formatDate(a, zone) !== formatDate(b, zone);
}

/** The zone's name for headers: "UTC" or "UTC+02:00". */
export function zoneLabel(zone: Zone, at = Date.now()): string {
  if (zone === 'utc') return 'UTC';
  const off = -new Date(at).getTimezoneOffset();
  if (off === 0) return 'UTC+00:00 (local)';
  const sign = off < 0 ? '−' : '+';
  const a = Math.abs(off);
  return `UTC${sign}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** Human duration: "850 ms", "12.3 s", "4 m 12 s", "2 h 03 m", "3 d 4 h". */
export function formatDuration(ms: number): string {
  const a = Math.abs(ms);
  if (!Number.isFinite(a)) return '—';
  if (a < 1) return `${a.toFixed(2)} ms`;
  if (a < 1000) return `${Math.round(a)} ms`;
  if (a < 10_000) return `${(a / 1000).toFixed(2)} s`;
  if (a < 60_000) return `${(a / 1000).toFixed(1)} s`;
  const s = Math.floor(a / 1000);
  if (a < 3_600_000) return `${Math.floor(s / 60)} m ${p2(s % 60)} s`;
  if (a < 86_400_000) return `${Math.floor(s / 3600)} h ${p2(Math.floor((s % 3600) / 60))} m`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

/** Signed offset from a reference: "+12.35 s", "−4 m 02 s". */
export function formatRelative(ms: number): string {
  if (ms === 0) return '±0';
  return `${ms < 0 ? '−' : '+'}${formatDuration(ms)}`;
}

/** "1,234,567" */
export function formatInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "950", "12.3k", "4.5M" */
export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
}

/** "512 B", "1.5 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
