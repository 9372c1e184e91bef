// One pass over a message that says which vocabulary entries could match it:
// an Aho-Corasick automaton (https://doi.org/10.1145/360825.360855) over the
// entries' required literals (required-literals.ts), lower-cased ASCII. Most
// log lines contain none of them and leave after a table lookup per
// character; the rest run only the regular expressions of the entries whose
// literals they contain.

/** Input characters map to a small alphabet: those the literals use, plus "other" (0). */
const ASCII = 128;

export class LiteralScanner {
  /**
   * DFA transitions, premultiplied: next[row + symbol] is the row (state * width)
   * of the next state, negated when that state reports entries. The hot loop
   * then does one load and one sign test per character, no multiply and no
   * second table (the one-off messages of a log are all scanned in full).
   */
  private readonly next: Int32Array;
  private readonly width: number;
  /** Byte -> symbol; 256 entries (bytes and characters from 128 up are "other"), so a byte needs no range test. */
  private readonly symbol = new Uint8Array(256);
  /** Entries a state reports (its own literals and those of its suffixes), or null. */
  private readonly outputs: (Int32Array | null)[];
  /** hits[entry] === stamp: the entry's literal was seen in the current scan. */
  private readonly hits: Uint32Array;
  private stamp = 0;
  /** The row (state * width) the current scan is in. */
  private state = 0;
  /** Reporting states passed through, ever (feed compares it before and after: "was a literal seen"). */
  private reported = 0;

  constructor(literals: readonly { text: string; entry: number }[], entries: number) {
    this.hits = new Uint32Array(entries);
    let width = 1;
    for (const { text } of literals) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= ASCII || c === 0) throw new Error('literal outside lower-case ASCII');
        if (this.symbol[c] === 0) this.symbol[c] = width++;
      }
    }
    // Upper-case letters read as their lower-case selves (the patterns are case-insensitive).
    for (let c = 65; c <= 90; c++) this.symbol[c] = this.symbol[c + 32];
    this.width = width;

    // The trie.
    const goto: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (const { text, entry } of literals) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const sym = this.symbol[text.charCodeAt(i)];
        let t = goto[s].get(sym);
        if (t === undefined) {
          t = goto.length;
          goto.push(new Map());
          own.push([]);
          goto[s].set(sym, t);
        }
        s = t;
      }
      own[s].push(entry);
    }

    // Failure links, breadth first, folded into a full transition table.
    const n = goto.length;
    const next = new Int32Array(n * width);
    const fail = new Int32Array(n);
    const out: Set<number>[] = own.map((o) => new Set(o));
    const queue: number[] = [];
    for (let sym = 1; sym < width; sym++) {
      const t = goto[0].get(sym);
      if (t !== undefined) {
        next[sym] = t;
        queue.push(t);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const e of out[fail[s]]) out[s].add(e);
      for (let sym = 1; sym < width; sym++) {
        const t = goto[s].get(sym);
        if (t === undefined) next[s * width + sym] = next[fail[s] * width + sym];
        else {
          fail[t] = next[fail[s] * width + sym];
          next[s * width + sym] = t;
          queue.push(t);
        }
      }
    }
    // State 0 (the root) never reports (no literal is empty), so a row of 0 is never negated ambiguously.
    for (let k = 0; k < next.length; k++) {
      const t = next[k];
      next[k] = out[t].size ? -(t * width) : t * width;
    }
    this.next = next;
    this.outputs = out.map((o) => (o.size ? Int32Array.from(o) : null));
  }

  /** Start a scan (forgets what the previous one saw). */
  begin(): void {
    this.state = 0;
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.hits.fill(0);
      this.stamp = 1;
    }
  }

  /** Feed text; may be called several times per scan (message, separator, fields). Returns true when a literal was seen. */
  feed(text: string): boolean {
    const { next, symbol } = this;
    const before = this.reported;
    let row = this.state;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      row = next[row + (c < 256 ? symbol[c] : 0)];
      if (row < 0) row = this.report(row);
    }
    this.state = row;
    return this.reported !== before;
  }

  /**
   * feed() for text given as its bytes b[start..end), one ASCII character per
   * byte. The same loop as feed's, not shared: a loop that reads either a
   * string or bytes through one accessor costs both of them.
   */
  feedBytes(b: Uint8Array, start: number, end: number): boolean {
    const { next, symbol } = this;
    const before = this.reported;
    let row = this.state;
    for (let i = start; i < end; i++) {
      row = next[row + symbol[b[i]]];
      if (row < 0) row = this.report(row);
    }
    this.state = row;
    return this.reported !== before;
  }

  /** A reporting state's row came up negated: mark its entries as seen; returns the row. */
  private report(negated: number): number {
    const row = -negated;
    this.reported++;
    const o = this.outputs[row / this.width];
    if (o) for (let k = 0; k < o.length; k++) this.hits[o[k]] = this.stamp;
    return row;
  }

  /** Did the current scan see a literal of this entry? */
  saw(entry: number): boolean {
    return this.hits[entry] === this.stamp;
  }
}
