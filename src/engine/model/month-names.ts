// Month abbreviations as syslog and journalctl print them: strftime's %b,
// which follows the machine's locale, so a French server writes "déc. 11
// 08:29:20" and a German one "Dez 11 08:29:20". English first, then the
// locales whose abbreviations turn up in pasted logs (French, German,
// Spanish, Italian, Portuguese, Dutch), from glibc's locale data
// (https://sourceware.org/git/?p=glibc.git;a=tree;f=localedata/locales).
// No abbreviation means different months in two of these locales.

const MONTH_WORDS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
  // French
  janv: 0, 'févr': 1, avril: 3, 'fév': 1, mars: 2, avr: 3, mai: 4, juin: 5, juil: 6, 'août': 7, sept: 8, 'déc': 11,
  // German (also "Mrz" in older glibc)
  'mär': 2, mrz: 2, okt: 9, dez: 11,
  // Spanish, Italian, Portuguese
  ene: 0, abr: 3, ago: 7, dic: 11, gen: 0, mag: 4, giu: 5, lug: 6, set: 8, ott: 9, fev: 1, out: 9,
  // Dutch
  mrt: 2, mei: 4,
  // Russian: the genitive forms newer glibc prints ("мая") and the nominative ones older releases did
  'янв': 0, 'фев': 1, 'мар': 2, 'апр': 3, 'мая': 4, 'май': 4, 'июн': 5, 'июл': 6, 'авг': 7, 'сен': 8, 'окт': 9, 'ноя': 10, 'дек': 11,
};

const MONTH_SIGN = 0x6708; // 月 (Chinese, Japanese)
const MONTH_SIGN_KO = 0xc6d4; // 월 (Korean)

function isNameLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xe0 && c <= 0xfc) || (c >= 0xc0 && c <= 0xdc) || (c >= 0x410 && c <= 0x44f);
}

/** "10月" / "1月" / "10월": the month's number and sign, as monthNameAt returns it, or -1. */
function numberedMonthAt(s: string, i: number): number {
  let k = i;
  let n = 0;
  while (k - i < 2 && s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57) n = n * 10 + s.charCodeAt(k++) - 48;
  const sign = s.charCodeAt(k);
  if (k === i || n < 1 || n > 12 || (sign !== MONTH_SIGN && sign !== MONTH_SIGN_KO)) return -1;
  k++;
  return s.charCodeAt(k) === 32 ? n - 1 + 16 * (k - i) : -1;
}

/**
 * The month named at s[i] by 3 to 5 letters and an optional '.' (or by its
 * number and month sign), followed by a space: its index (0-11) plus 16 times the characters read, or -1. (One
 * number so the per-line syslog path allocates nothing.)
 */
export function monthNameAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return numberedMonthAt(s, i);
  let k = i;
  while (k - i < 6 && isNameLetter(s.charCodeAt(k))) k++;
  const n = k - i;
  if (n < 3 || n > 5) return -1; // five only for French "avril", written out
  const m = MONTH_WORDS[s.slice(i, k).toLowerCase()];
  if (m === undefined) return -1;
  if (s.charCodeAt(k) === 46) k++;
  return s.charCodeAt(k) === 32 ? m + 16 * (k - i) : -1;
}
