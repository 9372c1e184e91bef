// periodic-freeze: the same failure recurring at a roughly regular interval,
// counted in episodes (warnings before a restart belong to its episode), with
// the period called fixed or varying. A healthy periodic job never fires.
import { describe, expect, it } from 'vitest';
import { analyzeLogs, render, rng, sec, steady, type Dialect, type Ev } from './dialects.ts';

/** Episode times (s) with periods drawn from [minP, maxP] minutes, starting at `first` s. */
function schedule(first: number, count: number, minP: number, maxP: number, seed: number): number[] {
  const r = rng(seed);
  const out = [first];
  while (out.length < count) out.push(out[out.length - 1] + 60 * (minP + (maxP - minP) * r()));
  return out;
}

function supervisor(times: number[], wording: { warn: (k: number) => string; kill: string; restart: string }): Ev[] {
  const ev: Ev[] = [];
  const end = times[times.length - 1] + 300;
  for (let t = 10; t < end; t += 30) if (!times.some((f) => t > f - 35 && t < f + 5)) ev.push({ t: sec(t), level: 'debug', msg: 'admin API ok' });
  for (const f of times) {
    for (let k = 1; k <= 2; k++) ev.push({ t: sec(f - 25 + k * 10), level: 'warn', msg: wording.warn(k) });
    ev.push({ t: sec(f), level: 'error', msg: wording.kill, fields: { pid: 4000 + Math.round(f) } });
    ev.push({ t: sec(f + 2), level: 'info', msg: wording.restart });
  }
  return ev;
}

function child(times: number[], d: Dialect): string {
  const end = times[times.length - 1] + 300;
  const ev = steady(sec(0), sec(end), 900, (t) => ({ t, level: 'info', msg: 'request served', fields: { status: 200, dur: '12ms' } }))
    .filter((e) => !times.some((f) => e.t > sec(f - 30) && e.t < sec(f + 2.5)));
  return render(d, ev, 'proxy');
}

const WORDINGS = [
  { warn: (k: number) => `admin API health check failed (attempt ${k}/3)`, kill: 'process is alive but admin API is unresponsive -- killing and restarting', restart: 'restarted -- re-applying 12 routes' },
  { warn: (k: number) => `heartbeat missed from child (${k} in a row)`, kill: 'child not responding, sending SIGKILL', restart: 'child process started, pid assigned' },
  { warn: () => 'Readiness probe failed: Get "http://10.1.0.4:9000/ready": context deadline exceeded', kill: 'Liveness probe failed: HTTP probe failed with statuscode: 503', restart: 'Started container edge-proxy' },
];

