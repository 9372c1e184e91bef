// The byte readers of the JSON fast path (json-time.ts) must give exactly what
// the general parsers give for every value they accept, and may only ever
// decline (then the general parser runs), never disagree.

import { describe, expect, it } from 'vitest';
import { decimalBytes, rfc3339Bytes } from '../../src/engine/formats/json-time.ts';
import { newTimeOut, parseTimeValue } from '../../src/engine/model/time.ts';
import { rng } from '../bench/generate.ts';

const enc = new TextEncoder();

/** The value placed in a line as the fast path sees it: a byte after it that is not part of it. */
function bytesOf(s: string): [Uint8Array, number, number] {
  const b = enc.encode(`x"${s}"\n`);
  return [b, 2, b.length - 2];
}

const TIMES = [
  '2024-05-01T10:00:00Z', '2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123456789Z', '2024-05-01T10:00:00.1234567891234Z',
  '2024-05-01T10:00:00+09:00', '2024-05-01T10:00:00.5-07:30', '2024-05-01 10:00:00', '2024-05-01t10:00:00z',
  '2024-05-01T10:00:00', '2024-05-01T24:00:00Z', '2024-05-01T10:00:60Z', '2024-02-30T10:00:00Z', '2024-05-01T10:00:00+19:00',
  '2024-05-01T10:00:00+0900', '2024-05-01T10:00:00+09', '2024-05-01T10:00:00 UTC', '2024-05-01T10:00:00,123Z', '2024-05-01T10:00:00.Z',
  '2024-05-01T10:00Z', '2024-05-01', '1969-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T10:00:00Zjunk',
  '2024-05-01T10:00:00.123+09:00:00', '2024/05/01 10:00:00', '20240501T100000Z', '2024-05-01T1O:00:00Z', '2024-05-01_10:00:00',
];

describe('JSON values read from bytes', () => {
  it('reads RFC 3339 times exactly as parseTimeValue does, or declines', () => {
    const r = rng(5);
    const values = [...TIMES];
    for (let i = 0; i < 3000; i++) {
      const base = TIMES[Math.floor(r() * TIMES.length)];
      const at = Math.floor(r() * base.length);
      const ch = '0123456789:-+.TZ z'[Math.floor(r() * 18)];
      values.push(r() < 0.5 ? base.slice(0, at) + ch + base.slice(at + 1) : base.slice(0, at) + base.slice(at + 1));
    }
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 2000; i++) {
      const date = `${1990 + Math.floor(r() * 60)}-${two(1 + Math.floor(r() * 12))}-${two(1 + Math.floor(r() * 31))}`;
      const clock = `${two(Math.floor(r() * 25))}:${two(Math.floor(r() * 60))}:${two(Math.floor(r() * 61))}`;
      const frac = r() < 0.6 ? '.' + String(Math.floor(r() * 1e12)).slice(0, 1 + Math.floor(r() * 12)) : '';
      const zone = ['', 'Z', `+${two(Math.floor(r() * 19))}:${two(Math.floor(r() * 60))}`, `-${two(Math.floor(r() * 19))}:30`][Math.floor(r() * 4)];
      values.push(`${date}${'T t'[Math.floor(r() * 3)]}${clock}${frac}${zone}`);
    }
    let read = 0;
    for (const v of values) {
      const [b, start, end] = bytesOf(v);
      const fast = newTimeOut();
      if (!rfc3339Bytes(b, start, end, fast)) continue;
      read++;
      const slow = newTimeOut();
      expect(parseTimeValue(v, slow), v).toBe(true);
      expect({ v, ms: fast.ms, subNs: fast.subNs, zoned: fast.zoned, yearless: fast.yearless }).toEqual({ v, ms: slow.ms, subNs: slow.subNs, zoned: slow.zoned, yearless: slow.yearless });
    }
    expect(read).toBeGreaterThan(2000);
  });

  it('reads plain decimals exactly as Number() does, and declines the rest', () => {
    const r = rng(8);
    const values = ['0', '-0', '7', '30', '503', '1714521600', '1714521600123', '1714521600.014307', '1714521600.0176399', '0.1', '0.30000000000000004', '-12.5', '123456789012345', '1234567890123456', '1e3', '1.5E-7', '9007199254740993'];
    for (let i = 0; i < 5000; i++) {
      const int = String(Math.floor(r() * 10 ** Math.floor(r() * 12)));
      const frac = r() < 0.6 ? '.' + String(Math.floor(r() * 10 ** Math.floor(1 + r() * 8))).padStart(1, '0') : '';
      values.push((r() < 0.1 ? '-' : '') + int + frac);
    }
    let read = 0;
    for (const v of values) {
      const [b, start, end] = bytesOf(v);
      const fast = decimalBytes(b, start, end);
      if (Number.isNaN(fast)) continue;
      read++;
      expect(Object.is(fast, Number(v)), `${v}: ${fast} vs ${Number(v)}`).toBe(true);
    }
    expect(read).toBeGreaterThan(4000);
  });
});
