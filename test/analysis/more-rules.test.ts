// The rules beyond the three incidents: restart loops, operations that never
// finish, new errors right after a deploy, and the catch-all error burst.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/analysis/analyze.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { analyzeLogs, render, requests, sec, steady, type Dialect, type Ev } from './dialects.ts';

describe('restart-loop', () => {
  it.each(['text', 'slog', 'syslog'] as Dialect[])('a container that restarts every 40 s without a crash line (%s)', async (d) => {
    const ev: Ev[] = [];
    for (let k = 0; k < 5; k++) {
      ev.push({ t: sec(100 + k * 40), level: 'info', msg: 'Started container api' });
      ev.push({ t: sec(101 + k * 40), level: 'error', msg: 'error loading config: open /etc/api/config.yaml: no such file or directory' });
    }
    const r = await analyzeLogs([{ name: 'kubelet.log', text: render(d, ev) }]);
    const f = r.of('restart-loop');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'critical', count: 5 });
    expect(Date.parse(f[0].start)).toBe(sec(100));
    expect(Date.parse(f[0].end)).toBe(sec(260));
  });

  it('gives way to the crash finding when crashes explain the restarts', async () => {
    const ev: Ev[] = [];
    for (let k = 0; k < 4; k++) {
      ev.push({ t: sec(100 + k * 30), level: 'info', msg: 'Started api.service - API.' });
      ev.push({ t: sec(110 + k * 30), level: 'info', msg: 'api.service: Main process exited, code=exited, status=1/FAILURE' });
      ev.push({ t: sec(115 + k * 30), level: 'info', msg: `api.service: Scheduled restart job, restart counter is at ${k + 1}.` });
    }
    const r = await analyzeLogs([{ name: 'journal.log', text: render('syslog', ev, 'systemd') }]);
    expect(r.of('restart-loop')).toEqual([]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].title).toMatch(/Crash loop \(4×\)/);
    expect(f[0].detail).toMatch(/systemd/);
  });

  it('stays quiet on one slow start that announces several listeners', async () => {
    const ev: Ev[] = [
      { t: sec(100), level: 'info', msg: 'listening on :80' }, { t: sec(115), level: 'info', msg: 'listening on :443' }, { t: sec(131), level: 'info', msg: 'listening on :9090 (metrics)' },
      ...steady(sec(0), sec(600), 1000, (t) => ({ t, level: 'info', msg: 'warming cache' })),
    ];
    const r = await analyzeLogs([{ name: 'api.log', text: render('text', ev) }]);
    expect(r.report.findings).toEqual([]);
  });

  it('stays quiet on a deploy that restarts a service twice', async () => {
    const ev: Ev[] = [{ t: sec(100), level: 'info', msg: 'listening on :8080' }, { t: sec(160), level: 'info', msg: 'listening on :8080' }, ...steady(sec(0), sec(600), 1000, (t) => ({ t, level: 'info', msg: 'ok' }))];
    const r = await analyzeLogs([{ name: 'api.log', text: render('logfmt', ev) }]);
    expect(r.report.findings).toEqual([]);
  });
});

describe('operation-never-finished', () => {
  it.each(['slog', 'text'] as Dialect[])('a nightly backup that started on the third night and never completed (%s)', async (d) => {
    const ev: Ev[] = [];
    for (let night = 0; night < 3; night++) {
      const at = night * 86400 + 7200;
      ev.push({ t: sec(at), level: 'info', msg: 'backup started', fields: { target: 'pg-main' } });
      if (night < 2) ev.push({ t: sec(at + 240), level: 'info', msg: 'backup completed', fields: { target: 'pg-main', took: '4m0s' } });
    }
    ev.push(...steady(sec(2 * 86400 + 7300), sec(2 * 86400 + 14400), 60_000, (t) => ({ t, level: 'info', msg: 'vacuum skipped: backup in progress' })));
    const r = await analyzeLogs([{ name: 'db-ops.log', text: render(d, ev) }]);
    const f = r.of('operation-never-finished');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(Date.parse(f[0].start)).toBe(sec(2 * 86400 + 7200));
    expect(f[0].detail).toMatch(/took 4 min 00 s typically/);
  });
});

