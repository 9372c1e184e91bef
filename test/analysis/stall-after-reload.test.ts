// stall-after-reload: a reload lands while operations from an earlier reload
// still run, then traffic stalls until they drain. Checked in several
// dialects and wordings, with the controls it must stay quiet on.
import { describe, expect, it } from 'vitest';
import { analyzeLogs, render, requests, sec, type Dialect, type Ev } from './dialects.ts';

interface Wording {
  reload: string;
  start: string;
  step?: string;
  end?: string;
  timeout: [string, Record<string, string>];
}

const WORDINGS: Record<string, Wording> = {
  centauri: { reload: 'Received signal, updating routes...', start: 'Renewing certificate', step: 'Starting ACME process', timeout: ['Failed to connect to upstream', { error: 'context canceled' }] },
  nginxish: { reload: 'signal 1 (SIGHUP) received from 4321, reconfiguring', start: 'renewing certificate for {host}', timeout: ['upstream timed out (110: Connection timed out) while reading response header from upstream', {}] },
  backup: { reload: 'received SIGHUP, reloading configuration', start: 'starting backup of /var/lib/{host}', timeout: ['request failed', { err: 'context deadline exceeded' }] },
  admin: { reload: 'POST /load 200', start: 'obtaining certificate', step: 'trying to solve challenge', timeout: ['proxy error: dial tcp 10.0.0.7:8080: i/o timeout', {}] },
};

interface Plan {
  wording: Wording;
  ops?: number;
  opEvery?: number;
  /** Seconds between the two reloads. */
  reloadGap?: number;
  /** 'gap': the access log goes silent; 'burst': timeouts in the app log; 'both'. */
  effect?: 'gap' | 'burst' | 'both';
  /** Operations log an end two seconds after they start (a quick, healthy reload). */
  quick?: boolean;
}

const HOSTS = ['a.example.com', 'b.example.com', 'shop.example.net', 'api.example.org', 'c.example.com', 'd.example.com', 'e.example.com', 'mail.example.com', 'f.example.com', 'g.example.com', 'h.example.com', 'i.example.com'];

function scenario(p: Plan): { app: Ev[]; access: Ev[]; drain: number; second: number } {
  const w = p.wording;
  const ops = p.ops ?? 12;
  const every = p.opEvery ?? 7;
  const first = 120;
  const second = first + (p.reloadGap ?? 30);
  const app: Ev[] = [{ t: sec(first), level: 'info', msg: w.reload }, { t: sec(second), level: 'info', msg: w.reload }];
  for (let k = 0; k < ops; k++) {
    const host = HOSTS[k % HOSTS.length];
    const at = first + 0.5 + k * (p.quick ? 0.3 : every);
    app.push({ t: sec(at), level: 'info', msg: w.start.replace('{host}', host), fields: { identifier: host } });
    if (w.step) app.push({ t: sec(at + 0.02), level: 'info', msg: w.step });
    if (p.quick) app.push({ t: sec(at + 0.2), level: 'info', msg: w.end ?? 'certificate obtained successfully', fields: { identifier: host } });
  }
  const drain = p.quick ? first + 0.5 + ops * 0.3 : first + 0.5 + ops * every;
  const effect = p.effect ?? 'both';
  const stalled = !p.quick;
  // Background noise in the app log: a status line every 20 s.
  for (let t = 5; t < 600; t += 20) app.push({ t: sec(t), level: 'debug', msg: 'config watcher: no changes', fields: { files: 3 } });
  if (stalled && effect !== 'gap') {
    for (let k = 0; k < 40; k++) app.push({ t: sec(drain - 8 + k * 0.25), level: 'error', msg: w.timeout[0], fields: { ...w.timeout[1], upstream: `10.0.1.${k % 5}:8080` } });
  }
  const access = stalled && effect !== 'burst'
    ? [...requests(sec(0), sec(second), 250), ...requests(sec(drain + 1), sec(600), 250, () => 200, 12)]
    : requests(sec(0), sec(600), 250);
  return { app, access, drain, second };
}

async function run(p: Plan, appDialect: Dialect, accessDialect: Dialect = 'clf') {
  const s = scenario(p);
  const files = [{ name: 'proxy.log', text: render(appDialect, s.app, 'proxy') }];
  if ((p.effect ?? 'both') !== 'burst' || p.quick) files.push({ name: 'access.log', text: render(accessDialect, s.access) });
  return { ...(await analyzeLogs(files)), plan: s };
}

