// Rule robustness on dialects and wordings the rules were not written
// against (test/fixtures/incidents/unseen-dialects.ts): zerolog + nginx error
// log + Envoy text access (UT), gunicorn's arbiter, Spring Boot + klog +
// HAProxy, journalctl short-iso. Each incident must get its finding and
// nothing else serious; each healthy twin, in the same dialects, nothing.
import { describe, expect, it } from 'vitest';
import { gunicornWorkerTimeout, ocspReloadStall, springOomCrashloop, systemdBindLoop, at } from '../fixtures/incidents/unseen-dialects.ts';
import { analyzeLogs } from './dialects.ts';

const iso = (s: number) => new Date(at(s)).toISOString();

async function analysed(files: ReturnType<typeof ocspReloadStall>) {
  const r = await analyzeLogs(files);
  for (const f of r.report.files) {
    expect(f.error, f.name).toBeNull();
    expect(f.malformed, f.name).toBe(0);
    expect(f.untimed, f.name).toBe(0);
    expect(f.lines, f.name).toBe(f.events + f.continuations + f.blank);
  }
  return r;
}

describe('incidents in unseen dialects', () => {
  it('zerolog proxy reloaded twice during OCSP refreshes; nginx and Envoy time out: stall after reload', async () => {
    const r = await analysed(ocspReloadStall());
    expect(r.serious().map((f) => f.rule)).toEqual(['stall-after-reload']);
    const f = r.serious()[0];
    expect(f.start).toBe(iso(322));
    expect(f.count).toBe(10);
    expect(f.detail).toMatch(/OCSP staple refresh/);
    expect(f.detail).toMatch(/envoy-access\.log logged \d+ timeouts/);
    expect(f.detail).toMatch(/nginx-error\.log logged \d+ timeouts/);
    // The error log is quiet until its burst: that quiet is its rhythm, not a silence.
    expect(r.report.marks.filter((m) => m.kind === 'gap' && m.source === 'nginx-error.log')).toEqual([]);
  });

  it('gunicorn kills a hung worker every 5-7 minutes: a periodic freeze with a varying period, not nine crashes', async () => {
    const r = await analysed(gunicornWorkerTimeout());
    expect(r.serious().map((f) => f.rule)).toEqual(['periodic-freeze']);
    const f = r.serious()[0];
    expect(f.count).toBe(9);
    expect(f.title).toMatch(/health failure.*varying/);
    expect(f.detail).toMatch(/WORKER TIMEOUT/);
    expect(f.detail).toMatch(/django\.log went silent around 9 of the 9 episodes/);
  });

  it('Spring Boot OutOfMemoryError, kubelet back-off, HAProxy 503 SC--: one crash, down until the restart', async () => {
    const r = await analysed(springOomCrashloop());
    expect(r.serious().map((f) => f.rule)).toEqual(['crash']);
    const f = r.serious()[0];
    expect(f.start).toBe(iso(600));
    expect(f.title).toMatch(/back after 1 min 24 s|back after 84 s/);
    expect(f.detail).toMatch(/Java OutOfMemoryError/);
    expect(f.detail).toMatch(/kubelet\.log reported .*"Error syncing pod.*CrashLoopBack/);
    expect(f.detail).toMatch(/haproxy\.log logged \d{2,} failed requests/);
  });

  it('a systemd unit that cannot bind its port: a crash loop, with the cause it logged just before each exit', async () => {
    const r = await analysed(systemdBindLoop());
    expect(r.serious().map((f) => f.rule)).toEqual(['crash']);
    const f = r.serious()[0];
    expect(f.title).toMatch(/Crash loop \(5×\)/);
    expect(f.detail).toMatch(/Just before, it logged: "listen tcp :8080: bind: address already in use"\./);
    expect(f.detail).toMatch(/Signature: port already in use/);
    expect(r.report.marks.filter((m) => m.kind === 'gap')).toEqual([]);
  });
});

describe('their healthy twins stay quiet', () => {
  it.each([
    ['reloads whose OCSP refreshes finish, one upstream timeout', ocspReloadStall],
    ['one WORKER TIMEOUT in an hour', gunicornWorkerTimeout],
    ['a steady trickle of 503s behind HAProxy', springOomCrashloop],
    ['a deploy restart and the nightly backup unit', systemdBindLoop],
  ] as const)('%s', async (_what, make) => {
    const r = await analysed(make(true));
    expect(r.serious()).toEqual([]);
    expect(r.report.marks.filter((m) => m.kind === 'gap' || m.kind === 'crash' || m.kind.endsWith('burst'))).toEqual([]);
  });
});
