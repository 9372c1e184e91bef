// Timestamp parsing: every shape the formats hand to time.ts must land on the
// right instant, keep its sub-millisecond digits, and say whether it had a zone.
import { describe, expect, it } from 'vitest';
import {
  fromEpoch, fromEpochString, newTimeOut, parseClfAt, parseCtimeAt, parseIso, parseKlogAt, parseSyslogAt,
  parseTimeAt, parseTimeValue, parseZone, timeFromParts, toIso, type TimeOut,
} from '../../src/engine/model/time.ts';

function iso(parse: (out: TimeOut) => boolean): { iso: string; zoned: boolean; yearless: boolean } | null {
  const out = newTimeOut();
  if (!parse(out)) return null;
  return { iso: toIso(out.ms, out.subNs), zoned: out.zoned, yearless: out.yearless };
}
const isoOf = (s: string) => iso((o) => parseIso(s, o))?.iso;

describe('ISO 8601 / RFC 3339', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.5Z', '2024-05-01T10:00:00.500Z'],
    ['2024-05-01T10:00:00.123456789Z', '2024-05-01T10:00:00.123456789Z'],
    // RFC3339Nano trims trailing zeros: variable-width fractions.
    ['2024-05-01T10:00:00.12345Z', '2024-05-01T10:00:00.12345Z'],
    ['2024-05-01T10:00:00.1234567Z', '2024-05-01T10:00:00.1234567Z'],
    ['2024-05-01T19:00:00+09:00', '2024-05-01T10:00:00.000Z'],
    ['2024-11-12T14:13:36.574+0900', '2024-11-12T05:13:36.574Z'],
    ['2021-02-05T12:41:48.053-0700', '2021-02-05T19:41:48.053Z'],
    ['2024-05-01T05:30:00+05', '2024-05-01T00:30:00.000Z'],
    ['2015-07-29 17:41:44,747', '2015-07-29T17:41:44.747Z'],
    ['2022/09/11 16:31:21', '2022-09-11T16:31:21.000Z'],
    ['2022/09/11 16:31:21.123456', '2022-09-11T16:31:21.123456Z'],
    ['2005-06-03-15.42.50.675872', '2005-06-03T15:42:50.675872Z'],
    ['20171223-22:15:29:606', '2017-12-23T22:15:29.606Z'],
    ['2024-05-01 10:00:00.123456789 +0000 UTC', '2024-05-01T10:00:00.123456789Z'],
    ['2024-05-01 03:00:00 -0700', '2024-05-01T10:00:00.000Z'],
    // PostgreSQL's %t with a zone that has no abbreviation: a bare hour offset after a space.
    ['2024-04-19 10:41:33 +06', '2024-04-19T04:41:33.000Z'],
    ['2024-04-19 10:41:33 -03 [2464031-3] LOG:', '2024-04-19T13:41:33.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
  ])('%s', (text, want) => {
    expect(isoOf(text)).toBe(want);
  });

  it('says whether the zone was given', () => {
    expect(iso((o) => parseIso('2024-05-01T10:00:00Z', o))?.zoned).toBe(true);
    expect(iso((o) => parseIso('2024-05-01T10:00:00+0900', o))?.zoned).toBe(true);
    expect(iso((o) => parseIso('2024-05-01 10:00:00,123', o))?.zoned).toBe(false);
  });

  it('rejects numbers and impossible dates', () => {
    expect(isoOf('2024-13-01T10:00:00Z')).toBeUndefined();
    expect(isoOf('2024050112345')).toBeUndefined();
    expect(isoOf('1999999999')).toBeUndefined();
    expect(isoOf('2024-05-0112')).toBeUndefined();
  });

  it('does not read a number after a space as a zone', () => {
    const out = newTimeOut();
    expect(parseIso('2024-05-01 10:00:00 +12x', out)).toBe(true);
    expect(out.zoned).toBe(false);
    expect(parseIso('2024-05-01 10:00:00 -1234567', out)).toBe(true);
    expect(out.zoned).toBe(false);
  });

  it('does not read "+12345" as a zone', () => {
    const out = newTimeOut();
    expect(parseIso('2024-05-01T10:00:00+12345', out)).toBe(true);
    expect(out.zoned).toBe(false);
  });
});

