// Record shapes people paste that are not one line per event: a command's
// table with its header row, and records whose time stands alone on the
// first line with the message below it (Oracle's alert log, digests).
// The golden fixtures show whole files (test/fixtures/text/kubectl-events-table,
// oracle-alert-log, time-header-body); these pin the edges.

import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { isColumnHeader } from '../../src/engine/formats/column-header.ts';
import { LEVEL_NAMES } from '../../src/engine/model/levels.ts';

const load = async (text: string) => {
  const r = await ingestSources([bytesSource('pasted.log', text)], { year: 2024 });
  const f = r.files[0];
  expect(f.lines).toBe(f.events + f.continuations + f.blank);
  return r;
};

describe('a pasted table header row', () => {
  it('is recognised for the tables commands print, and not for log lines in capitals', () => {
    for (const h of [
      'LAST SEEN   TYPE      REASON                KIND         MESSAGE',
      'TIME                   REASON      MSG',
      'CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS         PORTS     NAMES',
      'NAME                     READY   STATUS             RESTARTS   AGE',
      'NAMESPACE\tNAME\tREADY\tSTATUS',
    ])
      expect(isColumnHeader(h), h).toBe(true);
    for (const l of [
      'FATAL:  the database system is starting up',
      'INFO  Starting server on :8080',
      'ERROR  [main]  CONNECTION REFUSED',
      'TIME  MSG',
      'WARNING: THE DISK IS ALMOST FULL',
      '2024-05-01T10:00:00Z   Pulled   Successfully pulled image',
    ])
      expect(isColumnHeader(l), l).toBe(false);
  });

  it('is no event: the rows below it are, and a header after a shell prompt continues the prompt line', async () => {
    const r = await load(
      ['$ kubectl get events -w -o custom-columns=TIME:.lastTimestamp,REASON:.reason,MSG:.message', 'TIME                   REASON      MSG', '2021-07-01T13:58:59Z   Killing     Container app failed liveness probe, will be restarted'].join('\n'),
    );
    const f = r.files[0];
    expect([f.events, f.continuations, f.untimed]).toEqual([2, 1, 1]);
    expect(r.table.lineCount[0]).toBe(2);
    expect(r.messages[1]).toMatch(/^Killing +Container app failed liveness probe/);
  });
});

describe('a time alone on its line heads the record below it', () => {
  it('takes the message, level and source location from the body, up to a blank or timed line', async () => {
    const r = await load(
      [
        '2016-12-13 17:32:45.945  @10.0.0.5',
        'Pool.java:144',
        'WARN connection pool exhausted',
        '',
        'not part of the record above',
        '2016-12-13 17:33:00.979',
        'second record',
        '2016-12-13 17:33:01.000 INFO after',
      ].join('\n'),
    );
    const f = r.files[0];
    expect([f.lines, f.events, f.continuations, f.blank, f.untimed]).toEqual([8, 4, 3, 1, 1]);
    const t = r.table;
    expect(r.messages[0]).toBe('WARN connection pool exhausted'); // as untimed lines keep theirs
    expect(LEVEL_NAMES[t.level[0]]).toBe('warn');
    expect(t.loggers[t.logger[0]]).toBe('Pool.java:144');
    expect([t.line[0], t.lineCount[0]]).toEqual([1, 3]);
    expect(r.messages[1]).toBe('not part of the record above');
    expect(r.messages[2]).toBe('second record');
    expect([t.line[2], t.lineCount[2]]).toEqual([6, 2]);
    expect(new Date(t.tMs[2]).toISOString()).toBe('2016-12-13T17:33:00.979Z');
  });

  it("does not take another compose service's line into its body", async () => {
    const r = await load(['db-1   | 2024-03-02 10:00:00.120', 'db-1   | checkpoint starting: time', 'web-1  | request failed: upstream timeout', 'db-1   | 2024-03-02 10:00:01.000 LOG: done'].join('\n'));
    const f = r.files[0];
    expect(f.format).toBe('docker-compose');
    expect([f.events, f.continuations, f.untimed]).toEqual([3, 1, 1]);
    expect(r.messages).toContain('checkpoint starting: time');
    expect(r.messages).toContain('request failed: upstream timeout');
  });

  it('keeps a wrapper line with an empty message as its own event (each syslog line has its own time)', async () => {
    const r = await load(['Jan 15 05:40:45 host app[12]: ', 'Jan 15 05:40:46 host app[12]: next'].join('\n'));
    expect(r.files[0].events).toBe(2);
  });
});
