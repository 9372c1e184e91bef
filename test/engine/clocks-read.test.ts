// Clocks people paste that are not a wall-clock time on the line: TAI64N
// labels (s6-log), uptimes (JVM unified logging, dmesg, V8's GC trace), times
// of day before a file's first date, and untimed lines whose time is only
// inferred from the line before. What a user sees: the right instant, the
// events in order on an unknown day with a notice saying the clock is an
// uptime, and counters that keep read and inferred times apart.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { inferredFrom, InferredFrom } from '../../src/engine/model/inferred-time.ts';
import { fromTai64n } from '../../src/engine/model/tai64n.ts';
import { newTimeOut, toIso } from '../../src/engine/model/time.ts';
import { clockIso, UPTIME_NOTICE } from '../../src/engine/model/time-of-day.ts';
import { analyzeLogs } from '../analysis/dialects.ts';

const times = (r: Awaited<ReturnType<typeof ingestSources>>) => Array.from({ length: r.table.length }, (_, i) => clockIso(r.table.tMs[i], r.table.subNs[i], toIso));

describe('TAI64N labels', () => {
  it('reads s6-log labels as UTC, leap seconds taken off, to the nanosecond', () => {
    const t = newTimeOut();
    // 2^62 + 10 + 27 leap seconds + 1706599902 (2024-01-30T07:31:42Z), then 816454720 ns.
    expect(fromTai64n('4000000065b8a60330aa1c40', t)).toBe(true);
    expect(toIso(t.ms, t.subNs)).toBe('2024-01-30T07:31:42.81645472Z');
    expect(t.zoned).toBe(true);
  });

  it('takes off only the leap seconds there were by then', () => {
    const t = newTimeOut();
    // 1990-01-01T00:00:00Z is 631152000; TAI-UTC was 25 s then (10 + 15 leap seconds).
    const label = ((1n << 62n) + 631152000n + 25n).toString(16).padStart(16, '0') + '00000000';
    expect(fromTai64n(label, t)).toBe(true);
    expect(toIso(t.ms, t.subNs)).toBe('1990-01-01T00:00:00.000Z');
  });

  it('refuses what is not a label', () => {
    const t = newTimeOut();
    expect(fromTai64n('4000000065b8a603', t)).toBe(false);
    expect(fromTai64n('4000000065b8a603ffffffff', t)).toBe(false); // more than a second of nanoseconds
  });
});

describe('uptime clocks', () => {
  it('keep order and spacing on the unknown day, and the file says the clock is an uptime', async () => {
    const log = ['[2.114s][info][gc,start    ] GC(0) Pause Young (Normal)', '[2.127s][info][gc          ] GC(0) Pause Young (Normal) 24M->4M(256M) 12.904ms', '[95.402s][warning][gc,alloc    ] GC(41) To-space exhausted'].join('\n');
    const r = await ingestSources([bytesSource('gc.log', log)]);
    expect(times(r)).toEqual(['00:00:02.114Z', '00:00:02.127Z', '00:01:35.402Z']);
    expect(r.files[0]).toMatchObject({ uptimeClock: true, dateUnknown: false, untimed: 0, zoneAssumed: false });
    expect(r.files[0].notices).toContain(UPTIME_NOTICE);
  });

  it('never take the place of a wrapper\'s wall-clock time (dmesg inside journald)', async () => {
    const r = await ingestSources([{ ...bytesSource('j.log', 'Mar 04 10:00:05 host kernel: [ 8113.204557] Out of memory: Killed process 2291 (java)\n'), lastModified: Date.UTC(2024, 5, 1) }]);
    expect(times(r)).toEqual(['2024-03-04T10:00:05.000Z']);
    expect(r.files[0].uptimeClock).toBe(false);
  });

  it('is only read where the form is unambiguous: a bare number before a colon is no uptime', async () => {
    const r = await ingestSources([bytesSource('x.log', '84.339: retry budget left\n')]);
    expect(r.files[0].untimed).toBe(1);
  });
});

describe('times of day before the first date', () => {
  it('go on that date when they fit, with the untimed lines between them', async () => {
    const log = ['s6-rc: info: service mariadb: starting', '[09:14:21] INFO: Using existing mariadb', '2024-06-02  9:14:22 0 [Note] Starting MariaDB'].join('\n');
    const r = await ingestSources([bytesSource('addon.log', log)]);
    expect(times(r)).toEqual(['2024-06-02T09:14:21.000Z', '2024-06-02T09:14:21.000Z', '2024-06-02T09:14:22.000Z']);
    expect(r.files[0].dateUnknown).toBe(false);
  });

  it('stay on the unknown day when they do not fit the date after them', async () => {
    const r = await ingestSources([bytesSource('addon.log', '[21:14:21] INFO: started\n2024-06-02 09:14:22 0 [Note] Starting MariaDB\n')]);
    expect(times(r)[1]).toBe('21:14:21.000Z'); // sorts after the dated line: its date is not known
    expect(r.files[0].dateUnknown).toBe(true);
  });
});