describe('epochs', () => {
  it.each([
    [1714557600, '2024-05-01T10:00:00.000Z'],
    [1761019822.3152757, '2025-10-21T04:10:22.315276Z'],
    [1714557600123, '2024-05-01T10:00:00.123Z'],
    [1714557600123456, '2024-05-01T10:00:00.123456Z'],
  ])('number %s', (v, want) => {
    expect(iso((o) => fromEpoch(v, o))?.iso).toBe(want);
  });

  it.each([
    ['1534860261221373', '2018-08-21T14:04:21.221373Z'], // journald µs
    ['1714557600123456789', '2024-05-01T10:00:00.123456789Z'], // Loki ns
    ['1661140434', '2022-08-22T03:53:54.000Z'],
    ['1761019822.3152757', '2025-10-21T04:10:22.3152757Z'],
    ['1714557600123', '2024-05-01T10:00:00.123Z'],
  ])('string %s keeps every digit', (s, want) => {
    expect(iso((o) => fromEpochString(s, o))?.iso).toBe(want);
  });

  it('refuses counters and ids that are not plausible times', () => {
    expect(iso((o) => fromEpoch(42, o))).toBeNull();
    expect(iso((o) => fromEpochString('123456789', o))).toBeNull();
  });

  it('nanosecond strings whose milliseconds tie still order', () => {
    const a = newTimeOut();
    const b = newTimeOut();
    fromEpochString('1714557600123000001', a);
    fromEpochString('1714557600123000002', b);
    expect(a.ms).toBe(b.ms);
    expect(a.subNs).toBeLessThan(b.subNs);
  });
});

describe('year-less and named-month shapes', () => {
  it('syslog takes the given year and says so', () => {
    expect(iso((o) => parseSyslogAt('Jun 14 15:16:01 combo sshd', 0, 2023, o))).toEqual({ iso: '2023-06-14T15:16:01.000Z', zoned: false, yearless: true });
    expect(iso((o) => parseSyslogAt('Jul  1 09:00:55 host', 0, 2023, o))?.iso).toBe('2023-07-01T09:00:55.000Z');
    expect(iso((o) => parseSyslogAt('Nov 9 12:01:01 dn228', 0, 2005, o))?.iso).toBe('2005-11-09T12:01:01.000Z');
  });

  it('reads the month as journald prints it in Chinese, Japanese, Korean and Russian locales', () => {
    expect(iso((o) => parseSyslogAt('10月 06 17:31:11 Cent7 systemd[1]', 0, 2024, o))?.iso).toBe('2024-10-06T17:31:11.000Z');
    expect(iso((o) => parseSyslogAt('1月 06 17:31:11 host', 0, 2024, o))?.iso).toBe('2024-01-06T17:31:11.000Z');
    expect(iso((o) => parseSyslogAt('11월 21 14:02:55 db-2', 0, 2024, o))?.iso).toBe('2024-11-21T14:02:55.000Z');
    expect(iso((o) => parseSyslogAt('окт 06 17:31:11 srv', 0, 2024, o))?.iso).toBe('2024-10-06T17:31:11.000Z');
    // newer glibc prints the genitive ("мая"), older the nominative ("май")
    expect(iso((o) => parseSyslogAt('мая 02 08:00:01 srv', 0, 2024, o))?.iso).toBe('2024-05-02T08:00:01.000Z');
    expect(iso((o) => parseSyslogAt('Май 02 08:00:01 srv', 0, 2024, o))?.iso).toBe('2024-05-02T08:00:01.000Z');
    // French writes April out in full
    expect(iso((o) => parseSyslogAt('avril 03 07:15:42 nas', 0, 2024, o))?.iso).toBe('2024-04-03T07:15:42.000Z');
  });

  it('refuses month numbers that are not months, and digits without a month sign', () => {
    expect(iso((o) => parseSyslogAt('13月 06 17:31:11 host', 0, 2024, o))).toBeNull();
    expect(iso((o) => parseSyslogAt('0月 06 17:31:11 host', 0, 2024, o))).toBeNull();
    expect(iso((o) => parseTimeAt('10 06 17:31:11 host', 0, 2024, o))).toBeNull();
  });

  it('ctime carries its own year', () => {
    expect(iso((o) => parseCtimeAt('Sun Dec 04 04:47:44 2005', 0, 1999, o))).toEqual({ iso: '2005-12-04T04:47:44.000Z', zoned: false, yearless: false });
    expect(iso((o) => parseCtimeAt('Fri Sep 09 10:42:29.902022 2011', 0, 1999, o))?.iso).toBe('2011-09-09T10:42:29.902022Z');
  });

  it('klog month-day', () => {
    expect(iso((o) => parseKlogAt('0516 18:34:04.558677', 0, 2024, o))).toEqual({ iso: '2024-05-16T18:34:04.558677Z', zoned: false, yearless: true });
  });

  it('CLF with offset', () => {
    expect(iso((o) => parseClfAt('10/Oct/2000:13:55:36 -0700', 0, o))).toEqual({ iso: '2000-10-10T20:55:36.000Z', zoned: true, yearless: false });
  });
});

