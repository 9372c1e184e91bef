// The text dialect table is data with samples: every
// pattern has samples, every sample is read by its own pattern (not claimed
// by an earlier one), and it yields the time, level and message a user
// would expect from that line.
import { describe, expect, it } from 'vitest';
import { TEXT_PATTERNS } from '../../src/engine/formats/text-patterns.ts';
import { readTail, TextMatch, TextReader } from '../../src/engine/formats/text-line.ts';
import { newRecordOut } from '../../src/engine/formats/types.ts';
import { LEVEL_NAMES } from '../../src/engine/model/levels.ts';
import { newTimeOut, toIso } from '../../src/engine/model/time.ts';

function read(line: string) {
  const reader = new TextReader({ year: 2024, time: newTimeOut() });
  const out = newRecordOut();
  const found = reader.read(line, out);
  return { found, pattern: reader.lastPattern, out };
}

describe('text dialect table', () => {
  it('has unique ids', () => {
    const ids = TEXT_PATTERNS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const p of TEXT_PATTERNS) {
    describe(p.id, () => {
      it('has samples', () => {
        expect(p.samples.length).toBeGreaterThan(0);
      });
      // A clock alone still places the line in time (on the file's day); only shapes without any time are untimed.
      const dated = /\(\?<(ts|epoch|tai|up|upms|D|h)>/.test(p.re);
      for (const sample of p.samples) {
        it(`reads ${JSON.stringify(sample.slice(0, 60))}`, () => {
          const r = read(sample);
          expect(r.pattern).toBe(p.id);
          // A prefix without a time of its own (kubectl's [pod/…]) is timed by the line it wraps.
          if (p.wrapper && !dated) expect(r.found).not.toBe(TextMatch.none);
          else expect(r.found).toBe(dated ? TextMatch.timed : TextMatch.untimed);
          // A header whose record is written on the lines below it has no message of its own.
          if (p.headsBody) expect(r.out.message).toBe('');
          else {
            expect(r.out.message.length).toBeGreaterThan(0);
            expect(sample).toContain(r.out.message.slice(0, 20));
          }
        });
      }
    });
  }
});

describe('what users see from common lines', () => {
  it.each([
    ['I0516 18:34:04.558677   12345 controller.go:123] "Starting workers"', '2024-05-16T18:34:04.558677Z', 'info', '', '"Starting workers"'],
    ['2024-05-01 10:00:00.123 [main] INFO  com.example.Application - Started', '2024-05-01T10:00:00.123Z', 'info', 'com.example.Application', 'Started'],
    ['10.0.0.7 - - [01/May/2024:10:00:00 +0200] "GET / HTTP/1.1" 502 157', '2024-05-01T08:00:00.000Z', 'error', '', '"GET / HTTP/1.1" 502 157'],
    ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown', '2024-06-14T15:16:01.000Z', 'none', 'sshd(pam_unix)', 'check pass; user unknown'],
    ['May 01 10:00:00 edge-1 caddy[811]: {"level":"error","ts":1714557600.5,"msg":"boom"}', '2024-05-01T10:00:00.500Z', 'error', 'caddy', 'boom'],
    ['1714557600125 ERROR lost leader', '2024-05-01T10:00:00.125Z', 'error', '', 'lost leader'],
    ['WARN 2024-05-01T10:00:00Z disk almost full', '2024-05-01T10:00:00.000Z', 'warn', '', 'disk almost full'],
    ['03-17 16:13:38.811  1702  2395 W WindowManager: slow', '2024-03-17T16:13:38.811Z', 'warn', 'WindowManager', 'slow'],
    // journalctl with the host name cut: the program is the program, not the host.
    ['Jun 09 14:52:35 systemd[1]: app.service: Main process exited, code=exited, status=1/FAILURE', '2024-06-09T14:52:35.000Z', 'none', 'systemd', 'app.service: Main process exited, code=exited, status=1/FAILURE'],
    // Python logging with the line number after the logger's name (Synapse).
    ['2024-05-01 10:00:00,123 - twisted - 192 - ERROR - - Connection refused', '2024-05-01T10:00:00.123Z', 'error', 'twisted', '- Connection refused'],
    // A bracketed component before Go's log time (InfluxDB 1.x).
    ['[shard] 2016/08/16 12:20:56 compacting full: 4 files', '2016-08-16T12:20:56.000Z', 'none', 'shard', 'compacting full: 4 files'],
  ])('%s', (line, time, level, logger, message) => {
    const r = read(line);
    expect(r.found).toBe(TextMatch.timed);
    expect(toIso(r.out.tMs, r.out.subNs)).toBe(time);
    expect(LEVEL_NAMES[r.out.level]).toBe(level);
    expect(r.out.logger).toBe(logger);
    expect(r.out.message).toBe(message);
  });

  it('leaves unknown shapes to the driver (continuations, untimed lines)', () => {
    for (const line of ['\tat com.x.Y(Y.java:1)', 'goroutine 1 [running]:', 'just some words', '  File "x.py", line 3']) {
      expect(read(line).found, line).toBe(TextMatch.none);
    }
  });

  it('strips terminal colours before reading', () => {
    const r = read('\x1b[2m2024-05-01T10:00:00Z\x1b[0m \x1b[31mERROR\x1b[0m boom');
    expect(LEVEL_NAMES[r.out.level]).toBe('error');
    expect(r.out.message).toBe('boom');
  });
});

describe('the tail reader', () => {
  it.each([
    ['INFO [main] org.apache.App: Created', 'info', 'org.apache.App', 'Created'],
    ['[warn] [cache] slow eviction', 'warn', 'cache', 'slow eviction'],
    ['25746 INFO nova.osapi.wsgi.server [req-1 - -] GET', 'info', 'nova.osapi.wsgi.server', '[req-1 - -] GET'],
    ['main.go:63: creating client', 'none', '', 'main.go:63: creating client'],
    ['Error connecting to db', 'error', '', 'connecting to db'],
    ['Exception in thread main', 'none', '', 'Exception in thread main'],
    ['received signal, updating routes', 'none', '', 'received signal, updating routes'],
    ['| ERROR | pool exhausted', 'error', '', 'pool exhausted'],
    // An exception's class is what the message is about, not who logged it.
    ['ERROR java.net.SocketTimeoutException: Read timed out', 'error', '', 'java.net.SocketTimeoutException: Read timed out'],
    ['WARN com.acme.VaultSealedError - vault is sealed', 'warn', '', 'com.acme.VaultSealedError - vault is sealed'],
    // A caller before the level (Go's log with Lshortfile, TiDB): skipped, so the level is read; with no level after it, it stays in the message.
    ['backoff.go:205: [warning] backoffer.maxSleep 5000ms is exceeded', 'warn', '', 'backoffer.maxSleep 5000ms is exceeded'],
    ['conn.go:427: [warning] [3] dispatch error:', 'warn', '', 'dispatch error:'],
    ['server.go:12: ERROR boom', 'error', '', 'boom'],
    ['server.go:12: error handling request', 'none', '', 'server.go:12: error handling request'],
    // Python's braced caller before the level (Airflow): skipped the same way; with no level after it, it stays.
    ['{scheduler_job.py:1204} ERROR - Executor reports task instance finished (failed)', 'error', '', 'Executor reports task instance finished (failed)'],
    ['{"key": 1} ERROR - not a caller', 'none', '', '{"key": 1} ERROR - not a caller'],
    ['{taskinstance.py:88} marking task as FAILED', 'none', '', '{taskinstance.py:88} marking task as FAILED'],
    // GlusterFS's level letters, read only before its message id or C source position.
    ['C [rpc-clnt-ping.c:152:rpc_clnt_ping_timer_expired] 0-vol-client-1: server 10.0.0.2:49152 has not responded', 'fatal', 'rpc-clnt-ping.c:152:rpc_clnt_ping_timer_expired', '0-vol-client-1: server 10.0.0.2:49152 has not responded'],
    ['E [MSGID: 108006] [afr-common.c:4317:afr_notify] 0-vol-replicate-0: All subvolumes are down.', 'error', '', '[MSGID: 108006] [afr-common.c:4317:afr_notify] 0-vol-replicate-0: All subvolumes are down.'],
    ['I [ok] started', 'none', '', 'I [ok] started'],
  ])('%s', (msg, level, logger, message) => {
    const t = readTail(msg, true, true);
    expect(LEVEL_NAMES[t.level]).toBe(level);
    expect(t.logger).toBe(logger);
    expect(t.message).toBe(message);
  });
});

describe('times without a year or a date', () => {
  it('puts a year-less date after the file\'s day in the year before', () => {
    const day = Date.UTC(2024, 0, 2);
    const reader = new TextReader({ year: 2024, day, time: newTimeOut() });
    const out = newRecordOut();
    reader.read('Dec 31 23:59:59 host app[1]: last of the year', out);
    expect(toIso(out.tMs)).toBe('2023-12-31T23:59:59.000Z');
    const next = newRecordOut();
    reader.read('Jan  1 00:00:01 host app[1]: first of the year', next);
    expect(toIso(next.tMs)).toBe('2024-01-01T00:00:01.000Z');
  });

  it('places a clock without a date on the last date seen, rolling over midnight', () => {
    const reader = new TextReader({ year: 2024, time: newTimeOut() });
    const times = ['2024-05-01T23:59:58Z INFO dated', '23:59:59.500 INFO clock only', '00:00:00.250 INFO after midnight'].map((l) => {
      const out = newRecordOut();
      reader.read(l, out);
      return toIso(out.tMs, out.subNs);
    });
    expect(times).toEqual(['2024-05-01T23:59:58.000Z', '2024-05-01T23:59:59.500Z', '2024-05-02T00:00:00.250Z']);
  });
});

describe('fields of a text event', () => {
  it('shows the dialect, what each group captured, and a JSON payload', () => {
    const reader = new TextReader({ year: 2024, time: newTimeOut() });
    expect(reader.fields('May 01 10:00:00 edge-1 caddy[811]: {"level":"info","msg":"received signal"}')).toEqual({
      dialect: 'syslog',
      ts: 'May 01 10:00:00',
      host: 'edge-1',
      logger: 'caddy',
      pid: '811',
      msg: '{"level":"info","msg":"received signal"}',
      payload: { level: 'info', msg: 'received signal' },
    });
    expect(reader.fields('no shape at all')).toEqual({ text: 'no shape at all' });
  });
});
