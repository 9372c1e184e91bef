// Marks: what the swimlanes draw besides events. Operation spans pair by
// identifier and family, ends are inferred only in sequential series, gaps
// follow each source's own rhythm, bursts stand above the source's baseline,
// and point marks fold the lines of one happening together.
import { describe, expect, it } from 'vitest';
import type { Mark } from '../../src/engine/marks/types.ts';
import { analyzeLogs, render, sec, steady, type Dialect, type Ev } from './dialects.ts';

const marks = async (files: { name: string; d: Dialect; ev: Ev[] }[]): Promise<Mark[]> =>
  (await analyzeLogs(files.map((f) => ({ name: f.name, text: render(f.d, f.ev) })))).analysis.marks;
const ofKind = (ms: Mark[], kind: Mark['kind']) => ms.filter((m) => m.kind === kind);

describe('operation spans', () => {
  it('pairs overlapping operations by the identifier in their text', async () => {
    const ev: Ev[] = [
      { t: sec(10), level: 'info', msg: 'obtaining certificate for a.example.com' },
      { t: sec(11), level: 'info', msg: 'obtaining certificate for b.example.com' },
      { t: sec(15), level: 'info', msg: 'certificate obtained for b.example.com' },
      { t: sec(30), level: 'info', msg: 'certificate obtained for a.example.com' },
    ];
    for (const d of ['text', 'slog', 'logfmt'] as Dialect[]) {
      const ops = ofKind(await marks([{ name: 'x.log', d, ev }]), 'operation');
      expect(ops.map((o) => [o.key, o.start, o.end, o.spanEnd])).toEqual([
        ['a.example.com', sec(10), sec(30), 'ended'],
        ['b.example.com', sec(11), sec(15), 'ended'],
      ]);
    }
  });

  it('pairs by key=value and bracketed names, and marks failures', async () => {
    const ev: Ev[] = [
      { t: sec(10), level: 'info', msg: 'starting backup db=orders' },
      { t: sec(12), level: 'info', msg: 'migration started for schema [billing]' },
      { t: sec(40), level: 'error', msg: 'backup failed db=orders: disk full' },
      { t: sec(50), level: 'info', msg: 'migration completed for schema [billing]' },
    ];
    const ops = ofKind(await marks([{ name: 'x.log', d: 'text', ev }]), 'operation');
    expect(ops.map((o) => [o.key, o.spanEnd, o.end])).toEqual([['orders', 'failed', sec(40)], ['billing', 'ended', sec(50)]]);
    expect(ops[0].label).toMatch(/failed/);
  });

  it('infers ends in a sequential series that never logs one, folds steps in, and leaves the last open', async () => {
    const ev: Ev[] = [];
    for (let k = 0; k < 4; k++) {
      ev.push({ t: sec(100 + k * 8), level: 'info', msg: 'Renewing certificate' });
      ev.push({ t: sec(100.01 + k * 8), level: 'info', msg: 'Starting ACME process' });
    }
    ev.push({ t: sec(4000), level: 'info', msg: 'Renewing certificate' });
    const ops = ofKind(await marks([{ name: 'x.log', d: 'slog', ev }]), 'operation');
    expect(ops.map((o) => o.spanEnd)).toEqual(['inferred', 'inferred', 'inferred', 'open', 'open']);
    expect(ops.map((o) => o.count)).toEqual([2, 2, 2, 2, 1]);
    expect(ops[0].end).toBe(sec(108));
    expect(ops[0].label).toMatch(/end inferred/);
    expect(ops[3].label).toMatch(/no end logged/);
    // An open operation ends where it was last seen (its ACME step), never stretched over the log.
    expect(ops[3].end).toBe(sec(124.01));
  });

  it('does not infer ends for a kind of operation that logs its ends', async () => {
    const ev: Ev[] = [
      { t: sec(10), level: 'info', msg: 'job export started' },
      { t: sec(20), level: 'info', msg: 'job export finished' },
      { t: sec(30), level: 'info', msg: 'job export started' },
      { t: sec(60), level: 'info', msg: 'job export started' },
      { t: sec(65), level: 'info', msg: 'job export finished' },
    ];
    const ops = ofKind(await marks([{ name: 'x.log', d: 'logfmt', ev }]), 'operation');
    expect(ops.map((o) => o.spanEnd)).toEqual(['ended', 'ended', 'open']);
  });
});

