// Kept one-off messages must not keep the text they were cut from alive. The
// byte path slices a one-off message out of a decoded window of its chunk
// (json-values.ts), and ingest makes the kept ones strings of their own a
// chunk at a time (FileIngest.detachKept). A kept message that stayed a slice
// of its window would keep the window (64 KB of the file) in memory for as
// long as the table lives: with long lines, several times what the messages
// themselves take; with few kept messages (the budget spent, warnings still
// kept), 64 KB for each.

import { runInNewContext } from 'node:vm';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { slicesOut } from '../../src/engine/formats/json-values.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const LINES = 20_000;
const message = (seed: number, i: number) => `order ${(i * 7919 + seed) % 10000019} shipped to customer ${(i * 104729) % 999983}`;

/** Dense one-off messages on long lines (the padding is what a window kept alive would hold), a warning now and then. */
function denseLog(seed: number): Uint8Array {
  const pad = 'x'.repeat(300);
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    const time = new Date(Date.UTC(2024, 4, 1) + i * 37).toISOString();
    lines.push(JSON.stringify({ level: i % 500 === 0 ? 'warn' : 'info', msg: message(seed, i), time, pad }));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

const read = async (bytes: Uint8Array, budget: number) =>
  (await ingestSources([bytesSource('dense.jsonl', bytes, 1 << 20)], { year: 2024, detectLines: 1, messageBudget: budget })).messages;

/** Each kept message reads as its line's; returns how many are kept. */
function checkMessages(messages: readonly (string | undefined)[]): number {
  let kept = 0;
  messages.forEach((m, i) => {
    if (m === undefined) return;
    kept++;
    expect(m).toBe(message(1, i));
  });
  return kept;
}

/** Heap in use after a full collection (a few turns first: a settled promise keeps its value until the next). */
async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) await new Promise((done) => setTimeout(done, 0));
  gc();
  return getHeapStatistics().used_heap_size;
}

describe('kept one-off messages', () => {
  for (const budget of [1e9, 20_000]) {
    it(`hold their own text, not the windows of the file they were sliced from (message budget ${budget} characters)`, async () => {
      const bytes = denseLog(1);
      const slices = slicesOut;
      const held: { messages?: (string | undefined)[] } = { messages: await read(bytes, budget) };
      // The messages were sliced from windows (else this proves nothing); all are kept when the budget allows, the warnings always.
      expect(slicesOut - slices).toBeGreaterThan(LINES / 2);
      const kept = checkMessages(held.messages ?? []);
      if (budget > 1e6) expect(kept).toBe(LINES);
      else expect(kept).toBeGreaterThan(LINES / 500);
      // What letting go of the messages gives back: the array and about 80 bytes a kept message (here 0.3 or 1.6 MB);
      // the windows kept alive by slices would add 2.4 MB (the warnings alone) or 9 MB (every message).
      const withThem = await heapAfterGc();
      held.messages = undefined;
      const freed = withThem - (await heapAfterGc());
      expect(freed).toBeLessThan(LINES * 8 + kept * 200 + (1 << 19)); // the array, the messages, slack for what the heap counts besides
    });
  }
});
