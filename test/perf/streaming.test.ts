// Streaming: files are read chunk by chunk, a line cut by a chunk
// boundary reads exactly like one that is not, rows appear while the file is
// still streaming (it is never held whole), and an event's raw text is read
// back from its byte range, stack trace lines included.

import { describe, expect, it } from 'vitest';
import { bytesSource, type ByteSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { logLines } from '../bench/generate.ts';

const TRACE = ['fatal error: concurrent map writes', '', 'goroutine 7 [running]:', 'main.(*cache).put(0xc000010000)', '\t/app/cache.go:42 +0x65'];

/** JSON lines with non-ASCII text, CRLF endings and a raw Go trace in the middle. */
function sample(): string {
  const lines: string[] = [];
  let k = 0;
  for (const l of logLines(17)) {
    if (++k > 400) break;
    lines.push(k % 50 === 0 ? l.replace('"msg":"', '"msg":"héllo wörld ✓ ') : l);
    if (k === 200) lines.push(...TRACE);
  }
  return lines.map((l, i) => (i % 7 === 0 ? l + '\r' : l)).join('\n') + '\n';
}

function snapshot(r: Awaited<ReturnType<typeof ingestSources>>) {
  return {
    files: r.files,
    messages: r.messages,
    cols: ['tMs', 'subNs', 'level', 'kind', 'line', 'lineCount', 'byteOffset', 'byteLength'].map((c) => Array.from(r.table[c as 'tMs'])),
  };
}

describe('streaming ingest', () => {
  it('reads the same table whatever the chunk size, down to one byte', async () => {
    const text = sample();
    const whole = snapshot(await ingestSources([bytesSource('s.log', text, 1 << 30)]));
    expect(whole.files[0].continuations).toBe(TRACE.length - 2);
    for (const size of [1, 3, 17, 256, 4099]) {
      expect(snapshot(await ingestSources([bytesSource('s.log', text, size)]))).toEqual(whole);
    }
  });

  it('parses while the file is still streaming instead of reading it whole first', async () => {
    const lines: string[] = [];
    let bytes = 0;
    for (const l of logLines(3)) {
      lines.push(l);
      bytes += l.length + 1;
      if (bytes > 12 << 20) break;
    }
    const data = new TextEncoder().encode(lines.join('\n') + '\n');
    const chunk = 1 << 20;
    let eventsWhenLastChunkPulled = -1;
    let eventsSeen = 0;
    const src: ByteSource = {
      name: 'big.log',
      size: data.length,
      async *stream() {
        for (let i = 0; i < data.length; i += chunk) {
          if (i + chunk >= data.length) eventsWhenLastChunkPulled = eventsSeen;
          yield data.subarray(i, i + chunk);
        }
      },
    };
    const r = await ingestSources([src], { onProgress: (p) => (eventsSeen = p.events) });
    expect(r.table.length).toBe(lines.length);
    expect(eventsWhenLastChunkPulled).toBeGreaterThan(lines.length / 2);
  });

  it('reads an event back from its byte range: the whole trace, non-ASCII text, without the CR', async () => {
    const text = sample();
    const session = new EngineSession();
    await session.load([bytesSource('s.log', text, 61)]);
    const r = session.loaded;
    if (!r) throw new Error('not loaded');
    const physical = text.split('\n');
    for (let row = 0; row < r.table.length; row++) {
      const first = r.table.line[row] - 1;
      const expected = physical.slice(first, first + r.table.lineCount[row]).join('\n').replace(/\r$/, '');
      expect({ row, raw: await session.raw(row) }).toEqual({ row, raw: expected });
    }
    const crash = r.messages.indexOf('fatal error: concurrent map writes');
    expect((await session.raw(crash)).split('\n')).toHaveLength(TRACE.length);
  });
});
