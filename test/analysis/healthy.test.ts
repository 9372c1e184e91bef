// Healthy controls: logs of systems doing fine, in several dialects. No
// warning or critical finding may fire on any of them, and the marks must not
// invent gaps or bursts the logs' own rhythm explains.
import { describe, expect, it } from 'vitest';
import { analyzeLogs, render, requests, rng, sec, steady, type Dialect, type Ev } from './dialects.ts';

const DIALECTS: Dialect[] = ['slog', 'zap', 'logfmt', 'text', 'tracing', 'syslog'];

function boot(): Ev[] {
  return [{ t: sec(0), level: 'info', msg: 'starting server', fields: { version: '2.3.1' } }, { t: sec(0.1), level: 'info', msg: 'listening on :8080' }];
}

describe('healthy controls', () => {
  it.each(DIALECTS)('regular reloads whose renewals finish (%s)', async (d) => {
    const app: Ev[] = [...boot()];
    for (let t = 60; t < 3600; t += 600) {
      app.push({ t: sec(t), level: 'info', msg: 'received SIGHUP, reloading configuration' });
      app.push({ t: sec(t + 0.2), level: 'info', msg: 'renewing certificate', fields: { identifier: 'a.example.com' } });
      app.push({ t: sec(t + 2.5), level: 'info', msg: 'certificate renewed successfully', fields: { identifier: 'a.example.com' } });
      app.push({ t: sec(t + 2.6), level: 'info', msg: 'configuration reloaded', fields: { routes: 14 } });
    }
    const r = await analyzeLogs([{ name: 'proxy.log', text: render(d, app) }, { name: 'access.log', text: render('clf', requests(sec(0), sec(3600), 400)) }]);
    expect(r.serious()).toEqual([]);
    const ops = r.report.marks.filter((m) => m.kind === 'operation');
    expect(ops).toHaveLength(6);
    expect(r.analysis.marks.filter((m) => m.kind === 'operation').every((m) => m.spanEnd === 'ended')).toBe(true);
    expect(r.report.marks.filter((m) => m.kind === 'signal')).toHaveLength(6);
  });

  it.each(['slog', 'text', 'syslog'] as Dialect[])('a nightly backup job over three nights (%s)', async (d) => {
    const ev: Ev[] = [];
    for (let night = 0; night < 3; night++) {
      const at = night * 86400 + 7200;
      ev.push({ t: sec(at), level: 'info', msg: 'starting nightly backup', fields: { target: 's3://backups/db' } });
      ev.push(...steady(sec(at + 1), sec(at + 240), 2000, (t) => ({ t, level: 'info', msg: 'uploaded chunk', fields: { bytes: 8388608 } })));
      ev.push({ t: sec(at + 241), level: 'info', msg: 'backup completed in 4m1s', fields: { target: 's3://backups/db' } });
    }
    const r = await analyzeLogs([{ name: 'backup.log', text: render(d, ev) }]);
    expect(r.serious()).toEqual([]);
    expect(r.report.marks.filter((m) => m.kind === 'gap')).toEqual([]);
    expect(r.analysis.marks.filter((m) => m.kind === 'operation').map((m) => m.spanEnd)).toEqual(['ended', 'ended', 'ended']);
  });

  it.each(DIALECTS)('a noisy but steady error rate (%s)', async (d) => {
    const r0 = rng(3);
    const ev = steady(sec(0), sec(3600), 400, (t): Ev => (r0() < 0.12
      ? { t, level: 'error', msg: 'payment provider declined card', fields: { code: 'card_declined' } }
      : { t, level: 'info', msg: 'checkout completed', fields: { cart: Math.floor(r0() * 1e5) } }));
    const r = await analyzeLogs([{ name: 'checkout.log', text: render(d, [...boot(), ...ev]) }]);
    expect(r.serious()).toEqual([]);
    expect(r.report.marks.filter((m) => m.kind === 'error-burst')).toEqual([]);
  });

  it.each(['slog', 'logfmt', 'text'] as Dialect[])('a single timeout among steady traffic (%s)', async (d) => {
    const ev: Ev[] = [...boot(), ...steady(sec(0), sec(1800), 500, (t) => ({ t, level: 'info', msg: 'request served' })), { t: sec(900), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context deadline exceeded' } }];
    const r = await analyzeLogs([{ name: 'proxy.log', text: render(d, ev) }]);
    // The log holds a failure, so it is named, but as information: one timeout in half an hour of traffic is no incident.
    expect(r.report.findings.map((f) => [f.rule, f.severity])).toEqual([['first-failure', 'info']]);
    expect(r.report.marks.filter((m) => m.kind.endsWith('burst'))).toEqual([]);
  });

  it('a quiet daemon logging twice an hour, and a batch log that bursts every five minutes, have no gaps', async () => {
    const daemon = steady(sec(0), sec(6 * 3600), 30 * 60_000, (t) => ({ t, level: 'info', msg: 'lease renewed', fields: { ttl: '3600s' } }));
    const batch: Ev[] = [];
    for (let t = 0; t < 7200; t += 300) batch.push(...steady(sec(t), sec(t + 20), 100, (x) => ({ t: x, level: 'info', msg: 'row imported' })));
    const r = await analyzeLogs([{ name: 'daemon.log', text: render('syslog', daemon, 'leased') }, { name: 'import.log', text: render('zap', batch) }]);
    expect(r.report.marks.filter((m) => m.kind === 'gap')).toEqual([]);
    expect(r.serious()).toEqual([]);
  });

  it('files that do not overlap in time are not gaps of each other, nor gaps before or after themselves', async () => {
    const a = steady(sec(0), sec(600), 300, (t) => ({ t, level: 'info', msg: 'tick' }));
    const b = steady(sec(3600), sec(4200), 300, (t) => ({ t, level: 'info', msg: 'tock' }));
    const r = await analyzeLogs([{ name: 'a.log', text: render('slog', a) }, { name: 'b.log', text: render('slog', b) }]);
    expect(r.report.marks.filter((m) => m.kind === 'gap')).toEqual([]);
    expect(r.report.findings).toEqual([]);
  });
});
