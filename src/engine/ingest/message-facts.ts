// What ingest works out from a message and the record's extra error text:
// its classification, its template and whether it opens a stack.
// Structured logs repeat a few thousand messages millions of times, and the
// JSON fast path hands a repeated message back as the same string object
// (json-fast.ts interns them), so a direct-mapped table compared with ===
// answers most events with no Map lookup, no vocabulary scan, no templating
// and no regex (this was a third of single-threaded ingest).
// A slot simply holds the last message that hashed to it.

import type { Classification } from '../classify/classifier.ts';

const SLOTS = 1 << 12;
/** Longer messages are not kept (they rarely repeat, and a slot must not hold megabytes). */
const MAX_CHARS = 400;

/** A cheap hash of a message's length and five of its characters. */
function slotOf(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let h = (n * 31 + s.charCodeAt(0)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(n >> 2)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(n >> 1)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt((3 * n) >> 2)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(n - 1)) | 0;
  return (h ^ (h >>> 12)) & (SLOTS - 1);
}

export class MessageFacts {
  private readonly keys: (string | null)[] = new Array<string | null>(SLOTS).fill(null);
  private readonly extras: string[] = new Array<string>(SLOTS).fill('');
  private readonly cls: Classification[] = new Array<Classification>(SLOTS);
  private readonly template = new Int32Array(SLOTS);
  private readonly opens = new Uint8Array(SLOTS);
  /** Set by find(): the slot of the message asked for. */
  slot = 0;

  /** Whether `message` with `extra` is known; either way `slot` is where it lives (read the facts, or store them there). */
  find(message: string, extra: string): boolean {
    // The extra text picks the slot too: "cache miss" with and without an error must not evict each other.
    this.slot = extra === '' ? slotOf(message) : (slotOf(message) + 7 * slotOf(extra)) & (SLOTS - 1);
    return this.keys[this.slot] === message && this.extras[this.slot] === extra;
  }

  /**
   * After find() said yes: keep the caller's strings as the slot's key (strings
   * of their own, as for store). The fast path hands a repeated message back
   * as one string object from its second sighting on, another object than the
   * first sighting's that store() kept, so every later === compared their
   * characters; holding the latest object makes it an identity check.
   */
  adopt(message: string, extra: string): void {
    this.keys[this.slot] = message;
    this.extras[this.slot] = extra;
  }

  /** Whether store() may keep this message and extra text. */
  static keeps(message: string, extra: string): boolean {
    return message.length + extra.length <= MAX_CHARS;
  }

  classification(): Classification {
    return this.cls[this.slot];
  }

  templateId(): number {
    return this.template[this.slot];
  }

  stackOpens(): number {
    return this.opens[this.slot];
  }

  /**
   * Remember the facts of `message` and `extra` in the slot find() chose. Both must
   * be strings of their own, not a slice of a decoded chunk (the table would
   * keep the chunk alive): callers pass detached text.
   */
  store(message: string, extra: string, cls: Classification, template: number, opens: number): void {
    const s = this.slot;
    this.keys[s] = message;
    this.extras[s] = extra;
    this.cls[s] = cls;
    this.template[s] = template;
    this.opens[s] = opens;
  }
}
