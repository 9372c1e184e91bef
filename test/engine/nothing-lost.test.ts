// Nothing is lost, and nothing fails silently: every odd input gets a clear
// per-file message, the other files still load, and every file keeps
// `lines == events + continuations + blank`.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import type { FileStats } from '../../src/engine/ingest/file-stats.ts';
import { concatBytes } from './bytes.ts';

const enc = new TextEncoder();
const LOG = '2024-05-01T10:00:00Z INFO first\n2024-05-01T10:00:01Z WARN second ünïcode\n';

function utf16(text: string, le: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (u: number) => {
    out[o++] = le ? u & 255 : u >> 8;
    out[o++] = le ? u >> 8 : u & 255;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return out;
}

function accounted(f: FileStats): void {
  expect(f.lines, f.name).toBe(f.events + f.continuations + f.blank);
}

describe('odd inputs', () => {
  const binary = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
  const bigLine = '{"time":"2024-05-01T10:00:02Z","level":"error","msg":"dump","blob":"' + 'x'.repeat(10 << 20) + '"}\n';
  const sources = [
    bytesSource('binary.bin', binary),
    bytesSource('empty.log', new Uint8Array(0)),
    bytesSource('big.jsonl', enc.encode(bigLine + '{"time":"2024-05-01T10:00:03Z","level":"info","msg":"after"}\n')),
    bytesSource('latin1.log', concatBytes(enc.encode('2024-05-01T10:00:00Z INFO caf'), new Uint8Array([0xe9, 0xff]), enc.encode(' ok\n'))),
    bytesSource('crlf.log', enc.encode(LOG.replace(/\n/g, '\r\n'))),
    bytesSource('bom.log', concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode(LOG))),
    bytesSource('le-bom.log', utf16(LOG, true, true)),
    bytesSource('be-bom.log', utf16(LOG, false, true)),
    bytesSource('le.log', utf16(LOG, true, false)),
    bytesSource('be.log', utf16(LOG.replace(/\n/g, '\r\n'), false, false)),
    bytesSource('good.log', enc.encode(LOG)),
  ];

  it('gives each file a clear message and still loads the others', async () => {
    const r = await ingestSources(sources, { year: 2024 });
    const byName = new Map(r.files.map((f) => [f.name, f]));
    const f = (n: string) => byName.get(n)!;
    for (const s of r.files) accounted(s);

    expect(f('binary.bin').error).toMatch(/not a text log/);
    expect(f('empty.log').error).toMatch(/empty file/);

    const big = f('big.jsonl');
    expect(big.error).toBeNull();
    expect(big.events).toBe(2);
    expect(big.notices.join(' ')).toMatch(/very long line/);

    const latin = f('latin1.log');
    expect(latin.events).toBe(1);
    expect(latin.notices.join(' ')).toMatch(/not valid utf-8/);

    expect(f('crlf.log').notices.join(' ')).toMatch(/CR LF/);
    expect(f('bom.log').notices.join(' ')).toMatch(/byte-order mark/);
    for (const n of ['le-bom.log', 'be-bom.log', 'le.log', 'be.log']) {
      expect(f(n).error, n).toBeNull();
      expect(f(n).events, n).toBe(2);
      expect(f(n).notices.join(' '), n).toMatch(/UTF-16/);
    }
    expect(f('be.log').notices.join(' ')).toMatch(/CR LF/);
    expect(f('le-bom.log').notices.join(' ')).toMatch(/byte-order mark/);
    expect(f('good.log').notices).toEqual([]);

    // Every readable file's events are in the merged table, with clean text.
    const warn = r.messages.filter((m) => m === 'second ünïcode');
    expect(warn.length).toBe(7); // crlf, bom, four UTF-16 files and good.log
    expect(r.messages).toContain('after');
    expect(r.messages.some((m) => m?.includes('\r'))).toBe(false);
  });

  it('keeps byte offsets true to the file after a BOM and CR LF', async () => {
    const bytes = concatBytes(new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode('a 2024-05-01T10:00:00Z\r\n2024-05-01T10:00:01Z INFO b\r\n'));
    const r = await ingestSources([bytesSource('x.log', bytes)], { year: 2024 });
    const t = r.table;
    const rows = Array.from({ length: t.length }, (_, i) => [t.line[i], t.byteOffset[i], t.byteLength[i]]).sort((a, b) => a[0] - b[0]);
    expect(rows).toEqual([[1, 3, 22], [2, 27, 27]]);
  });

  it('keeps lines that fail their format as malformed events with their text', async () => {
    const text = '{"time":"2024-05-01T10:00:00Z","msg":"ok"}\n{"time": broken\n{"time":"2024-05-01T10:00:01Z","msg":"ok2"}\n';
    const r = await ingestSources([bytesSource('m.jsonl', text)], { year: 2024 });
    const f = r.files[0];
    accounted(f);
    expect(f.format).toBe('json-lines');
    expect(f.malformed).toBe(1);
    expect(r.messages).toContain('{"time": broken');
  });

  it('keeps an unfinished record at the end of a JSON document', async () => {
    const text = '[\n  {"time":"2024-05-01T10:00:00Z","msg":"ok"},\n  {"time":"2024-05-01T10:00:01Z",\n   "msg": "cut off';
    const r = await ingestSources([bytesSource('d.json', text)], { year: 2024 });
    const f = r.files[0];
    accounted(f);
    expect(f.format).toBe('json-document');
    expect(f.events).toBe(2);
    expect(f.malformed).toBe(1);
  });
});
