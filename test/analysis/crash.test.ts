// crash: a crash and what followed it (restart, burst, gap) in this or another
// file, with a hint from the signature knowledge base. Several runtimes and
// log dialects; recovered panics and logged exceptions are not crashes.
import { describe, expect, it } from 'vitest';
import { CRASH_SIGNATURES, matchSignature } from '../../src/engine/rules/crash-signatures.ts';
import { analyzeLogs, render, requests, sec, steady, type Dialect, type Ev } from './dialects.ts';

describe('crash signatures', () => {
  it.each(CRASH_SIGNATURES.map((s) => [s.id, s] as const))('%s matches its own sample first', (_id, sig) => {
    expect(matchSignature([sig.sample])?.id).toBe(sig.id);
    expect(sig.hint.length).toBeGreaterThan(60);
  });

  it('knows the systemd restart counter and the OOM killer from surrounding lines', () => {
    expect(matchSignature(['app.service: Main process exited, code=killed, status=9/KILL', 'app.service: Scheduled restart job, restart counter is at 5.'])?.id).toBe('systemd-restarts');
    expect(matchSignature(['Main process exited, code=killed, status=9/KILL', 'Out of memory: Killed process 881 (app)'])?.id).toBe('linux-oom-killer');
    expect(matchSignature(['something odd happened'])).toBeNull();
  });
});

/** An app that serves traffic, crashes at 300 s with `crash` lines, and is back at `back` s. */
function service(d: Dialect, crash: Ev[], back: number, info = (t: number): Ev => ({ t, level: 'info', msg: 'order fetched', fields: { order_id: Math.floor(t / 1000) % 9000 } })): string {
  const before = steady(sec(0), sec(300), 800, info, 3);
  const after = steady(sec(back + 1), sec(600), 800, info, 4);
  const boot = (t: number): Ev[] => [{ t: sec(t), level: 'info', msg: 'starting service', fields: { version: '1.4.2' } }, { t: sec(t + 0.2), level: 'info', msg: 'HTTP server listening on :8080' }];
  return render(d, [...boot(0), ...before, ...crash, ...boot(back), ...after], 'orders');
}

const goTrace = (first: string): string[] => [first, '', 'goroutine 17 [running]:', 'main.(*store).put(0xc000010000, {0x4b1a4e, 0x3})', '\t/app/store.go:42 +0x65', 'created by main.main in goroutine 1', '\t/app/main.go:20 +0x8d'];

