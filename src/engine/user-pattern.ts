// Every regular expression a user (or a share link, or a ?q= parameter) hands
// us runs through this one module. JavaScript's RegExp backtracks: `(a+)+$`
// on a 4000-character line runs for longer than the universe, and nothing can
// interrupt it, so it would freeze the engine worker for good. Here user
// patterns compile with re2js (a pure-JS port of RE2), whose matching time is
// linear in the text for every pattern it accepts; what RE2 cannot do in
// linear time (backreferences, lookarounds) is refused with a message that
// names the construct. Built-in patterns, written and tested by us, keep the
// native engine. This file has no other dependency so any layer can call it.

import { RE2JS } from 're2js';

export const MAX_PATTERN_CHARS = 500;
/** RE2's own "cost" of a compiled pattern; beyond this even linear matching is slow per line. */
const MAX_PROGRAM_SIZE = 20_000;

/** A compiled user pattern: the subset of RegExp the engine needs, bounded in time. */
export interface UserPattern {
  readonly source: string;
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean;
  /** Each non-empty match left to right: [start, end) of the whole match and of group 1 when the pattern has one. */
  spans(text: string): Generator<{ start: number; end: number; groupStart: number; groupEnd: number }>;
}

export type UserPatternCheck = { ok: true; pattern: UserPattern } | { ok: false; error: string };

export interface UserPatternOptions {
  /** JavaScript-style flags; i, m and s are honoured, g/u/y/d change nothing here. Default 'i'. */
  flags?: string;
  /** Refuse a pattern that matches empty text (it would match every line). Default true. */
  refuseEmptyMatch?: boolean;
}

/** Constructs JavaScript accepts that have no linear-time equivalent, found outside character classes. */
function unsupportedConstruct(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) return `a backreference (\\${n})`;
      if (!inClass && n === 'k' && source[i + 2] === '<') return 'a named backreference (\\k<…>)';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && source[i + 1] === '?') {
      const two = source.slice(i + 2, i + 4);
      if (two[0] === '=') return 'a lookahead (?=…)';
      if (two[0] === '!') return 'a negative lookahead (?!…)';
      if (two === '<=') return 'a lookbehind (?<=…)';
      if (two === '<!') return 'a negative lookbehind (?<!…)';
    }
  }
  return null;
}

/** Plain text with no regex syntax: matched with indexOf, much faster than any engine. */
const LITERAL = /^[^\\^$.|?*+()[\]{}]+$/;

/** A fast test for plain text (indexOf); case folding may shift offsets, so spans still come from RE2. */
function literalTest(source: string, ignoreCase: boolean): (text: string) => boolean {
  if (!ignoreCase) return (text) => text.includes(source);
  const needle = source.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

function re2Pattern(source: string, re: RE2JS, test: (text: string) => boolean): UserPattern {
  const hasGroup = re.groupCount() > 0;
  return {
    source,
    test,
    *spans(text) {
      const m = re.matcher(text);
      let from = 0;
      while (from <= text.length && m.find(from)) {
        const start = m.start();
        const end = m.end();
        if (end === start) {
          from = end + 1;
          continue;
        }
        const groupStart = hasGroup ? m.start(1) : start;
        const groupEnd = hasGroup ? m.end(1) : end;
        if (groupStart >= 0 && groupEnd > groupStart) yield { start, end, groupStart, groupEnd };
        from = end;
      }
    },
  };
}

/**
 * Compile a user pattern, or say in words why it is refused. The message
 * reads after "pattern refused: " and names what to change.
 */
export function compileUserPattern(source: string, options: UserPatternOptions = {}): UserPatternCheck {
  const flags = options.flags ?? 'i';
  if (source.length === 0) return { ok: false, error: 'the pattern is empty' };
  if (source.length > MAX_PATTERN_CHARS) return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_CHARS} characters` };
  const ignoreCase = flags.includes('i');
  const bad = unsupportedConstruct(source);
  if (bad) return { ok: false, error: `it uses ${bad}, which user patterns do not support (they run on a linear-time engine so no pattern can freeze the page)` };
  let re: RE2JS;
  try {
    const bits = (ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (flags.includes('s') ? RE2JS.DOTALL : 0) | (flags.includes('m') ? RE2JS.MULTILINE : 0);
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (e) {
    const why = e instanceof Error ? e.message.replace(/^error parsing regexp: /, '') : String(e);
    return { ok: false, error: `not a valid regular expression: ${why}` };
  }
  if (re.programSize() > MAX_PROGRAM_SIZE) return { ok: false, error: 'the pattern is too complex (large repeat counts or many alternatives); simplify it' };
  const pattern = re2Pattern(source, re, LITERAL.test(source) ? literalTest(source, ignoreCase) : (text) => re.test(text));
  if (options.refuseEmptyMatch !== false && pattern.test('')) return { ok: false, error: 'the pattern matches empty text, so it would match everywhere' };
  return { ok: true, pattern };
}

/** Throwing form for callers with an error path of their own (the text filter). */
export function userPatternOrThrow(source: string, options: UserPatternOptions = {}): UserPattern {
  const r = compileUserPattern(source, options);
  if (!r.ok) throw new Error(`pattern /${source.length > 60 ? `${source.slice(0, 60)}…` : source}/ refused: ${r.error}`);
  return r.pattern;
}
