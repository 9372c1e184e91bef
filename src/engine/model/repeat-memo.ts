// A memo for per-message answers (classification, template ids) that only
// keeps texts which come back. Structured logs repeat a few thousand messages
// millions of times, but a fifth of their lines are one-offs ("processed
// request 5632b924 in 285 ms"): remembering those fills the map with entries
// never asked for again, and a map of 100k strings is a cache miss per lookup
// (measured: 350 ms of a 2.5 s ingest of 200 MB). So a text is admitted on
// its second sighting, told by a 32-bit hash in a small direct-mapped table (a collision only admits a text early, it never gives a
// wrong answer: the map itself compares texts).

import { detachString } from './table-builder.ts';

const RECENT = 1 << 13;

/** Texts up to this long are hashed whole; longer ones by their head and tail (where ids and counts vary). */
const WHOLE = 128;

/**
 * FNV-1a over the length and the characters (of a long text, the first and
 * last WHOLE / 2). Two different texts may hash alike; that only admits one
 * of them a sighting early. Sampling fewer characters is not worth it:
 * "GET /x?id=41 200" and "GET /x?id=42 200" must not look alike.
 */
function textHash(s: string): number {
  const n = s.length;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  if (n <= WHOLE) for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  else {
    for (let i = 0; i < WHOLE / 2; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    for (let i = n - WHOLE / 2; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return h | 1; // never 0, the table's "empty"
}

export class RepeatMemo<V> {
  private readonly map = new Map<string, V>();
  private readonly recent = new Int32Array(RECENT);

  constructor(
    /** Longer texts are not remembered (they rarely repeat, and hashing them costs). */
    private readonly maxChars: number,
    private readonly maxEntries: number,
  ) {}

  get(text: string): V | undefined {
    return this.map.get(text);
  }

  get size(): number {
    return this.map.size;
  }

  /** The answer for `text` was just computed: keep it if the text has been seen recently. */
  offer(text: string, v: V): void {
    if (text.length > this.maxChars || this.map.size >= this.maxEntries) return;
    const h = textHash(text);
    const slot = (h ^ (h >>> 13)) & (RECENT - 1);
    if (this.recent[slot] === h) this.map.set(detachString(text), v); // detached: a slice would pin its whole chunk
    else this.recent[slot] = h;
  }
}