describe('periodic-freeze', () => {
  const cases: [number, Dialect, Dialect][] = [[0, 'tracing', 'logfmt'], [1, 'zap', 'text'], [2, 'text', 'slog'], [0, 'syslog', 'clf']];
  it.each(cases)('wording %i in %s (child in %s): episodes every 5-7 min, varying, warnings folded in', async (w, supD, childD) => {
    const times = schedule(330, 7, 5, 7, 99 + w);
    const r = await analyzeLogs([
      { name: 'supervisor.log', text: render(supD, supervisor(times, WORDINGS[w]), 'supervisor') },
      { name: 'proxy.log', text: child(times, childD) },
    ]);
    const f = r.of('periodic-freeze');
    expect(f).toHaveLength(1);
    expect(f[0].count).toBe(7);
    expect(f[0].severity).toBe('critical');
    expect(f[0].title).toMatch(/varying period/);
    expect(f[0].detail).toMatch(/min 5 min \d\d s, median [56] min \d\d s, max [67] min \d\d s/);
    expect(f[0].detail).toMatch(/pipe/);
    // From the first warning of the first episode to the last restart (syslog keeps whole seconds).
    expect(Math.abs(Date.parse(f[0].start) - sec(times[0] - 15))).toBeLessThan(1000);
    expect(Math.abs(Date.parse(f[0].end) - sec(times[6] + 2))).toBeLessThan(1000);
    expect(r.serious().map((x) => x.rule)).toEqual(['periodic-freeze']);
  });

  it('calls an exact ten-minute period fixed (a timer, cron or TTL)', async () => {
    const times = [600, 1200, 1800, 2400];
    const r = await analyzeLogs([{ name: 'supervisor.log', text: render('slog', supervisor(times, WORDINGS[0])) }]);
    const f = r.of('periodic-freeze');
    expect(f).toHaveLength(1);
    expect(f[0].count).toBe(4);
    expect(f[0].title).toMatch(/fixed period/);
    expect(f[0].detail).toMatch(/1\. \[likely\] Something scheduled runs at a fixed period \(a cron job, a timer/);
  });

  it('with three episodes, says two intervals are too few to call the period fixed or varying, and claims less', async () => {
    const times = [600, 1200, 1800];
    const r = await analyzeLogs([{ name: 'supervisor.log', text: render('slog', supervisor(times, WORDINGS[0])) }]);
    const f = r.of('periodic-freeze');
    expect(f).toHaveLength(1);
    expect(f[0].count).toBe(3);
    expect(f[0].title).toMatch(/too few to tell fixed from varying/);
    expect(f[0].title).not.toMatch(/fixed period/);
    expect(f[0].detail).toMatch(/Only 2 intervals between episodes: too few to be sure/);
    expect(f[0].detail).toMatch(/If these intervals hold: The period is fixed/);
    const sure = (a: Awaited<ReturnType<typeof analyzeLogs>>) => a.analysis.findings.find((x) => x.rule === 'periodic-freeze')?.confidence ?? NaN;
    expect(sure(r)).toBeLessThan(0.6);
    // Four exact episodes (three intervals) are enough to call the period fixed.
    const four = await analyzeLogs([{ name: 'supervisor.log', text: render('slog', supervisor([...times, 2400], WORDINGS[0])) }]);
    expect(four.of('periodic-freeze')[0].detail).not.toMatch(/too few/);
    expect(sure(four)).toBeGreaterThan(0.8);
  });

  it('sees recurring timeout bursts in an access log with no supervisor', async () => {
    const times = schedule(300, 5, 5.5, 6.5, 5);
    const ev = steady(sec(0), sec(times[4] + 200), 250, (t) => {
      const bad = times.some((f) => t >= sec(f) && t < sec(f + 12));
      return { t, level: bad ? 'error' : 'info', msg: bad ? 'upstream request timeout' : 'request served', fields: { status: bad ? 504 : 200 } };
    });
    const r = await analyzeLogs([{ name: 'edge.log', text: render('zap', ev) }]);
    const f = r.of('periodic-freeze');
    expect(f).toHaveLength(1);
    expect(f[0].count).toBe(5);
    expect(f[0].title).toMatch(/timeout burst/);
  });

  it('stays quiet on a job that runs every five minutes and succeeds', async () => {
    for (const d of ['logfmt', 'slog', 'text'] as Dialect[]) {
      const ev: Ev[] = [];
      for (let t = 60; t < 3600; t += 300) {
        ev.push({ t: sec(t), level: 'info', msg: 'starting job cleanup-sessions' });
        ev.push({ t: sec(t + 2.1), level: 'info', msg: 'job cleanup-sessions finished', fields: { removed: 120, took: '2.1s' } });
      }
      const r = await analyzeLogs([{ name: 'jobs.log', text: render(d, ev) }]);
      expect(r.report.findings).toEqual([]);
      expect(r.report.marks.filter((m) => m.kind === 'operation' && m.label.includes('cleanup'))).toHaveLength(12);
    }
  });

  it('stays quiet when failures do not keep a rhythm', async () => {
    const times = [300, 1500, 1620, 3300];
    const r = await analyzeLogs([{ name: 'supervisor.log', text: render('slog', supervisor(times, WORDINGS[0])) }]);
    expect(r.of('periodic-freeze')).toEqual([]);
  });
});
