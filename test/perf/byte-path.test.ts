// JSON lines are read from their bytes once the format is known (
// LineSplitter.useBytes -> FileIngest.lineBytes -> parseJsonBytes); the first
// lines, other formats and every line the byte path gives up on are decoded
// and read as text. Both routes must give the same table: same rows, times,
// lines, byte ranges, messages, templates, per-file counts and notices. Here
// `detectLines: 1` reads all but the first chunk's lines as bytes (in 4 KB
// chunks most lines lie whole in a chunk and the scanner finds their ends;
// in 61-byte chunks every line goes through the carry) and a detection window
// longer than the file reads every line as text.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { COLUMN_NAMES } from '../../src/engine/model/event-table.ts';
import { logLines, rng } from '../bench/generate.ts';
import { concatBytes } from '../engine/bytes.ts';
import { slicesOut } from '../../src/engine/formats/json-values.ts';

const ALL_TEXT = 1e9;

async function read(name: string, bytes: Uint8Array, detectLines: number, chunk?: number, format?: string): Promise<IngestResult> {
  return ingestSources([bytesSource(name, bytes, chunk)], { year: 2024, detectLines, format });
}

function expectSame(bytewise: IngestResult, text: IngestResult, label: string): void {
  expect(bytewise.table.length, label).toBe(text.table.length);
  for (const c of COLUMN_NAMES) expect(Array.from(bytewise.table[c]), `${label}: ${c}`).toEqual(Array.from(text.table[c]));
  expect(bytewise.table.loggers, label).toEqual(text.table.loggers);
  expect(bytewise.messages, label).toEqual(text.messages);
  expect(bytewise.templates, label).toEqual(text.templates);
  expect(bytewise.files, label).toEqual(text.files);
  expect(bytewise.table.subjects, label).toEqual(text.table.subjects);
}

const enc = new TextEncoder();

/** JSON lines in every benchmark dialect with what real files hold between them. */
function awkwardLog(seed: number, n: number, lastNewline: boolean): Uint8Array {
  const r = rng(seed);
  const parts: Uint8Array[] = [];
  let k = 0;
  for (const line of logLines(seed)) {
    if (k++ >= n) break;
    const x = r();
    if (x < 0.03) parts.push(enc.encode('panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x3a\n'));
    else if (x < 0.05) parts.push(enc.encode('{"time":"2024-05-01T00:00:01Z","msg":"caf\u00e9 \u2603 \ud83d\ude00 r\u00e9ussi","level":"warn"}\n'));
    else if (x < 0.07) parts.push(concatBytes(enc.encode('{"time":"2024-05-01T00:00:02Z","msg":"bad '), new Uint8Array([0xff, 0xc3]), enc.encode(' bytes","level":"error"}\n')));
    else if (x < 0.09) parts.push(enc.encode('{"time":"2024-05-01T00:00:03Z","msg":"quote \\" and \\\\ and \\u00e9","err":"x\\ty"}\n'));
    else if (x < 0.1) parts.push(enc.encode('   {"time":"2024-05-01T00:00:04Z","msg":"indented record"}\n'));
    else if (x < 0.11) parts.push(enc.encode('{"time": "2024-05-01T00:00:05Z", "msg": broken\n'));
    else if (x < 0.12) parts.push(enc.encode('{"messageType":"DATA_MESSAGE","logGroup":"/g","logStream":"s","logEvents":[{"id":"1","timestamp":1714521600000,"message":"one"},{"id":"2","timestamp":1714521601000,"message":"two"}]}\n'));
    else if (x < 0.13) parts.push(enc.encode('{"level":"info","ts":1714521600.5,"logger":"tls","msg":"renewing certificate","identifier":"a.example.com"}\n'));
    else if (x < 0.14) parts.push(enc.encode('\n'));
    else if (x < 0.16) parts.push(enc.encode(JSON.stringify({ log: (x < 0.15 ? line : '\tat main.main()') + '\n', stream: 'stderr', time: '2024-05-01T00:00:06.5Z' }) + '\n'));
    parts.push(enc.encode(line + (x > 0.95 ? '\r\n' : '\n')));
  }
  parts.push(enc.encode('{"time":"2024-05-01T23:59:59Z","msg":"last line"}' + (lastNewline ? '\n' : '')));
  return concatBytes(...parts);
}

