// The yardstick: the simplest loop anyone would write to read a
// JSON-lines file — stream it, split lines, `JSON.parse` each, `Date.parse`
// its time. The engine's single-worker ingest must be at least this fast.
// It reads through the same 1 MB chunked file stream as the engine does.

import { createReadStream } from 'node:fs';

export interface NaiveResult {
  lines: number;
  parsed: number;
  timed: number;
}

const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', '@t'];

export async function naiveLoop(path: string, chunkSize = 1 << 20): Promise<NaiveResult> {
  const decoder = new TextDecoder();
  let carry = '';
  let lines = 0;
  let parsed = 0;
  let timed = 0;
  const handle = (line: string) => {
    lines++;
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      return;
    }
    parsed++;
    if (typeof o !== 'object' || o === null) return;
    const rec = o as Record<string, unknown>;
    for (const k of TIME_KEYS) {
      const v = rec[k];
      if (v !== undefined) {
        if (Number.isFinite(Date.parse(String(v)))) timed++;
        break;
      }
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize }) as AsyncIterable<Uint8Array>) {
    const text = carry + decoder.decode(chunk, { stream: true });
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) handle(p);
  }
  carry += decoder.decode();
  if (carry) handle(carry);
  return { lines, parsed, timed };
}