describe('a log pasted newest first', () => {
  it('is shown in time order, the lines of one second in the order they happened, each with its line number', async () => {
    const log = ['03.06 18:22:40 [Multicraft] Server stopped', '03.06 18:22:39 [Server] Server thread/ERROR Encountered an unexpected exception', '03.06 18:22:39 [Server] INFO java.lang.OutOfMemoryError: GC overhead limit exceeded', '03.06 18:20:02 [Multicraft] Server started'].join('\n');
    const r = await ingestSources([bytesSource('console.txt', log)], { year: 2024 });
    expect(Array.from(r.table.line)).toEqual([4, 3, 2, 1]);
    expect(r.files[0].notices.some((n) => n.startsWith('the lines are newest first'))).toBe(true);
  });

  it('a file in time order with one step back is not taken for one', async () => {
    const log = ['2024-05-01T10:00:01Z INFO a', '2024-05-01T10:00:01Z INFO b', '2024-05-01T10:00:00Z INFO c', '2024-05-01T10:00:02Z INFO d'].join('\n');
    const r = await ingestSources([bytesSource('x.log', log)]);
    expect(Array.from(r.table.line)).toEqual([3, 1, 2, 4]);
  });
});

describe('inferred times', () => {
  it('count the untimed events that took the time of the line before, apart from the ones read', async () => {
    const log = ['Preparing for start ...', '[2024-11-05 09:25:59 +0000] [16] [CRITICAL] WORKER TIMEOUT (pid:17)', 'HTTP server successfully started!', '[2024-11-05 09:26:00 +0000] [16] [ERROR] Worker (pid:17) was sent SIGKILL!'].join('\n');
    const r = await ingestSources([bytesSource('g.log', log)]);
    expect(r.files[0]).toMatchObject({ events: 4, untimed: 2, timeInferred: 2 });
    expect(times(r)).toEqual(['2024-11-05T09:25:59.000Z', '2024-11-05T09:25:59.000Z', '2024-11-05T09:25:59.000Z', '2024-11-05T09:26:00.000Z']);
  });

  it('infer nothing in a file with no time at all', async () => {
    const r = await ingestSources([bytesSource('n.log', 'ERROR one\nERROR two\n')]);
    expect(r.files[0]).toMatchObject({ untimed: 2, timeInferred: 0 });
  });

  it('never make a burst: twenty untimed errors share one inferred instant, not a rate', async () => {
    const lines = ['2024-05-01T10:00:00Z INFO starting'];
    for (let i = 0; i < 20; i++) lines.push(`ERROR: entrypoint step ${i} failed`);
    lines.push('2024-05-01T10:05:00Z INFO done');
    const { analysis } = await analyzeLogs([{ name: 'boot.log', text: lines.join('\n') }]);
    expect(analysis.marks.filter((m) => m.kind === 'error-burst')).toEqual([]);
  });

  it('while the same twenty errors, each with its own time, are one', async () => {
    const lines = ['2024-05-01T10:00:00Z INFO starting'];
    for (let i = 0; i < 20; i++) lines.push(`2024-05-01T10:00:00.${String(100 + i * 10)}Z ERROR: entrypoint step ${i} failed`);
    lines.push('2024-05-01T10:05:00Z INFO done');
    const { analysis } = await analyzeLogs([{ name: 'api.log', text: lines.join('\n') }]);
    expect(analysis.marks.filter((m) => m.kind === 'error-burst').length).toBe(1);
  });
});

describe('hostile lines against the new dialects', () => {
  // Each starts like a dialect's line and then pads for 100 000 characters where a
  // pattern could backtrack; read linearly that is milliseconds, quadratically many seconds.
  it.each([
    ['Elasticsearch padding', '[2016-04-11 08:02:13,507][INFO ][' + ' '.repeat(100_000)],
    ['JVM decorations', '[12.074s]' + '[x]'.repeat(33_000)],
    ['Multicraft thread', '03.06 18:22:40 [Server] ' + 'a/'.repeat(50_000)],
    ['postgres user@db', '2019-03-11 22:05:41 CST [8812-1] ' + 'a@'.repeat(50_000)],
    ['systemctl Active', '   Active: failed (' + 'since '.repeat(16_000)],
    ['TAI64N', '@' + '4'.repeat(100_000)],
  ])('%s: read in well under a second', async (_name, line) => {
    const t0 = performance.now();
    const r = await ingestSources([bytesSource('hostile.log', line)]);
    expect(r.files[0].lines).toBe(1);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('where an inferred time came from', () => {
  it('says "before" for a line after a timed one and "after" for lines above the file\'s first time', async () => {
    const log = [
      'Preparing for start ...',
      'Checking configuration',
      '[2024-11-05 09:25:59 +0000] [16] [INFO] Booting worker with pid: 17',
      'HTTP server successfully started!',
      '[2024-11-05 09:26:00 +0000] [16] [ERROR] Worker (pid:17) was sent SIGKILL!',
    ].join('\n');
    const r = await ingestSources([bytesSource('g.log', log)]);
    const byLine = new Map(Array.from({ length: r.table.length }, (_, i) => [r.table.line[i], inferredFrom(r.table, i)]));
    expect([...byLine.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, InferredFrom.after], [2, InferredFrom.after], [3, InferredFrom.none], [4, InferredFrom.before], [5, InferredFrom.none],
    ]);
  });

  it('tells the files of one instant apart: a timed line of another file does not count', async () => {
    const a = bytesSource('a.log', '2024-11-05T09:25:59Z INFO a starts\n');
    const b = bytesSource('b.log', 'untimed first line of b\n2024-11-05T09:25:59Z INFO b starts\n');
    const r = await ingestSources([a, b]);
    const untimedRow = Array.from({ length: r.table.length }, (_, i) => i).find((i) => r.table.line[i] === 1 && r.files[r.table.file[i]].name === 'b.log')!;
    expect(inferredFrom(r.table, untimedRow)).toBe(InferredFrom.after);
  });
});
