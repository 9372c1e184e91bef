// Short excerpts as people paste them into an issue: a handful of lines, often
// wrapped by journald or cut out of a stack trace, with one failure in them.
// Each must name its incident as a warning; the same lines logged as routine
// (an INFO retry, a probe that passed) must not.
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from './dialects.ts';

async function alarms(text: string, name = 'pasted.log') {
  const r = await analyzeLogs([{ name, text }]);
  return r.report.findings.filter((f) => f.severity !== 'info').map((f) => ({ rule: f.rule, family: f.family }));
}

const journald = (lines: string[]) => lines.map((l, i) => `Mar 02 10:1${i}:05 edge-3 relay[812]: ${l}`).join('\n') + '\n';

describe('excerpts whose level is inside the wrapped line', () => {
  it('reads the ERROR a program wrote after its own timestamp, behind a journald prefix', async () => {
    const text = journald([
      '2024-03-02T10:10:05+01:00        INFO        relay up and running',
      '2024-03-02T10:11:05+01:00        ERROR        dial failed        {"target": "api.example.net:443", "error": "lookup api.example.net on 10.0.0.2:53: read udp 10.0.0.7:40112->10.0.0.2:53: i/o timeout"}',
      '2024-03-02T10:12:05+01:00        ERROR        dial failed        {"target": "api.example.net:443", "error": "lookup api.example.net on 10.0.0.2:53: read udp 10.0.0.7:40871->10.0.0.2:53: i/o timeout"}',
    ]);
    expect(await alarms(text)).toEqual([{ rule: 'first-failure', family: 'dns-failure' }]);
  });

  it('keeps the same lookup timeouts quiet when the program logged them as INFO retries', async () => {
    const text = journald([
      '2024-03-02T10:10:05+01:00        INFO        relay up and running',
      '2024-03-02T10:11:05+01:00        INFO        retrying        {"error": "lookup api.example.net on 10.0.0.2:53: read udp 10.0.0.7:40112->10.0.0.2:53: i/o timeout"}',
      '2024-03-02T10:12:05+01:00        INFO        connected        {"target": "api.example.net:443"}',
    ]);
    expect(await alarms(text)).toEqual([]);
  });

  it('does not take an ERROR further into the text for the line\'s level', async () => {
    const text = journald([
      'listening on :8443',
      'retrying lookup of api.example.net after ERROR from resolver: i/o timeout',
      'connected to api.example.net:443',
    ]);
    expect(await alarms(text)).toEqual([]);
  });
});

describe('one decisive line is the incident', () => {
  it('names a connection pool that ran out, from a lone stack-trace line with no time', async () => {
    const text = [
      'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30001ms.',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
      '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
    ].join('\n') + '\n';
    expect((await alarms(text)).map((a) => a.family)).toContain('pool-exhaustion');
  });

  it('names Apache running out of workers', async () => {
    const text = [
      '[Fri Jun 05 06:20:01.100000 2020] [mpm_prefork:notice] [pid 1401] AH00163: Apache/2.4.41 (Ubuntu) configured -- resuming normal operations',
      '[Fri Jun 05 06:26:05.212442 2020] [mpm_prefork:error] [pid 1401] AH00161: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting',
    ].join('\n') + '\n';
    expect((await alarms(text)).map((a) => a.family)).toContain('pool-exhaustion');
  });

  it('does not take a pool size in a config dump for an exhausted pool', async () => {
    const text = ['2024-03-02 10:11:05 [main] INFO  db.Config - max_connections=151', '2024-03-02 10:11:05 [main] INFO  db.Config - pool size set to 10', '2024-03-02 10:11:06 [main] INFO  app.Main - started in 2.1s'].join('\n') + '\n';
    expect(await alarms(text)).toEqual([]);
  });

  it('names a tripped memory circuit breaker as memory pressure', async () => {
    const text = [
      '2024-03-02 10:11:05.120 [bulk-writer-2] ERROR out.Elastic - bulk request rejected:',
      'org.elasticsearch.transport.RemoteTransportException: [es-2][10.1.0.12:9300][indices:data/write/bulk[s]]',
      'Caused by: org.elasticsearch.common.breaker.CircuitBreakingException: [parent] Data too large, data for [<transport_request>] would be [4071282682/3.7gb], which is larger than the limit of [3900912435/3.6gb]',
      'cause es-2: nested: CircuitBreakingException[[parent] Data too large, data for [<transport_request>] would be larger than limit of [3900912435/3.6gb]];',
    ].join('\n') + '\n';
    expect((await alarms(text)).map((a) => a.family)).toContain('oom');
  });

  it('names the kubelet\'s older "Readiness probe for ... failed" and the kill that follows', async () => {
    const text = [
      'Jun 12 09:49:11 node-4 kubelet[2233]: I0612 09:49:11.818095    2233 prober.go:142] Readiness probe for "web-1_default:web" failed (failure): Get http://10.2.0.9:8080/ready: dial tcp 10.2.0.9:8080: i/o timeout',
      'Jun 12 09:49:11 node-4 kubelet[2233]: I0612 09:49:11.818126    2233 manager.go:1407] pod "web-1_default" container "web" is unhealthy (probe result: failure), it will be killed and re-created.',
    ].join('\n') + '\n';
    const families = (await alarms(text)).map((a) => a.family);
    expect(families.some((f) => f === 'probe-failure' || f === 'watchdog-kill')).toBe(true);
  });

  it('stays quiet when the same prober only reports success', async () => {
    const text = 'Jun 12 09:49:11 node-4 kubelet[2233]: I0612 09:49:11.818080    2233 prober.go:122] Liveness probe for "web-1_default:web" succeeded\n';
    expect(await alarms(text)).toEqual([]);
  });
});

