// One absurd timestamp must not stretch the timeline over millennia (or past
// Date's range into NaN): times outside the plausible range (default 1990 to
// next year, configurable) are kept as text, their events untimed, with a notice.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { ingestParallel, inProcessRunner } from '../../src/engine/ingest/parallel-ingest.ts';
import { plausibleYears } from '../../src/engine/ingest/plausible-time.ts';

const lines = (n: number) => Array.from({ length: n }, (_, i) => `{"time":"2024-05-01T10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z","msg":"line ${i}"}\n`).join('');

describe('implausible timestamps', () => {
  it('year 275760 in a 1001-line log leaves the window on the real events, with a notice', async () => {
    const text = `{"time":"+275760-09-13T00:00:00Z","level":"error","msg":"from the far future"}\n${lines(1000)}`;
    const r = await ingestSources([bytesSource('app.jsonl', text)]);
    const f = r.files[0];
    expect(f.events).toBe(1001);
    expect(f.untimed).toBe(1);
    expect(f.notices.join(' ')).toMatch(/timestamps outside 1990–\d{4} were kept as text, but their events are treated as untimed/);
    const t = r.table.tMs;
    expect(Number.isFinite(t[0]) && Number.isFinite(t[t.length - 1])).toBe(true);
    expect(new Date(t[0]).toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(new Date(t[t.length - 1]).toISOString()).toBe('2024-05-01T10:16:39.000Z');
  });

  it('the range is configurable', async () => {
    const old = '{"time":"1985-03-01T10:00:00Z","msg":"old"}\n{"time":"1985-03-01T10:00:01Z","msg":"older still"}\n';
    const r = await ingestSources([bytesSource('old.jsonl', old)], { plausibleTime: plausibleYears(1980, 1990) });
    expect(r.files[0].untimed).toBe(0);
    expect(new Date(r.table.tMs[1]).toISOString()).toBe('1985-03-01T10:00:01.000Z');
    const d = await ingestSources([bytesSource('old.jsonl', old)]);
    expect(d.files[0].untimed).toBe(2);
  });

  it('a file read in slices by parallel workers honours the configured range too', async () => {
    const old = Array.from({ length: 400 }, (_, i) => `{"time":"1985-03-01T10:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z","msg":"old ${i}"}\n`).join('');
    const src = [bytesSource('old.jsonl', old)];
    const sliced = (o: Parameters<typeof ingestParallel>[2]) => ingestParallel(src, inProcessRunner(src, 2), { sliceMinBytes: 0, sliceBytes: 4096, ...o });
    const allowed = await sliced({ plausibleTime: plausibleYears(1980, 1990) });
    expect(allowed.files[0].untimed).toBe(0);
    expect(new Date(allowed.table.tMs[399]).toISOString()).toBe('1985-03-01T10:06:39.000Z');
    const byDefault = await sliced({});
    expect(byDefault.files[0].untimed).toBe(400);
    expect(byDefault.files[0].notices.join(' ')).toMatch(/timestamps outside 1990–/);
  });

  // A device whose clock was never set prints epoch 0 in its own zone: west of
  // UTC that is the last day of 1969. Such lines are read, then judged by the
  // range like any other time, instead of vanishing without a word.
  const unsetClock = '1969-12-31 16:00:05 -0800 INFO booting\n1969-12-31 16:00:09 -0800 ERROR ntp: no server reachable\n';

  it('reads dates before 1970 in text and tells the user why they are untimed', async () => {
    const r = await ingestSources([bytesSource('device.log', unsetClock)]);
    expect(r.files[0].untimed).toBe(2);
    expect(r.files[0].notices.join(' ')).toMatch(/timestamps outside 1990–\d{4} were kept as text/);
  });

  it('places them when the range allows those years', async () => {
    const r = await ingestSources([bytesSource('device.log', unsetClock)], { plausibleTime: plausibleYears(1969, 2030) });
    expect(r.files[0].untimed).toBe(0);
    expect(new Date(r.table.tMs[0]).toISOString()).toBe('1970-01-01T00:00:05.000Z');
    expect(new Date(r.table.tMs[1]).toISOString()).toBe('1970-01-01T00:00:09.000Z');
    const ntp = await ingestSources([bytesSource('ntp.jsonl', '{"time":"1900-01-01T00:00:12Z","msg":"clock not synchronised"}\n')], { plausibleTime: plausibleYears(1900, 2030) });
    expect(new Date(ntp.table.tMs[0]).toISOString()).toBe('1900-01-01T00:00:12.000Z');
  });
});
