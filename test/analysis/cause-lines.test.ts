// The failure a multi-line event is about is often only in its continuation
// lines ("Caused by: ...ConnectException: Connection refused", Python's last
// exception line, Go's "panic:" detail). Loaded as the app and the CLI load
// them (the engine session), such events must be named by that line, and the
// same events without it must not be.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { causeLines } from '../../src/engine/analysis/cause-lines.ts';
import { EngineSession } from '../../src/engine/session/session.ts';

async function findings(text: string) {
  const session = new EngineSession();
  const summary = await session.load([bytesSource('app.log', text)], { year: 2024 });
  return summary.analysis.findings.filter((f) => f.severity !== 'info').map((f) => ({ family: f.family, title: f.title }));
}

const spring = (cause: string) => [
  '2024-05-01 10:00:00.120  INFO 4242 --- [           main] com.example.Application                  : Started Application in 3.1 seconds',
  '2024-05-01 10:00:05.512 ERROR 4242 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception',
  'org.springframework.web.client.ResourceAccessException: I/O error on GET request for "http://inventory:8080/items": null',
  '\tat org.springframework.web.client.RestTemplate.doExecute(RestTemplate.java:785)',
  cause,
  '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
  '\t... 42 common frames omitted',
  '2024-05-01 10:00:09.001  INFO 4242 --- [nio-8080-exec-4] com.example.Health                       : health ok',
].join('\n') + '\n';

describe('failure signatures read the cause lines of multi-line events', () => {
  it('names connection-refused from a Java "Caused by:" line, and quotes that line', async () => {
    const got = await findings(spring('Caused by: java.net.ConnectException: Connection refused (Connection refused)'));
    expect(got.map((f) => f.family)).toEqual(['connection-refused']);
    expect(got[0].title).toContain('Caused by: java.net.ConnectException');
  });

  it('names nothing of the kind when the cause is not a known failure', async () => {
    const got = await findings(spring('Caused by: java.lang.IllegalStateException: cart is empty'));
    expect(got.map((f) => f.family)).not.toContain('connection-refused');
  });

  it("reads Python's last exception line under a traceback", async () => {
    const text = [
      '2024-05-01 10:00:00,100 ERROR [worker] job 17 failed',
      'Traceback (most recent call last):',
      '  File "/app/jobs.py", line 40, in run',
      '    conn = psycopg2.connect(DSN)',
      'psycopg2.OperationalError: could not connect to server: Connection refused',
      '2024-05-01 10:00:01,000 INFO [worker] job 18 done',
    ].join('\n') + '\n';
    expect((await findings(text)).map((f) => f.family)).toContain('connection-refused');
  });
});

describe('which continuation lines are causes', () => {
  it('keeps causes, panics and exception lines, not stack frames', () => {
    const raw = [
      'ERROR request failed',
      '\tat com.example.A.run(A.java:10)',
      'Caused by: java.net.SocketTimeoutException: Read timed out',
      '  File "/app/x.py", line 3, in f',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x673df1]',
      'goroutine 1 [running]:',
      "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value', src/main.rs:4:5",
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
    ].join('\n');
    expect(causeLines(raw)).toEqual([
      'Caused by: java.net.SocketTimeoutException: Read timed out',
      'panic: runtime error: invalid memory address or nil pointer dereference',
      '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x673df1]',
      "thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value', src/main.rs:4:5",
      'Error: connect ECONNREFUSED 127.0.0.1:5432',
    ]);
  });

  it('quotes the fields of a one-line JSON record that name the failure, not its raw text', () => {
    const line = '{"ts":"2025-06-03T14:01:05.340Z","level":"error","msg":"upstream inventory timed out","request_id":"83bf","error":"context deadline exceeded"}';
    expect(causeLines(line)).toEqual(['error: context deadline exceeded']);
    expect(causeLines('{"level":"error","msg":"write failed","err":{"code":"ENOSPC","message":"no space left on device"}}')).toEqual(['err.code: ENOSPC', 'err.message: no space left on device']);
    // Not JSON (or cut): the line itself, as before.
    expect(causeLines('write failed: no space left on device')).toEqual(['write failed: no space left on device']);
  });

  it("keeps a one-line record's error field when it says what went wrong in words of trouble, or that the caller gave up, and only then", () => {
    const notify = (err: string) => `ts=2023-12-27T07:48:18.910Z caller=dispatch.go:352 level=error component=dispatcher msg="Notify for alerts failed" num_alerts=1 err="${err}"`;
    expect(causeLines(notify('default/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400'))).toEqual([
      'err: default/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400',
    ]);
    expect(causeLines(notify('context canceled'))).toEqual(['err: context canceled']);
    expect(causeLines(notify('template rendered'))).toEqual([]);
    expect(causeLines('{"level":"error","msg":"sync stopped","error":"giving up after 5 attempts"}')).toEqual(['error: giving up after 5 attempts']);
  });

  it('a pasted start-up then one notification that failed for good (its reason only in err=) warns; one a client canceled does not', async () => {
    const log = (err: string) => [
      'ts=2023-12-27T07:47:25.848Z caller=tls_config.go:274 level=info msg="Listening on" address=[::]:9093',
      'ts=2023-12-27T07:47:35.816Z caller=cluster.go:700 level=info component=cluster msg="gossip settled; proceeding" elapsed=10.0s',
      `ts=2023-12-27T07:48:18.910Z caller=dispatch.go:352 level=error component=dispatcher msg="Notify for alerts failed" num_alerts=1 err="${err}"`,
    ].join('\n') + '\n';
    const bad = await findings(log('default/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400'));
    expect(bad.map((f) => f.family)).toEqual(['first-failure']);
    expect(bad[0].title).toContain('Notify for alerts failed (err: default/webhook');
    expect(await findings(log('context canceled'))).toEqual([]);
  });

  it('a pasted WARN that carries the exception it caught, stack and all, warns when the paste ends on it, not when the program goes on', async () => {
    const warn = [
      '2022-03-01 10:14:01.002 [main] INFO  org.example.broker.Service - broker ready',
      '2022-03-01 10:14:02.118 [store-2-1] WARN  org.example.broker.lookup.TopicLookup - Failed to lookup topic persistent://public/orders/p-3 with error org.example.broker.ServerException: Failed to fetch partition metadata',
      'java.util.concurrent.CompletionException: org.example.broker.ServerException: Failed to fetch partition metadata',
      '        at java.util.concurrent.CompletableFuture.encodeRelay(CompletableFuture.java:326) ~[?:1.8.0_102]',
      '        at java.util.concurrent.CompletableFuture.completeRelay(CompletableFuture.java:338) ~[?:1.8.0_102]',
    ];
    const ends = await findings(warn.join('\n') + '\n');
    expect(ends.map((f) => f.family)).toEqual(['first-failure']);
    const goesOn = [
      ...warn,
      '2022-03-01 10:14:03.410 [store-2-1] INFO  org.example.broker.lookup.TopicLookup - Lookup for topic persistent://public/orders/p-3 served by broker-1',
      '2022-03-01 10:14:05.902 [store-2-1] INFO  org.example.broker.lookup.TopicLookup - Lookup for topic persistent://public/orders/p-4 served by broker-1',
    ];
    expect(await findings(goesOn.join('\n') + '\n')).toEqual([]);
  });
});
