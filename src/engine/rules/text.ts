// Wording helpers shared by the rules, so every finding reads the same way:
// clock times in UTC, durations in s / min / h, counts with their noun.

import { clockText, isUnknownDay } from '../model/time-of-day.ts';

/** "10:00:30" (UTC; the report carries full ISO times). */
export function clock(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  return new Date(ms).toISOString().slice(11, 19);
}

/** "2024-05-01 10:00:30 UTC", for the first time a finding names. */
export function stamp(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  // A time of day without a date (an excerpt) is shown as such, never as its placeholder day.
  if (isUnknownDay(ms)) return `${clockText(ms)} (date unknown)`;
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** "850 ms", "42 s", "6 min 05 s", "3 h 10 min". */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "1 timeout", "3 timeouts". */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** A message quoted for a detail line, shortened. */
export function quote(text: string, max = 100): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return `"${one.length > max ? one.slice(0, max - 1) + '…' : one}"`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