describe('what a signature finding covers', () => {
  it('tells the first run of a failure that comes back on other days, not one window over all of them', async () => {
    const lines: string[] = [];
    for (const d of ['03', '09', '17']) {
      lines.push(`2024-05-${d}T08:00:00Z INFO worker started job ${d}`);
      for (const sec of ['05', '06', '07']) lines.push(`2024-05-${d}T08:00:${sec}Z ERROR worker job ${d}: write /data/out.bin: no space left on device`);
      lines.push(`2024-05-${d}T08:00:08Z INFO worker cleaned up job ${d}`);
    }
    const r = await analyzeLogs([{ name: 'worker.log', text: lines.join('\n') + '\n' }]);
    const disk = r.report.findings.filter((f) => f.family === 'disk-full' && f.severity !== 'info');
    expect(disk).toHaveLength(1);
    expect(disk[0].start).toBe('2024-05-03T08:00:05.000Z');
    expect(disk[0].end).toBe('2024-05-03T08:00:07.000Z');
    expect(disk[0].title).toContain('3×, 9× in all');
    expect(disk[0].detail).toContain('3 separate runs');
  });

  it('names a login refused with a replay-cache "Permission denied" as an authentication failure', async () => {
    const text = Array.from({ length: 4 }, (_, i) => `Jun 30 20:53:0${i} combo klogind[19272]: Authentication failed from 163.27.187.39 (163.27.187.39): Permission denied in replay cache code`).join('\n') + '\n';
    const families = (await alarms(text)).map((a) => a.family);
    expect(families).toContain('auth-failure');
    expect(families).not.toContain('permission-denied');
  });
});

describe('Redis replication', () => {
  const replica = (lines: string[]) => lines.map((l, i) => `1:S 03 Mar 2022 10:12:${String(i).padStart(2, '0')}.004 ${l}`).join('\n') + '\n';

  it('names a replica that keeps failing its handshake with the master', async () => {
    const text = replica([
      '* Connecting to MASTER 10.0.0.5:6379',
      '* MASTER <-> REPLICA sync started',
      '# Error condition on socket for SYNC: Connection refused',
      '* Connecting to MASTER 10.0.0.5:6379',
      '* MASTER <-> REPLICA sync started',
      '# Error condition on socket for SYNC: Connection refused',
      '* Connecting to MASTER 10.0.0.5:6379',
      '* MASTER <-> REPLICA sync started',
      '# Error condition on socket for SYNC: Connection refused',
    ]);
    expect((await alarms(text)).map((a) => a.family)).toContain('replication-failure');
  });

  it('stays quiet on a replica that syncs', async () => {
    const text = replica([
      '* Connecting to MASTER 10.0.0.5:6379',
      '* MASTER <-> REPLICA sync started',
      '* Non blocking connect for SYNC fired the event.',
      '* Master replied to PING, replication can continue...',
      '* Full resync from master: 76d6ee1287d28e46bc8ae6e3be77da2b2a34cb6b:1690314',
      '* MASTER <-> REPLICA sync: receiving 178 bytes from master to disk',
      '* MASTER <-> REPLICA sync: Loading DB in memory',
      '* MASTER <-> REPLICA sync: Finished with success',
    ]);
    expect(await alarms(text)).toEqual([]);
  });
});

