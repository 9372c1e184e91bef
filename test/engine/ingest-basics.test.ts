// Basic ingest behaviour users notice: lines are never lost, times merge.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';

describe('ingest', () => {
  it('merges two files in time order and keeps every line accounted for', async () => {
    const a = bytesSource('a.log', '{"time":"2024-05-01T10:00:02Z","level":"info","msg":"second"}\n{"time":"2024-05-01T10:00:00Z","level":"warn","msg":"first"}\n');
    const b = bytesSource('b.log', '2024-05-01T10:00:01Z ERROR middle\n\n');
    const r = await ingestSources([a, b]);
    expect(r.table.length).toBe(3);
    expect(r.messages).toEqual(['first', 'middle', 'second']);
    for (const f of r.files) expect(f.lines).toBe(f.events + f.continuations + f.blank);
    expect(r.files[0].outOfOrder).toBe(1);
    expect(r.files[1].blank).toBe(1);
  });

  it('keeps each message on its own row whether or not the file needed sorting', async () => {
    const lines = (order: number[]) => order.map((s) => `{"time":"2024-05-01T10:00:0${s}Z","level":"info","msg":"event ${s}"}`).join('\n') + '\n';
    for (const order of [[1, 2, 3, 4], [3, 1, 4, 2]]) {
      const r = await ingestSources([bytesSource('a.log', lines(order))]);
      expect(r.messages).toEqual(['event 1', 'event 2', 'event 3', 'event 4']);
      expect(Array.from(r.table.line)).toEqual([1, 2, 3, 4].map((s) => order.indexOf(s) + 1));
    }
  });

  it('groups a Go fatal error trace between JSON lines into one crash event', async () => {
    const text = [
      '{"time":"2024-05-01T10:00:00Z","level":"INFO","msg":"serving"}',
      'fatal error: concurrent map writes',
      '',
      'goroutine 12 [running]:',
      'main.(*cache).put(0xc000010000, {0x4b1a4e, 0x3})',
      '\t/app/cache.go:42 +0x65',
      'created by main.main in goroutine 1',
      '\t/app/main.go:20 +0x8d',
      '{"time":"2024-05-01T10:00:05Z","level":"INFO","msg":"starting"}',
    ].join('\n');
    const r = await ingestSources([bytesSource('svc.log', text)]);
    const f = r.files[0];
    expect(f.events).toBe(3);
    expect(f.continuations).toBe(5);
    expect(f.blank).toBe(1);
    expect(f.untimed).toBe(1);
    expect(r.messages[1]).toBe('fatal error: concurrent map writes');
    expect(r.table.lineCount[1]).toBe(7);
  });

  it('splits lines identically whatever the chunk size', async () => {
    const text = 'héllo wörld 2024-01-01T00:00:00Z\n2024-01-01T00:00:01Z INFO ünïcode line\r\n2024-01-01T00:00:02Z WARN last';
    const big = await ingestSources([bytesSource('x', text)]);
    const tiny = await ingestSources([bytesSource('x', text, 3)]);
    expect(Array.from(tiny.table.byteOffset)).toEqual(Array.from(big.table.byteOffset));
    expect(Array.from(tiny.table.byteLength)).toEqual(Array.from(big.table.byteLength));
    expect(tiny.messages).toEqual(big.messages);
  });

  it('orders nanosecond times whose milliseconds tie, across files', async () => {
    const a = bytesSource('a.jsonl', '{"time":"2024-05-01T10:00:00.123000300Z","msg":"third"}\n{"time":"2024-05-01T10:00:00.123000100Z","msg":"first"}\n');
    const b = bytesSource('b.log', '2024-05-01T10:00:00.1230002Z INFO second\n');
    const r = await ingestSources([a, b]);
    expect(r.messages).toEqual(['first', 'second', 'third']);
    expect(r.files[0].outOfOrder).toBe(1);
  });

  it('flags zone-less times and applies the per-file zone the user picks', async () => {
    const text = '2024-05-01 12:00:00 INFO local time\n2024-05-01T10:00:01Z INFO utc time\n';
    const plain = await ingestSources([bytesSource('x.log', text)]);
    expect(plain.files[0].zoneAssumed).toBe(true);
    expect(new Date(plain.table.tMs[1]).toISOString()).toBe('2024-05-01T12:00:00.000Z');
    // The user says the file is UTC+2: zone-less times move, zoned ones do not.
    const shifted = await ingestSources([bytesSource('x.log', text)], { zoneOffsetMin: { 0: 120 } });
    expect(Array.from(shifted.table.tMs, (t) => new Date(t).toISOString())).toEqual(['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:01.000Z']);
  });

  it('reads year-less syslog times in the year it is given, and says so', async () => {
    const r = await ingestSources([bytesSource('s.log', 'Dec 31 23:59:59 host app[1]: last\nJan  1 00:00:01 host app[1]: first\n')], { year: 2023 });
    expect(r.files[0].format).toBe('syslog');
    expect(r.files[0].notices.join(' ')).toMatch(/without a year were read as 2023/);
    expect(new Date(r.table.tMs[0]).toISOString()).toBe('2023-01-01T00:00:01.000Z');
  });
});
