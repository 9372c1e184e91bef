// Which literal strings a regular expression cannot match without: the
// "required factor" prefilter of RE2 and Hyperscan, for the vocabulary's
// case-insensitive patterns. The classifier scans each message once for all
// of these (literal-scan.ts) and runs only the entries whose literals occur,
// instead of trying every pattern at every position of every line.
//
// Soundness is the whole contract: when requiredLiterals(p) returns a set,
// every string p matches (with the `i` flag) contains one of them, lower-cased.
// Anything the analysis does not understand (classes, `.`, back-references,
// non-ASCII, odd braces) counts as "could be anything", which only makes the
// set less selective or null, never wrong. Zero-width items (anchors, \b,
// lookarounds) match the empty string, so literals on both sides still join.

/** Finite sets grow by cross product up to this many strings; beyond, they stop being exact. */
const MAX_EXACT = 64;
/** Longer exact strings are not extended (they are selective enough already). */
const MAX_LITERAL = 40;

interface Info {
  /** Every string the node can match, lower-cased (may hold ""), or null when not small and finite. */
  exact: string[] | null;
  /** Every match contains one of these; null when nothing is required. */
  req: string[] | null;
}

const ANY: Info = { exact: null, req: null };
const EMPTY: Info = { exact: [''], req: null };

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  alternation(): Info {
    const branches = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    let exact: string[] | null = [];
    let req: string[] | null = [];
    for (const b of branches) {
      exact = exact && b.exact ? union(exact, b.exact) : null;
      const r = requirement(b);
      req = req && r ? union(req, r) : null;
    }
    if (exact && exact.length > MAX_EXACT) exact = null;
    return { exact, req };
  }

  private sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified());
    return concat(items);
  }

  private quantified(): Info {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    const [min, max] = q;
    if (min === 0) return max === 1 && atom.exact ? { exact: union(atom.exact, ['']), req: null } : ANY;
    if (min === max && min <= 3 && atom.exact) {
      let exact: string[] | null = [''];
      for (let k = 0; k < min && exact; k++) exact = product(exact, atom.exact);
      return { exact, req: exact ? null : requirement(atom) };
    }
    return { exact: null, req: requirement(atom) };
  }

  /** [min, max] of a quantifier at the cursor (consumed), or null. */
  private quantifier(): [number, number] | null {
    const c = this.s[this.i];
    let q: [number, number] | null = null;
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    if (q) this.i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return null;
      this.i += m[0].length;
      q = [+m[1], m[2] === undefined ? +m[1] : m[3] === '' ? Infinity : +m[3]];
    }
    if (q && this.s[this.i] === '?') this.i++; // lazy
    return q;
  }

  private atom(): Info {
    const s = this.s;
    const c = s[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '^' || c === '$') return EMPTY;
    if (c === '.' || c === '{' || c === '}' || c === ']') return ANY;
    return literal(c);
  }

  private group(): Info {
    const s = this.s;
    let look = false;
    if (s.startsWith('(?:', this.i)) this.i += 3;
    else if (s.startsWith('(?=', this.i) || s.startsWith('(?!', this.i)) {
      this.i += 3;
      look = true;
    } else if (s.startsWith('(?<=', this.i) || s.startsWith('(?<!', this.i)) {
      this.i += 4;
      look = true;
    } else if (s.startsWith('(?<', this.i)) {
      const close = s.indexOf('>', this.i);
      if (close < 0) throw new Error('unterminated group name');
      this.i = close + 1;
    } else this.i++;
    const inner = this.alternation();
    if (s[this.i] !== ')') throw new Error('unbalanced group');
    this.i++;
    return look ? EMPTY : inner;
  }

  private charClass(): Info {
    const s = this.s;
    let j = this.i + 1;
    const negated = s[j] === '^';
    if (negated) j++;
    const chars: string[] = [];
    let simple = !negated;
    /** The last character taken on its own (not an escape class, not a range's end): a "-" after it starts a range. */
    let single = '';
    // JavaScript, unlike POSIX, ends a class at its first "]" ("[]" matches nothing).
    while (j < s.length && s[j] !== ']') {
      if (s[j] === '\\') {
        const e = s[j + 1];
        if (/[A-Za-z0-9]/.test(e)) simple = false;
        else chars.push(e);
        single = /[A-Za-z0-9]/.test(e) ? '' : e;
        j += 2;
        continue;
      }
      if (s[j] === '-' && single !== '' && s[j + 1] !== ']') {
        // A short range ("50[0-4]") is its few characters: each is a literal, so "500".."504" are required, not "50".
        const lo = single.charCodeAt(0);
        const hi = s.charCodeAt(j + 1);
        if (s[j + 1] === '\\' || hi < lo || hi >= 128 || hi - lo >= 8) simple = false;
        else for (let c = lo + 1; c <= hi; c++) chars.push(String.fromCharCode(c));
        single = '';
        j += 2;
        continue;
      }
      chars.push(s[j]);
      single = s[j];
      j++;
    }
    this.i = j + 1;
    if (!simple || chars.length === 0 || chars.length > 8) return ANY;
    let exact: string[] = [];
    for (const ch of chars) {
      const l = literal(ch);
      if (!l.exact) return ANY;
      exact = union(exact, l.exact);
    }
    return { exact, req: null };
  }

  private escape(): Info {
    const s = this.s;
    const e = s[this.i + 1];
    this.i += 2;
    if (e === 'b' || e === 'B') return EMPTY;
    if (e === undefined || !/[A-Za-z0-9]/.test(e)) return e === undefined ? ANY : literal(e);
    // Classes, back-references, octal, \xHH, \uHHHH, \cX, \k<name>: no literal claimed, and the
    // characters that belong to the escape are consumed so they are not mistaken for literals.
    const rest = s.slice(this.i);
    const tail = /^[0-9]/.test(e) ? /^[0-9]*/ : e === 'x' ? /^[0-9A-Fa-f]{2}/ : e === 'u' ? /^[0-9A-Fa-f]{4}/ : e === 'c' ? /^[A-Za-z]/ : e === 'k' ? /^<[^>]*>/ : /^/;
    this.i += tail.exec(rest)?.[0].length ?? 0;
    return ANY;
  }
}