describe('crash rule', () => {
  it.each([['slog'], ['zap'], ['logfmt'], ['text']] as [Dialect][])('Go concurrent map writes between %s lines, 503s at the ingress until the restart', async (d) => {
    const crash: Ev[] = [{ t: sec(300), level: 'info', msg: '', raw: goTrace('fatal error: concurrent map writes') }];
    const r = await analyzeLogs([
      { name: 'orders.log', text: service(d, crash, 345) },
      { name: 'ingress.log', text: render('clf', requests(sec(0), sec(600), 300, (t) => (t > sec(300.2) && t < sec(346) ? 503 : 200))) },
    ]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('critical');
    expect(Date.parse(f[0].start)).toBeGreaterThanOrEqual(sec(299));
    expect(Date.parse(f[0].start)).toBeLessThanOrEqual(sec(300.1));
    expect(Math.abs(Date.parse(f[0].end) - sec(346))).toBeLessThan(2500);
    expect(f[0].title).toMatch(/concurrent map writes/);
    expect(f[0].detail).toMatch(/go run -race/);
    expect(f[0].detail).toMatch(/HTTP 503/);
    expect(f[0].evidence[0].file).toBe('orders.log');
    expect(r.report.marks.find((m) => m.kind === 'crash')?.label).toBe('fatal error: concurrent map writes');
    expect(r.serious().map((x) => x.rule)).toEqual(['crash']);
  });

  it('Java OutOfMemoryError in plain text, systemd restart in the journal', async () => {
    const app: Ev[] = [{ t: sec(300), level: 'error', msg: 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', raw: ['\tat java.util.Arrays.copyOf(Arrays.java:3236)', '\tat com.acme.Cache.put(Cache.java:88)'] }];
    const journal: Ev[] = [
      { t: sec(301), level: 'info', msg: 'orders.service: Main process exited, code=exited, status=1/FAILURE' },
      { t: sec(331), level: 'info', msg: 'orders.service: Scheduled restart job, restart counter is at 1.' },
      { t: sec(331.5), level: 'info', msg: 'Started orders.service - Orders API.' },
    ];
    const r = await analyzeLogs([{ name: 'orders.log', text: service('text', app, 332) }, { name: 'journal.log', text: render('syslog', journal, 'systemd') }]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/Java OutOfMemoryError/);
    expect(f[0].detail).toMatch(/Main process exited/);
    expect(Date.parse(f[0].end)).toBeGreaterThanOrEqual(sec(331));
  });

  it('Rust panic in a tracing JSON service restarted by its supervisor', async () => {
    const app: Ev[] = [{ t: sec(300), level: 'info', msg: '', raw: ["thread 'tokio-runtime-worker' panicked at src/proxy.rs:88:14:", 'called `Option::unwrap()` on a `None` value', 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace'] }];
    const sup: Ev[] = [{ t: sec(302), level: 'warn', msg: 'child exited with status 101' }, { t: sec(305), level: 'info', msg: 'restarting child' }];
    const r = await analyzeLogs([{ name: 'proxy.log', text: service('tracing', app, 306) }, { name: 'supervisor.log', text: render('tracing', sup, 'supervisor') }]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/Rust panic/);
    expect(f[0].detail).toMatch(/RUST_BACKTRACE/);
  });

  it('Node heap out of memory, the kernel OOM killer, a Go deadlock and a nil dereference each get their hint', async () => {
    const cases: [Ev[], RegExp][] = [
      [[{ t: sec(300), level: 'info', msg: '', raw: ['<--- Last few GCs --->', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'] }], /Node\.js heap out of memory/],
      [[{ t: sec(300), level: 'info', msg: '', raw: goTrace('fatal error: all goroutines are asleep - deadlock!') }], /Go deadlock/],
      [[{ t: sec(300), level: 'info', msg: '', raw: [...goTrace('panic: runtime error: invalid memory address or nil pointer dereference'), '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]'] }], /nil \/ null pointer/],
    ];
    for (const [crash, hint] of cases) {
      const r = await analyzeLogs([{ name: 'svc.log', text: service('slog', crash, 330) }]);
      const f = r.of('crash');
      expect(f, String(hint)).toHaveLength(1);
      expect(f[0].detail).toMatch(hint);
    }
    const kern: Ev[] = [{ t: sec(300), level: 'error', msg: 'Out of memory: Killed process 2211 (python3) total-vm:8123456kB, anon-rss:7812345kB' }];
    const app = steady(sec(0), sec(300), 500, (t) => ({ t, level: 'info', msg: 'processed batch', fields: { n: t % 97 } }));
    const r = await analyzeLogs([{ name: 'kern.log', text: render('syslog', kern, 'kernel') }, { name: 'worker.log', text: render('logfmt', [...app, ...steady(sec(360), sec(600), 500, (t) => ({ t, level: 'info', msg: 'processed batch' }))]) }]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/OOM killer/);
    expect(f[0].detail).toMatch(/worker\.log went silent/);
  });

  const nodeBanner = ['/app/server.js:12', '    throw err;', '    ^', '', 'Error: boom', '    at Object.<anonymous> (/app/server.js:12:11)', '    at Module._compile (node:internal/modules/cjs/loader:1256:14)', '', 'Node.js v20.11.0'];
  const rubyCrash = ["app.rb:3:in 'x': boom (RuntimeError)", "\tfrom app.rb:7:in '<main>'"];
  it.each([
    ['Node uncaught exception banner', 'text', nodeBanner, '/app/server.js:12', /uncaught exception in Node\.js/],
    ['Node uncaught exception banner', 'slog', nodeBanner, '/app/server.js:12', /uncaught exception in Node\.js/],
    ['Ruby uncaught exception', 'text', rubyCrash, "app.rb:3:in 'x': boom (RuntimeError)", /uncaught Ruby exception/],
    ['Ruby uncaught exception', 'logfmt', rubyCrash, "app.rb:3:in 'x': boom (RuntimeError)", /uncaught Ruby exception/],
  ] as [string, Dialect, string[], string, RegExp][])('%s between %s lines is a crash, its first line the label', async (_what, d, raw, label, hint) => {
    const r = await analyzeLogs([{ name: 'web.log', text: service(d, [{ t: sec(300), level: 'info', msg: '', raw }], 320) }]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(r.report.marks.filter((m) => m.kind === 'crash').map((m) => m.label)).toEqual([label]);
    expect(f[0].detail).toMatch(/restarted/);
    expect(f[0].detail).toMatch(hint);
    expect(r.report.files[0].lines).toBe(r.report.files[0].events + r.report.files[0].continuations + r.report.files[0].blank);
  });

  it('calls "Fatal signal 11 (SIGSEGV)" a segfault crash, not a reload signal', async () => {
    const app: Ev[] = [{ t: sec(300), level: 'fatal', msg: 'Fatal signal 11 (SIGSEGV), code 1 (SEGV_MAPERR), fault addr 0x0 in tid 4242 (RenderThread)' }];
    const r = await analyzeLogs([{ name: 'app.log', text: service('text', app, 310) }]);
    expect(r.report.marks.filter((m) => m.kind === 'signal')).toEqual([]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].detail).toMatch(/segmentation fault/);
  });

  it('counts systemd\'s older "hold-off time over, scheduling restart" as the restart that follows a failed exit', async () => {
    const journal = [
      'May 01 10:00:00 web1 systemd[1]: chat.service: Main process exited, code=exited, status=1/FAILURE',
      'May 01 10:00:00 web1 systemd[1]: chat.service: Failed with result \'exit-code\'.',
      'May 01 10:00:05 web1 systemd[1]: chat.service: Service hold-off time over, scheduling restart.',
      'May 01 10:00:05 web1 systemd[1]: Starting Chat server...',
    ].join('\n');
    const r = await analyzeLogs([{ name: 'journal.log', text: journal }]);
    const f = r.of('crash');
    expect(f).toHaveLength(1);
    expect(f[0].title).toMatch(/back after 5 s/);
    expect(f[0].detail).not.toMatch(/Nothing after it shows a restart/);
  });

  it('does not call a recovered panic or a logged exception a crash', async () => {
    const app: Ev[] = [
      { t: sec(100), level: 'error', msg: 'http: panic serving 10.0.0.4:5512: runtime error: index out of range [3] with length 3' },
      { t: sec(200), level: 'error', msg: 'request failed', raw: ['Traceback (most recent call last):', '  File "app.py", line 3, in handler', 'ValueError: bad input'] },
    ];
    const r = await analyzeLogs([{ name: 'app.log', text: render('text', [...steady(sec(0), sec(400), 1000, (t) => ({ t, level: 'info', msg: 'ok' })), ...app]) }]);
    expect(r.of('crash')).toEqual([]);
    expect(r.report.marks.filter((m) => m.kind === 'crash')).toEqual([]);
  });
});