describe('systemd units that keep failing', () => {
  const unit = (lines: string[]) => lines.map((l) => `Sep 11 ${l}`).join('\n') + '\n';
  const cycle = (at: string, n: number) => [
    `${at} host systemd[1]: Started Telemetry collector.`,
    `${at} host systemd[1]: collector.service: Main process exited, code=exited, status=1/FAILURE`,
    `${at} host systemd[1]: collector.service: Failed with result 'exit-code'.`,
    `${at} host systemd[1]: collector.service: Scheduled restart job, restart counter is at ${n}.`,
  ];

  it('calls a unit systemd is still restarting a restart loop, not a restart limit', async () => {
    const r = await analyzeLogs([{ name: 'journal.txt', text: unit([...cycle('02:39:48', 1), ...cycle('02:41:48', 2), ...cycle('02:43:49', 3)]) }]);
    const families = r.report.findings.filter((f) => f.severity !== 'info').map((f) => f.family);
    expect(families).toContain('restart-loop');
    expect(families).not.toContain('restart-limit');
  });

  it('calls it a restart limit once systemd gives up', async () => {
    const r = await analyzeLogs([{ name: 'journal.txt', text: unit([...cycle('02:39:48', 1), ...cycle('02:39:49', 2), '02:39:50 host systemd[1]: collector.service: Start request repeated too quickly.', "02:39:50 host systemd[1]: collector.service: Failed with result 'exit-code'."]) }]);
    expect(r.report.findings.filter((f) => f.severity !== 'info').map((f) => f.family)).toContain('restart-limit');
  });

  it('names a unit whose program cannot be executed as a configuration error', async () => {
    const text = unit(['00:20:04 host systemd[1]: Started Electrumx.', '00:20:04 host systemd[1]: electrumx.service: Main process exited, code=exited, status=203/EXEC', "00:20:04 host systemd[1]: electrumx.service: Failed with result 'exit-code'."]);
    expect((await alarms(text)).map((a) => a.family)).toContain('config-error');
  });

  it('calls a kubelet back-off a restart loop: Kubernetes never stops retrying', async () => {
    const text = 'Warning FailedSync      Error syncing pod, skipping: failed to "StartContainer" for "web" with CrashLoopBackOff: "Back-off 20s restarting failed container=web pod=web-1_default(bdfa8741)"\n';
    const families = (await alarms(text)).map((a) => a.family);
    expect(families).toContain('restart-loop');
    expect(families).not.toContain('restart-limit');
  });
});

describe('timeouts spelled the way the C library spells them', () => {
  it('names a run of "Connection timed out" as timeouts', async () => {
    const text = [
      '2013-01-31T12:00:48Z ERROR zk: socket [10.0.12.212:2181] errno=110(Connection timed out): connection timed out',
      '2013-01-31T12:00:54Z ERROR zk: zookeeper_interest returned error: -7 - operation timeout',
      '2013-01-31T12:50:38Z ERROR zk: socket [10.0.12.212:2181] errno=110(Connection timed out): connection timed out',
    ].join('\n') + '\n';
    expect((await alarms(text)).map((a) => a.family)).toContain('timeout-burst');
  });
});

describe('a failure line that names its own mechanism', () => {
  it('ranks the mechanism the line names first, and leaves the others open', async () => {
    const text = [
      '2024-04-18 09:12:44.310 UTC [1] LOG:  server process (PID 28114) was terminated by signal 9: Killed',
      '2024-04-18 09:12:44.311 UTC [1] LOG:  terminating any other active server processes',
    ].join('\n') + '\n';
    const r = await analyzeLogs([{ name: 'postgres.log', text }]);
    const f = r.report.findings.find((x) => x.family === 'crash');
    expect(f?.hypotheses?.map((h) => [h.id, h.likelihood])).toEqual([['oom-killer', 'possible'], ['killed-by-hand', 'open'], ['crash', 'open']]);
    expect(f?.hypotheses?.[0].supports[0].text).toMatch(/line itself points to it: "server process \(PID 28114\) was terminated by signal 9/);
  });
});
