// Time-zone abbreviations as logs print them after a clock ("10:00:00 PDT",
// `date`'s "Thu Mar  7 14:02:11 CET 2024"), with their offsets from UTC.
// An abbreviation names an offset, not a zone with rules, so "PDT" is always
// -07:00 whatever the date. A few stand for several zones (IST is India,
// Ireland and Israel); those are read in their most common sense in logs and
// reported as ambiguous so the file's notices can say which reading was taken.
// Sources: the tz database's abbreviations (https://www.iana.org/time-zones)
// and https://www.timeanddate.com/time/zones/.

/** Offset in minutes east of UTC for each abbreviation read. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, WET: 0, WEST: 60, BST: 60, IST: 330,
  CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BRT: -180, ART: -180, CLT: -240, COT: -300, PET: -300,
  WAT: 60, CAT: 120, EAT: 180, SAST: 120,
  PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, PHT: 480, AWST: 480,
  JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

/** Abbreviations that name several offsets: the reading taken above, and the others. */
export const AMBIGUOUS_ZONES: Readonly<Record<string, string>> = {
  IST: 'India +05:30 (also Ireland +01:00, Israel +02:00)',
  CST: 'US Central -06:00 (also China +08:00, Cuba -05:00)',
  BST: 'British Summer +01:00 (also Bangladesh +06:00)',
  AST: 'Atlantic -04:00 (also Arabia +03:00)',
};

/** The regex alternation of every abbreviation, longest first (for the text patterns' macros). */
export const ZONE_NAME_RE = Object.keys(ZONE_OFFSETS).sort((a, b) => b.length - a.length).join('|');

/** Offset of the upper-case letters s[i..end), or NaN when they are not a known abbreviation. */
export function zoneNameOffset(s: string, i: number, end: number): number {
  if (end - i < 2 || end - i > 4) return NaN;
  const name = s.slice(i, end);
  return Object.prototype.hasOwnProperty.call(ZONE_OFFSETS, name) ? ZONE_OFFSETS[name] : NaN;
}

/**
 * The zone offset (minutes east) that makes a zone-less local clock `local`
 * the zoned instant `utc`: the same moment written twice on one line. The
 * day is ignored (a year-less wrapper may sit a year off); NaN unless the
 * difference is a whole quarter hour within a second (a wrapper may print
 * whole seconds) and a real offset (-12:00 to +14:00).
 */
export function offsetBetween(local: number, utc: number): number {
  const DAY = 86400000;
  let d = (((local - utc) % DAY) + DAY) % DAY;
  if (d > 14 * 3600000) d -= DAY;
  const min = Math.round(d / 60000);
  if (Math.abs(d - min * 60000) >= 1000 || min % 15 !== 0 || min < -720) return NaN;
  return min;
}
