// Raw text read back from the files (messages beyond the memory
// budget are not kept) must give the same raw lines and search hits as text
// kept in memory; a list row then shows the event's first raw line, or for
// JSON lines the message parsed from it again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { queryRegex } from '../../src/share/query-regex.ts';

const lines: string[] = [];
for (let i = 0; i < 300; i++) {
  const t = new Date(Date.UTC(2024, 4, 1, 10, 0, i)).toISOString();
  lines.push(i % 50 === 7 ? `${t} INFO worker ${i} said héllo\n\tat frame ${i}` : `${t} INFO request ${i} served in ${i % 13} ms`);
}
const text = lines.join('\r\n');

async function session(messageBudget: number): Promise<EngineSession> {
  const s = new EngineSession();
  // Small chunks and two files: reads must span chunk and file boundaries.
  await s.load([bytesSource('a.log', text, 64), bytesSource('b.log', text.replace(/request/g, 'job'), 64)], { messageBudget });
  return s;
}

describe('reading events back from their files', () => {
  it('gives the same raw text and search hits as messages kept in memory', async () => {
    const kept = await session(1 << 30);
    const readBack = await session(0);
    const n = kept.loaded?.table.length ?? 0;
    expect(n).toBe(600);
    expect(readBack.loaded?.messages.filter((m) => m === undefined).length).toBeGreaterThan(500);
    const rows = Array.from({ length: n }, (_, i) => n - 1 - i); // any order
    const raws = await readBack.raws(rows);
    expect(raws).toEqual(await Promise.all(rows.map((r) => kept.raw(r))));
    expect(await readBack.messages(rows)).toEqual(raws.map((r) => r.split('\n')[0]));
    expect(await kept.messages([0])).toEqual(['request 0 served in 0 ms']);
    expect(raws.some((r) => r.includes('\tat frame'))).toBe(true);
    for (const q of ['héllo', '/job \\d+5 /', 'served in 12']) {
      expect(Array.from(await readBack.search(q, queryRegex))).toEqual(Array.from(await kept.search(q, queryRegex)));
    }
    expect((await readBack.search('héllo', queryRegex)).reduce((a, b) => a + b, 0)).toBe(12);
  });
});

describe('reading JSON-lines messages back', () => {
  const json = Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({ time: new Date(Date.UTC(2024, 4, 1, 10, 0, i)).toISOString(), level: i % 9 === 0 ? 'error' : 'info', msg: i % 3 === 0 ? 'cache miss' : `user ${i} logged in from 10.0.0.${i % 250}`, err: i % 9 === 0 ? 'EOF' : undefined }),
  ).join('\n');
  const load = async (messageBudget: number) => {
    const s = new EngineSession();
    await s.load([bytesSource('app.jsonl', json, 100)], { messageBudget });
    return s;
  };

  it('keeps repeated and notable messages, and parses the others again when they are shown or searched', async () => {
    const kept = await load(1 << 30);
    const readBack = await load(0);
    const dropped = readBack.loaded?.messages.filter((m) => m === undefined).length ?? 0;
    // One-off info messages are read back; "cache miss" (repeated) and errors stay in memory.
    expect(dropped).toBeGreaterThan(200);
    expect(readBack.loaded?.messages.filter((m) => m === 'cache miss').length).toBeGreaterThan(120);
    const rows = Array.from({ length: 400 }, (_, i) => i);
    const messages = await readBack.messages(rows);
    expect(messages).toEqual(await kept.messages(rows));
    expect(messages[1]).toMatch(/^user \d+ logged in from 10\.0\.0\.\d+$/);
    expect((await readBack.detail(1))?.message).toBe(messages[1]);
    for (const q of ['logged in from 10.0.0.1', 'level', '"msg"', '/user 1\\d /']) {
      expect(Array.from(await readBack.search(q, queryRegex)), q).toEqual(Array.from(await kept.search(q, queryRegex)));
    }
  });
});

describe('detail of a CSV row', () => {
  const csv = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/csv', name)));

  it('names the fields by the header row, also when the file starts with a byte-order mark', async () => {
    for (const bom of [false, true]) {
      const bytes = csv('header-quoted.csv');
      const s = new EngineSession();
      await s.load([bytesSource('export.csv', bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]) : bytes)]);
      const header = new TextDecoder().decode(bytes).split('\n')[0].replace(/\r$/, '');
      const names = header.split(',').map((h) => h.replace(/^"|"$/g, '').trim());
      const fields = (await s.detail(0))?.fields?.fields as Record<string, string>;
      expect(Object.keys(fields)).toEqual(names);
    }
  });

  it('lists the fields by position when the file has no header', async () => {
    const s = new EngineSession();
    await s.load([bytesSource('nlog.csv', csv('nlog-headerless.csv'))]);
    expect(Array.isArray((await s.detail(0))?.fields?.fields)).toBe(true);
  });
});

describe('reading many rows back at once', () => {
  // 40,000 lines of ~100 bytes (~4 MB): a failure every 10,000 lines, the rest routine.
  const big: string[] = [];
  for (let i = 0; i < 40_000; i++) {
    const t = new Date(Date.UTC(2024, 4, 1, 10, 0, 0, i * 10)).toISOString();
    big.push(`${t} INFO request ${i} served in ${i % 13} ms from cache shard ${i % 7} of the read path`);
  }
  const bigText = big.join('\n') + '\n';

  async function counted(): Promise<{ s: EngineSession; bytesRead: () => number; reads: () => number }> {
    const src = bytesSource('big.log', bigText);
    const read = src.read.bind(src);
    let bytes = 0;
    let reads = 0;
    const s = new EngineSession();
    await s.load([{ ...src, read: async (a: number, b: number) => ((bytes += b - a), reads++, read(a, b)) }], { messageBudget: 0 });
    bytes = 0;
    reads = 0;
    return { s, bytesRead: () => bytes, reads: () => reads };
  }

  it('reads rows far apart without the megabytes between them', async () => {
    const { s, bytesRead } = await counted();
    const rows = [5, 10_005, 20_005, 30_005, 39_999];
    const raws = await s.raws(rows);
    expect(raws.map((r) => r.split(' ')[3])).toEqual(['5', '10005', '20005', '30005', '39999']);
    expect(bytesRead()).toBeLessThan(rows.length * 200);
  });

  it('still reads neighbouring rows together', async () => {
    const { s, reads } = await counted();
    const rows = Array.from({ length: 4000 }, (_, i) => i * 10);
    const raws = await s.raws(rows);
    expect(raws[123]).toContain(`request ${123 * 10} served`);
    expect(reads()).toBeLessThan(5);
  });
});