describe('gaps', () => {
  it('marks a busy log that stops for 40 s, from its last line to its next', async () => {
    const ev = [...steady(sec(0), sec(300), 200, (t) => ({ t, level: 'info', msg: 'GET /api 200' })), ...steady(sec(340), sec(600), 200, (t) => ({ t, level: 'info', msg: 'GET /api 200' }), 9)];
    const gaps = ofKind(await marks([{ name: 'access.log', d: 'clf', ev }]), 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0].start).toBeGreaterThanOrEqual(sec(299)); // CLF keeps whole seconds
    expect(gaps[0].end).toBeGreaterThanOrEqual(sec(340));
    expect(gaps[0].end).toBeLessThan(sec(341));
    expect(gaps[0].label).toMatch(/silent for 4\d s/);
  });

  it('marks a silence in a busy logger lane even when other lines continue in the same file', async () => {
    const access = steady(sec(0), sec(600), 250, (t) => ({ t, level: 'info' as const, msg: 'handled request', fields: { logger: 'http.log.access', status: 200 } }))
      .filter((e) => e.t < sec(200) || e.t > sec(260));
    const other = steady(sec(0), sec(600), 6000, (t) => ({ t, level: 'info' as const, msg: 'certificate cache maintenance ran', fields: { logger: 'tls.cache' } }));
    const text = [...access, ...other].sort((a, b) => a.t - b.t).map((e) => JSON.stringify({ level: e.level, ts: e.t / 1000, logger: e.fields?.logger, msg: e.msg })).join('\n');
    const r = await analyzeLogs([{ name: 'caddy.log', text }]);
    const gaps = r.report.marks.filter((m) => m.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0].source).toBe('caddy.log:http.log.access');
  });
});

describe('bursts', () => {
  it('marks a timeout burst with its start, end and count above a quiet baseline', async () => {
    const ev: Ev[] = [...steady(sec(0), sec(600), 500, (t) => ({ t, level: 'info', msg: 'proxied request' }))];
    for (let k = 0; k < 30; k++) ev.push({ t: sec(300 + k * 0.5), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context canceled' } });
    ev.push({ t: sec(100), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context canceled' } });
    const bursts = ofKind(await marks([{ name: 'proxy.log', d: 'zap', ev }]), 'timeout-burst');
    expect(bursts).toHaveLength(1);
    expect([bursts[0].start, bursts[0].end, bursts[0].count]).toEqual([sec(300), sec(314.5), 30]);
  });

  it('marks an error burst in an access log (5xx) but not steady 5xx noise', async () => {
    const r0 = (t: number) => (t > sec(400) && t < sec(430) ? 500 : Math.floor(t / 1000) % 37 === 0 ? 500 : 200);
    const ev = steady(sec(0), sec(900), 200, (t) => ({ t, level: 'info', msg: '', fields: { path: '/api/orders', status: r0(t) } }));
    const bursts = (await marks([{ name: 'ingress.log', d: 'clf', ev }])).filter((m) => m.kind.endsWith('burst'));
    expect(bursts).toHaveLength(1);
    expect(bursts[0].kind).toBe('error-burst');
    expect(bursts[0].start).toBeGreaterThanOrEqual(sec(400));
    expect(bursts[0].end).toBeLessThanOrEqual(sec(430));
    expect(bursts[0].count).toBeGreaterThan(100);
  });
});

describe('points', () => {
  it('folds the lines of one reload, restart or crash into one mark labelled by the first line', async () => {
    const ev: Ev[] = [
      { t: sec(10), level: 'info', msg: 'received SIGHUP' },
      { t: sec(10.1), level: 'info', msg: 'reloading configuration from /etc/app.yaml' },
      { t: sec(100), level: 'info', msg: 'starting HTTP server' },
      { t: sec(100.5), level: 'info', msg: 'listening on :8080' },
      { t: sec(200), level: 'info', msg: 'received SIGHUP' },
    ];
    const ms = await marks([{ name: 'x.log', d: 'text', ev }]);
    expect(ofKind(ms, 'signal').map((m) => [m.start, m.count, m.label])).toEqual([[sec(10), 2, 'received SIGHUP'], [sec(200), 1, 'received SIGHUP']]);
    expect(ofKind(ms, 'restart').map((m) => [m.start, m.count])).toEqual([[sec(100), 2]]);
  });

  it('keeps each die-and-restart cycle of a fast loop apart, however close in time', async () => {
    // PM2 relaunches within a second, a container runtime without a start line of its own: each death is one mark.
    const ev: Ev[] = [
      { t: sec(10), level: 'info', msg: 'server started on :8080' },
      { t: sec(11), level: 'error', msg: 'child process exited with code 1' },
      { t: sec(11.5), level: 'info', msg: 'server started on :8080' },
      { t: sec(12.5), level: 'error', msg: 'child process exited with code 1' },
      { t: sec(13), level: 'info', msg: 'loading settings from /etc/app.yaml' },
      { t: sec(14), level: 'error', msg: 'child process exited with code 1' },
      { t: sec(14.001), level: 'error', msg: 'worker process exited unexpectedly' },
    ];
    const ms = await marks([{ name: 'x.log', d: 'text', ev }]);
    expect(ofKind(ms, 'crash').map((m) => [m.start, m.count])).toEqual([[sec(11), 1], [sec(12.5), 1], [sec(14), 2]]);
    expect(ofKind(ms, 'restart').map((m) => [m.start, m.startup ?? false])).toEqual([[sec(10), true], [sec(11.5), false]]);
  });
});