describe('parseTimeAt (any leading shape)', () => {
  it.each([
    ['2024-05-01T10:00:00Z rest', '2024-05-01T10:00:00.000Z'],
    ['1714557600 rest', '2024-05-01T10:00:00.000Z'],
    ['1714557600.25,rest', '2024-05-01T10:00:00.250Z'],
    ['1714557600123|x', '2024-05-01T10:00:00.123Z'],
    ['Jan  2 15:04:05 host', '2024-01-02T15:04:05.000Z'],
    ['Tue Jan 02 15:04:05 2024 x', '2024-01-02T15:04:05.000Z'],
    ['02/Jan/2024:15:04:05 +0000', '2024-01-02T15:04:05.000Z'],
    ['10月 06 17:31:11 Cent7', '2024-10-06T17:31:11.000Z'],
  ])('%s', (s, want) => {
    expect(iso((o) => parseTimeAt(s, 0, 2024, o))?.iso).toBe(want);
  });

  it('refuses digits that are not an epoch', () => {
    expect(iso((o) => parseTimeAt('12345 things', 0, 2024, o))).toBeNull();
    expect(iso((o) => parseTimeAt('1714557600abc', 0, 2024, o))).toBeNull();
  });
});

describe('JSON time values and parts', () => {
  it.each([
    ['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z'],
    [1714557600.5, '2024-05-01T10:00:00.500Z'],
    ['1534860261221373', '2018-08-21T14:04:21.221373Z'],
    ['Wed, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00.000Z'],
  ])('%s', (v, want) => {
    expect(iso((o) => parseTimeValue(v, o))?.iso).toBe(want);
  });

  it('builds a time from fields, with whole ms or fraction digits', () => {
    expect(iso((o) => timeFromParts(2017, 12, 23, 22, 18, 2, 7, '', NaN, o))?.iso).toBe('2017-12-23T22:18:02.007Z');
    expect(iso((o) => timeFromParts(2024, 5, 16, 18, 34, 4, 0, '558677', NaN, o))?.iso).toBe('2024-05-16T18:34:04.558677Z');
    expect(iso((o) => timeFromParts(2024, 5, 1, 19, 0, 0, 0, '', 540, o))).toEqual({ iso: '2024-05-01T10:00:00.000Z', zoned: true, yearless: false });
    expect(iso((o) => timeFromParts(2024, 2, 30, 10, 0, 0, 0, '', NaN, o))?.iso).toBe('2024-03-01T10:00:00.000Z');
    expect(iso((o) => timeFromParts(2024, 13, 1, 10, 0, 0, 0, '', NaN, o))).toBeNull();
  });

  it('reads zones on their own', () => {
    const o = newTimeOut();
    expect(parseZone('+09:00', o)).toBe(540);
    expect(parseZone('-0700', o)).toBe(-420);
    expect(parseZone('Z', o)).toBe(0);
    expect(Number.isNaN(parseZone('+09:00x', o))).toBe(true);
  });
});

describe('IANA zone ids after the clock', () => {
  it.each([
    // Summer and winter offsets of one zone come from the platform's time-zone data.
    ['2023-04-19 01:30:56 Europe/Bucharest', '2023-04-18T22:30:56.000Z'],
    ['2023-01-19 01:30:56 Europe/Bucharest', '2023-01-18T23:30:56.000Z'],
    ['2024-12-26 23:33:52 America/Sao_Paulo', '2024-12-27T02:33:52.000Z'],
    ['2024-07-01 00:00:00 America/Argentina/Buenos_Aires', '2024-07-01T03:00:00.000Z'],
    // Java's ZonedDateTime: the offset says it, the bracketed id is skipped.
    ['2024-07-15T08:00:02.250+02:00[Europe/Berlin]', '2024-07-15T06:00:02.250Z'],
    ['2024-07-15T08:00:02[Europe/Berlin]', '2024-07-15T06:00:02.000Z'],
    // The hour before clocks go back is still summer time.
    ['2023-10-29 01:59:00 Europe/Berlin', '2023-10-28T23:59:00.000Z'],
    ['2023-10-29 03:00:00 Europe/Berlin', '2023-10-29T02:00:00.000Z'],
  ])('%s', (s, want) => {
    const out = newTimeOut();
    expect(parseIso(s, out)).toBe(true);
    expect(toIso(out.ms, out.subNs)).toBe(want);
    expect(out.zoned).toBe(true);
    expect(out.end).toBe(s.length);
  });

  it('reads a zone id the platform does not know as UTC, unzoned, and says which id it was', () => {
    const out = newTimeOut();
    expect(parseIso('2023-04-19 01:30:56 Europe/Nowhere', out)).toBe(true);
    expect(toIso(out.ms)).toBe('2023-04-19T01:30:56.000Z');
    expect(out.zoned).toBe(false);
    expect(out.zoneId).toBe('Europe/Nowhere');
  });

  it('takes no word after the clock for a zone unless it is Area/Location', () => {
    const out = newTimeOut();
    expect(parseIso('2023-04-19 01:30:56 Europe ERROR', out)).toBe(true);
    expect(out.zoned).toBe(false);
    expect(out.end).toBe('2023-04-19 01:30:56'.length);
  });
});