describe('stall-after-reload', () => {
  const cases: [string, Dialect, Dialect][] = [
    ['centauri', 'slog', 'clf'],
    ['centauri', 'zap', 'caddy'],
    ['nginxish', 'text', 'clf'],
    ['backup', 'logfmt', 'slog'],
    ['admin', 'tracing', 'caddy'],
    ['centauri', 'syslog', 'clf'],
  ];
  it.each(cases)('fires on the %s wording in %s + %s, from the second reload to the end of the stall', async (name, app, access) => {
    const r = await run({ wording: WORDINGS[name] }, app, access);
    const f = r.of('stall-after-reload');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('critical');
    expect(Date.parse(f[0].start)).toBe(sec(r.plan.second));
    // The stall ends when traffic is back (first request after the drain), within a few seconds.
    expect(Math.abs(Date.parse(f[0].end) - sec(r.plan.drain + 1))).toBeLessThan(3000);
    expect(f[0].count).toBe(12);
    expect(f[0].detail).toMatch(/RWMutex/);
    expect(f[0].detail).toMatch(/write (lock|side)/);
    expect(f[0].detail).toMatch(/slow I\/O/);
    expect(f[0].evidence.some((e) => e.file === 'proxy.log')).toBe(true);
  });

  it('fires on a timeout burst alone (one file, no access log)', async () => {
    const r = await run({ wording: WORDINGS.centauri, effect: 'burst' }, 'slog');
    const f = r.of('stall-after-reload');
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/40 timeouts/);
  });

  it('fires on a silence alone', async () => {
    const r = await run({ wording: WORDINGS.backup, effect: 'gap', ops: 6, opEvery: 12 }, 'text', 'clf');
    const f = r.of('stall-after-reload');
    expect(f).toHaveLength(1);
    expect(f[0].count).toBe(6);
    expect(f[0].detail).toMatch(/access\.log went silent/);
  });

  it('sees the silence of requests in a single file while the renewals keep logging (Go std log)', async () => {
    const ev: Ev[] = [{ t: sec(60), level: 'info', msg: 'caught SIGHUP, reloading config' }, { t: sec(95), level: 'info', msg: 'caught SIGHUP, reloading config' }];
    for (let k = 0; k < 10; k++) ev.push({ t: sec(60.5 + k * 6), level: 'info', msg: `renewing certificate for ${HOSTS[k]}` });
    ev.push(...requests(sec(0), sec(95), 300), ...requests(sec(122), sec(400), 300, () => 200, 5));
    const r = await analyzeLogs([{ name: 'proxy.log', text: render('gostd', ev) }]);
    const f = r.of('stall-after-reload');
    expect(f).toHaveLength(1);
    expect(Date.parse(f[0].start)).toBe(sec(95));
    expect(Math.abs(Date.parse(f[0].end) - sec(122))).toBeLessThan(1500);
    expect(f[0].detail).toMatch(/a\.example\.com/);
  });

  it('stays quiet when the reloads complete quickly', async () => {
    for (const [app, access] of [['slog', 'clf'], ['logfmt', 'caddy']] as [Dialect, Dialect][]) {
      const r = await run({ wording: WORDINGS.centauri, quick: true }, app, access);
      expect(r.of('stall-after-reload')).toEqual([]);
      expect(r.serious()).toEqual([]);
    }
  });

  it('stays quiet on a few timeouts with no overlapping reload', async () => {
    const app: Ev[] = [{ t: sec(60), level: 'info', msg: 'Received signal, updating routes...' }];
    for (let k = 0; k < 5; k++) app.push({ t: sec(300 + k * 3), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context canceled' } });
    const r = await analyzeLogs([
      { name: 'proxy.log', text: render('slog', app) },
      { name: 'access.log', text: render('clf', requests(sec(0), sec(600), 300)) },
    ]);
    expect(r.of('stall-after-reload')).toEqual([]);
    expect(r.serious()).toEqual([]);
  });

  it('stays quiet when the second reload comes after the operations ended, even if a stall follows', async () => {
    const w = { ...WORDINGS.centauri, step: undefined };
    const app: Ev[] = [{ t: sec(100), level: 'info', msg: w.reload }, { t: sec(160), level: 'info', msg: w.reload }];
    for (let k = 0; k < 4; k++) {
      app.push({ t: sec(101 + k * 5), level: 'info', msg: 'renewing certificate', fields: { identifier: HOSTS[k] } });
      app.push({ t: sec(103 + k * 5), level: 'info', msg: 'certificate renewed successfully', fields: { identifier: HOSTS[k] } });
    }
    for (let k = 0; k < 30; k++) app.push({ t: sec(200 + k * 0.5), level: 'error', msg: 'Failed to connect to upstream', fields: { error: 'context canceled' } });
    const r = await analyzeLogs([
      { name: 'proxy.log', text: render('zap', app) },
      { name: 'access.log', text: render('clf', [...requests(sec(0), sec(200), 250), ...requests(sec(240), sec(600), 250)]) },
    ]);
    expect(r.of('stall-after-reload')).toEqual([]);
  });
});
