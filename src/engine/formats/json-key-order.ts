// A guess of each key of a JSON line from the line before: the lines of one
// logger write the same keys in the same order, so the key at position k of
// an object is most often the one the previous line had there. The scanner
// (json-values.ts) compares the bytes at the cursor with that key and its
// closing quote and, when they match, knows the key's end and its node
// without scanning the key for its end, hashing it and probing the key table
// (json-keys.ts), which was two fifths of the scan of a short record.
//
// A guess is only ever confirmed byte for byte, so a wrong one costs a
// comparison, never a wrong node: a remembered key passed keyEnd (no escape,
// no control character, no quote) and is all ASCII, so equal bytes followed by
// a quote are that very key, with nothing keyEnd would have flagged.

import './json-lists.ts'; // seals the key table: NODES is final below
import { HAS_CHILDREN, NODES } from './json-keys.ts';

/** Positions in an object with a guess of their own; keys further on share the last. */
const POSITIONS = 16;
/** Longer keys are not remembered (rare, and their scan is not what costs). */
const MAX_KEY = 32;

/** Objects are scanned only under the record and under nodes with children: those are numbered 1.. (0: the record). */
const PARENT_INDEX = new Int32Array(NODES);
let parents = 1;
for (let n = 0; n < NODES; n++) if (HAS_CHILDREN[n]) PARENT_INDEX[n] = parents++;
/**
 * Slots: per parent (the record first), per position. Twice over: the
 * record inside a Docker envelope (scanned while `inner` is set) has guesses of
 * its own, else envelope and record would evict each other on every line.
 */
const PARENTS = parents;
const SLOTS = 2 * PARENTS * POSITIONS;
/** Length of the key guessed for a slot, 0 for none. */
const keyLen = new Int32Array(SLOTS);
/** Its node (-1: a key nothing looks for). */
export const keyNode = new Int32Array(SLOTS);
const keyBytes = new Uint8Array(SLOTS * MAX_KEY);

/** The slot of position 0 of an object under `parent` (TOP for the record, else a node with children); positions follow (nextSlot). */
export function firstSlot(parent: number, inner: boolean): number {
  return ((inner ? PARENTS : 0) + (parent < 0 ? 0 : PARENT_INDEX[parent])) * POSITIONS;
}

/** The slot after `slot` for the next key of the same object. */
export function nextSlot(slot: number): number {
  return (slot + 1) % POSITIONS === 0 ? slot : slot + 1;
}

/**
 * The index of the closing quote of the key whose bytes start at b[i] when it
 * is the key guessed for `slot` (its node is keyNode[slot]), else -1.
 */
export function guessedKeyEnd(b: Uint8Array, i: number, slot: number): number {
  const len = keyLen[slot];
  if (len === 0 || b[i + len] !== 34) return -1;
  let at = slot * MAX_KEY;
  for (let k = i, end = i + len; k < end; k++, at++) if (b[k] !== keyBytes[at]) return -1;
  return i + len;
}

/** The key b[i..end) (validated by keyEnd) with its node is the guess for `slot` from now on. */
export function rememberKey(b: Uint8Array, i: number, end: number, slot: number, node: number): void {
  const len = end - i;
  keyLen[slot] = 0;
  if (len === 0 || len > MAX_KEY) return;
  let at = slot * MAX_KEY;
  for (let k = i; k < end; k++, at++) {
    const c = b[k];
    if (c >= 128) return; // the line's non-ASCII flag comes from keyEnd: such keys are always scanned
    keyBytes[at] = c;
  }
  keyLen[slot] = len;
  keyNode[slot] = node;
}