describe('error-burst-after-deploy and error-burst', () => {
  const history = (d: Dialect, extra: Ev[]) => render(d, [...steady(sec(0), sec(3600), 600, (t) => ({ t, level: 'info', msg: 'order created', fields: { id: t % 10007 } })), ...extra]);

  it.each(['slog', 'zap', 'logfmt'] as Dialect[])('names never-seen errors right after a deploy (%s)', async (d) => {
    const extra: Ev[] = [{ t: sec(1800), level: 'info', msg: 'deploying version 2.4.0' }, { t: sec(1805), level: 'info', msg: 'starting server', fields: { version: '2.4.0' } }];
    for (let k = 0; k < 120; k++) extra.push({ t: sec(1900 + k * 0.25), level: 'error', msg: 'pq: column "discount_code" does not exist', fields: { query: 'insert_order' } });
    const r = await analyzeLogs([{ name: 'orders.log', text: history(d, extra) }]);
    const f = r.of('error-burst-after-deploy');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].detail).toMatch(/never before/);
    expect(f[0].detail).toMatch(/120 times/);
    expect(r.of('error-burst')).toEqual([]);
  });

  it('quotes the deploy line itself when a big file did not keep its message in memory', async () => {
    const extra: Ev[] = [{ t: sec(1800), level: 'info', msg: 'deploying version 2.4.0 to eu-west' }];
    for (let k = 0; k < 120; k++) extra.push({ t: sec(1900 + k * 0.25), level: 'error', msg: 'pq: column "discount_code" does not exist', fields: { query: 'insert_order' } });
    const session = new EngineSession();
    // No budget for one-off messages: the deploy line is read back for the analysis.
    const summary = await session.load([bytesSource('orders.log', history('slog', extra))], { messageBudget: 0, year: 2024 });
    const withReadBack = summary.analysis.findings.find((f) => f.rule === 'error-burst-after-deploy');
    expect(withReadBack?.detail).toContain('deploying version 2.4.0 to eu-west');
    // Without reading back, the template would have stood in for it.
    const fresh = new EngineSession();
    await fresh.load([bytesSource('orders.log', history('slog', extra))], { messageBudget: 0, year: 2024 });
    const r = fresh.loaded!;
    const deployRow = r.table.tMs.indexOf(sec(1800));
    r.messages[deployRow] = undefined;
    const without = analyze(r).findings.find((f) => f.rule === 'error-burst-after-deploy');
    expect(without?.detail).toContain('deploying version <*>');
  });

  it('calls a burst of a long-known error a plain error burst, not a deploy problem', async () => {
    const extra: Ev[] = [{ t: sec(1800), level: 'info', msg: 'starting server', fields: { version: '2.4.0' } }];
    for (let t = 100; t < 3600; t += 400) extra.push({ t: sec(t), level: 'error', msg: 'redis: connection pool timeout' });
    for (let k = 0; k < 60; k++) extra.push({ t: sec(2000 + k * 0.5), level: 'error', msg: 'redis: connection pool timeout' });
    const r = await analyzeLogs([{ name: 'orders.log', text: history('slog', extra) }]);
    expect(r.of('error-burst-after-deploy')).toEqual([]);
    const f = r.of('error-burst');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('warning');
    expect(f[0].detail).toMatch(/\d+ in the hour before/);
  });

  it('sees a 5xx burst in an access log as an error burst, and only that', async () => {
    const ev = requests(sec(0), sec(1200), 200, (t) => (t > sec(600) && t < sec(640) ? 500 : 200));
    const r = await analyzeLogs([{ name: 'ingress.log', text: render('clf', ev) }]);
    expect(r.serious().map((f) => f.rule)).toEqual(['error-burst']);
    expect(r.serious()[0].title).toMatch(/HTTP 500/);
  });
});
