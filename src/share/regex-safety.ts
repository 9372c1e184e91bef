// User-supplied regular expressions (custom redaction patterns, vocabulary
// entries carried by a share link) run against every log line. A pattern that
// matches the empty string would redact or classify everything, and a nested
// quantifier like (a+)+ can backtrack for minutes on one long line, freezing
// the tab. JavaScript cannot interrupt a running RegExp, so such patterns are
// refused up front. The nested-quantifier test is a heuristic: it catches the
// classic shapes, not every slow pattern (see README, "known gaps").

export const MAX_PATTERN_CHARS = 500;

export type RegexCheck = { ok: true; re: RegExp } | { ok: false; error: string };

/** A quantified group whose body is itself quantified: (a+)+, (\w*)*, (a|b+){2,}. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
/** Adjacent quantified copies of the same atom: \d+\d+, .*.* */
const OVERLAPPING_RUNS = /(\\[dwsDWS]|\.)[+*]\1[+*]/;

export function checkUserRegex(source: string, flags = 'i'): RegexCheck {
  if (source.length === 0) return { ok: false, error: 'the pattern is empty' };
  if (source.length > MAX_PATTERN_CHARS) return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_CHARS} characters` };
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    return { ok: false, error: `not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (NESTED_QUANTIFIER.test(source) || OVERLAPPING_RUNS.test(source)) {
    return { ok: false, error: 'nested or repeated quantifiers like (a+)+ can freeze the page on long lines; simplify the pattern' };
  }
  if (re.test('')) return { ok: false, error: 'the pattern matches empty text, so it would match everywhere' };
  return { ok: true, re };
}