describe('JSON lines read as bytes', () => {
  it('gives the table the text route gives, on every dialect and the odd lines between them', async () => {
    for (const [seed, lastNewline] of [[3, true], [4, false]] as const) {
      const bytes = awkwardLog(seed, 3000, lastNewline);
      const text = await read('x.jsonl', bytes, ALL_TEXT);
      expect(text.files[0].format).toBe('json-lines');
      expect(text.files[0].notices.join(' ')).toContain('not valid');
      // 4 KB chunks: most lines lie whole in a chunk (the scanner finds their ends), some are cut (the carry).
      expectSame(await read('x.jsonl', bytes, 1, 4096), text, `seed ${seed}, 4 KB chunks`);
      // Lines cut across chunks wait in the carry and are read from there.
      expectSame(await read('x.jsonl', bytes, 1, 61), text, `seed ${seed}, 61-byte chunks`);
    }
  });

  it('gives the table the text route gives on every JSON-lines file of the real logs and the fixtures', async () => {
    const dirs = [join(__dirname, '../incidents/cases'), join(__dirname, '../fixtures')];
    let checked = 0;
    const walk = async (d: string): Promise<void> => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) await walk(p);
        else if (statSync(p).size < 8 << 20 && !name.endsWith('.expected.json')) {
          const bytes = new Uint8Array(readFileSync(p));
          const text = await read(name, bytes, ALL_TEXT);
          if (text.files[0].format !== 'json-lines') continue;
          // The format the whole file shows, given to both routes: one line is too few to detect it from
          // when a paste opens on an odd line (a record wrapped in Markdown's backticks).
          expectSame(await read(name, bytes, 1, 4096, 'json-lines'), text, p);
          checked++;
        }
      }
    };
    for (const d of dirs) if (existsSync(d)) await walk(d);
    expect(checked).toBeGreaterThan(3);
  });

  // Values seen once, close together, are sliced out of one decoded window of the chunk (json-values.ts);
  // a line with a multi-byte character, an invalid byte or an escape must end the window where offsets stop lining up.
  it('slices one-off values out of a decoded window and still gives the text route\'s table', async () => {
    const r = rng(21);
    const lines: Uint8Array[] = [];
    for (let i = 0; i < 6000; i++) {
      const t = new Date(Date.UTC(2024, 4, 1) + i * 37).toISOString();
      const x = r();
      const id = Math.floor(r() * 1e9);
      let line: string;
      if (x < 0.4) line = JSON.stringify({ level: 'info', msg: `order ${id} shipped to customer ${i * 7}`, time: t, component: 'api' });
      else if (x < 0.7) line = JSON.stringify({ level: 'info', ts: Date.parse(t) / 1000, logger: 'http.log.access', msg: 'handled request', request: { method: 'GET', uri: `/api/items/${id}?page=${i}` }, status: x < 0.42 ? 502 : 200 });
      else if (x < 0.75) line = JSON.stringify({ level: 'warn', msg: `caf\u00e9 ${id} \u2603 livr\u00e9e`, time: t });
      else if (x < 0.78) line = JSON.stringify({ level: 'error', msg: `quote " and \\ in ${id}`, time: t, error: `connection reset by peer ${id}` });
      else if (x < 0.8) line = `{"level":"info","msg":"bad ${id} \u0000","time":"${t}"}`.replace('\u0000', '\ud800');
      // One-off messages the vocabulary classifies (read from their bytes when sliced), some opening a stack.
      else if (x < 0.86) line = JSON.stringify({ level: 'info', msg: [`connection refused after ${id} tries`, `upstream returned 503 for order ${id}`, `Exception in thread worker-${id}`, `timed out after ${id} ms`, `panic: index ${id} out of range`][i % 5], time: t });
      else line = JSON.stringify({ level: 'info', msg: x < 0.9 ? 'request completed' : `job ${id % 50} finished`, time: t, component: 'worker' });
      lines.push(enc.encode(line + '\n'));
      if (x > 0.995) lines.push(concatBytes(enc.encode(`{"level":"info","time":"${t}","msg":"bad `), new Uint8Array([0xff]), enc.encode(` ${id}"}\n`)));
    }
    const bytes = concatBytes(...lines);
    const text = await read('dense.jsonl', bytes, ALL_TEXT);
    const before = slicesOut;
    // 1 MB chunks hold the whole file; 4 KB chunks cut windows short and lines across chunks.
    expectSame(await read('dense.jsonl', bytes, 1, 1 << 20), text, 'one chunk');
    const sliced = slicesOut - before;
    expectSame(await read('dense.jsonl', bytes, 1, 4096), text, '4 KB chunks');
    // The window was used (a non-ASCII line every dozen lines or so cuts windows short: many values still decode alone).
    expect(sliced).toBeGreaterThan(1000);
  });
});