function literal(c: string): Info {
  const code = c.charCodeAt(0);
  if (code === 0 || code >= 128) return ANY;
  return { exact: [c.toLowerCase()], req: null };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function product(a: readonly string[], b: readonly string[]): string[] | null {
  if (a.length * b.length > MAX_EXACT) return null;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  if (out.some((x) => x.length > MAX_LITERAL)) return null;
  return [...new Set(out)];
}

/** What a node requires: its own requirement, else its exact set when that never matches "". */
function requirement(n: Info): string[] | null {
  if (n.req) return minimal(n.req);
  if (n.exact && !n.exact.includes('')) return minimal(n.exact);
  return null;
}

/** Drop strings that contain another of the set: finding the shorter one is enough. */
function minimal(set: readonly string[]): string[] {
  return set.filter((x, i) => !set.some((y, j) => j !== i && y.length <= x.length && x.includes(y) && (y.length < x.length || j < i)));
}

/** More selective: longer shortest string, then fewer strings. */
function better(a: string[], b: string[] | null): boolean {
  if (!b) return true;
  const la = Math.min(...a.map((x) => x.length));
  const lb = Math.min(...b.map((x) => x.length));
  return la !== lb ? la > lb : a.length < b.length;
}

function concat(items: readonly Info[]): Info {
  let best: string[] | null = null;
  const consider = (r: string[] | null) => {
    if (r && r.length > 0 && better(r, best)) best = r;
  };
  let run: string[] | null = [''];
  let whole: string[] | null = [''];
  for (const it of items) {
    whole = whole && it.exact ? product(whole, it.exact) : null;
    const next: string[] | null = run && it.exact ? product(run, it.exact) : null;
    if (next) {
      run = next;
      continue;
    }
    // The run of exact items ends here; it and this item's own requirement are candidates.
    if (run) consider(requirement({ exact: run, req: null }));
    consider(requirement(it));
    run = it.exact ? it.exact : [''];
  }
  if (run) consider(requirement({ exact: run, req: null }));
  return { exact: whole, req: best };
}

/**
 * Lower-case literals one of which every match of `source` (compiled with
 * the `i` flag, without `u`) contains, or null when the pattern requires none
 * this analysis can see.
 */
export function requiredLiterals(source: string): string[] | null {
  try {
    const p = new Parser(source);
    const info = p.alternation();
    if (p.i !== source.length) return null; // a stray ")": do not guess
    const req = requirement(info);
    return req && req.length > 0 && req.every((x) => x.length > 0) ? req : null;
  } catch {
    return null;
  }
}
