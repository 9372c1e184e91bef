// Logs as people paste them: journald lines indented by a quote block, a
// year-less syslog prefix around a program's own dated time, and findings on
// logs with no time at all. What a user sees: the year the lines carry (not
// the file's), records rather than continuations, and no invented date.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { buildReport } from '../../src/engine/report.ts';
import { toIso } from '../../src/engine/model/time.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { Level } from '../../src/engine/model/levels.ts';

/** A file saved at `mtime` (year-less dates default to its year). */
const saved = (name: string, text: string, mtime: number) => ({ ...bytesSource(name, text), lastModified: mtime });

const JOURNAL = [
  '    Oct 04 08:06:41 vps systemd[1]: Started Hysteria Server Service (config.yaml).',
  '    Oct 04 08:07:36 vps hysteria[3504]: 2023-10-04T08:07:36+08:00        ERROR        TCP error        {"error": "resolve error: lookup example.com on 192.0.2.53:53: i/o timeout"}',
  '      at an indented line with no time of its own',
  '    Oct 04 08:07:57 vps systemd[1]: hysteria-server.service: Main process exited, code=exited, status=1/FAILURE',
].join('\n') + '\n';

describe('journald pasted with an indent, around dated times', () => {
  it('reads the indented lines as records and the untimed indented one as a continuation', async () => {
    const r = await ingestSources([saved('pasted.log', JOURNAL, Date.UTC(2026, 5, 1))]);
    const f = r.files[0];
    expect([f.format, f.events, f.continuations, f.untimed]).toEqual(['syslog', 3, 1, 0]);
  });

  it("takes the inner time over the year-less prefix, and the file's year from it for the other lines", async () => {
    // Saved in 2026 (the guess for year-less dates): the lines' own 2023 wins.
    const r = await ingestSources([saved('pasted.log', JOURNAL, Date.UTC(2026, 5, 1))]);
    const t = r.table;
    const times = Array.from({ length: t.length }, (_, i) => toIso(t.tMs[i], t.subNs[i]));
    expect(times).toEqual(['2023-10-04T00:06:41.000Z', '2023-10-04T00:07:36.000Z', '2023-10-04T00:07:57.000Z']);
    expect(r.files[0].notices).toContain('timestamps without a year were read as 2023');
  });

  it("reads the prefix-only lines at the offset the inner times show, not as UTC hours away", async () => {
    // journald prints the host's local clock without a zone; hysteria's own +08:00 time says which zone that is.
    const r = await ingestSources([saved('pasted.log', JOURNAL, Date.UTC(2026, 5, 1))]);
    expect(r.files[0].zoneLearnedMin).toBe(480);
    expect(r.files[0].notices).toContain("timestamps without a time zone were read at +08:00, the offset the file's zoned times show");
    // The user's zone for the file wins over the learned one.
    const set = await ingestSources([saved('pasted.log', JOURNAL, Date.UTC(2026, 5, 1))], { zoneOffsetMin: { 0: 0 } });
    expect(toIso(set.table.tMs[set.table.length - 1], 0)).toBe('2023-10-04T08:07:57.000Z');
  });

  it('learns the offset from a logfmt or JSON record inside the prefix too (Grafana under journald)', async () => {
    const grafana = [
      'Feb 06 18:03:14 phoebe grafana[2886243]: logger=http.server t=2024-02-06T18:03:14.308303875+01:00 level=info msg="HTTP Server Listen" address=[::1]:3000',
      'Feb 06 18:03:14 phoebe grafana[2886243]: {"level":"info","ts":"2024-02-06T18:03:14.400+01:00","msg":"Starting MultiOrg Alertmanager"}',
      'Feb 06 18:03:15 phoebe systemd[1]: grafana-server.service: Main process exited, code=exited, status=255/EXCEPTION',
    ].join('\n');
    const r = await ingestSources([saved('grafana.log', grafana, Date.UTC(2024, 1, 7))]);
    expect(r.files[0].zoneLearnedMin).toBe(60);
    // The systemd line has only the prefix's local clock: read at +01:00, it follows the records it came after.
    expect(toIso(r.table.tMs[r.table.length - 1], 0)).toBe('2024-02-06T17:03:15.000Z');
  });

  it('learns nothing when the zoned times disagree, and leaves the zone-less lines flagged as UTC', async () => {
    const mixed = [
      'Oct 04 08:07:30 vps app[7]: 2023-10-04T08:07:30+08:00 INFO a',
      'Oct 04 08:07:31 vps app[7]: 2023-10-04T08:07:31+02:00 INFO b',
      'Oct 04 08:07:32 vps systemd[1]: Stopped app.',
    ].join('\n');
    const r = await ingestSources([saved('mixed.log', mixed, Date.UTC(2026, 5, 1))]);
    expect(r.files[0].zoneLearnedMin).toBeUndefined();
    expect(toIso(r.table.tMs[r.table.length - 1], 0)).toBe('2023-10-04T08:07:32.000Z');
  });

  it('keeps the mtime year for a file whose dates are all year-less', async () => {
    const r = await ingestSources([saved('plain.log', 'Oct 04 08:06:41 vps systemd[1]: Started x.\n', Date.UTC(2022, 11, 1))]);
    expect(toIso(r.table.tMs[0], 0)).toBe('2022-10-04T08:06:41.000Z');
  });
});

describe('findings on a log with no time at all', () => {
  it('say "untimed" for their window, in the report the CLI prints', async () => {
    const line = 'ERROR HikariPool-1 - Connection is not available, request timed out after 30000ms';
    const session = new EngineSession();
    const summary = await session.load([bytesSource('untimed.log', `${line}\nWARN retrying\n${line}\n`)]);
    const report = buildReport(session.loaded!, summary.analysis);
    const pool = report.findings.find((f) => f.family === 'pool-exhaustion');
    expect(pool).toMatchObject({ start: 'untimed', end: 'untimed', untimed: true });
    expect(JSON.stringify(report.findings)).not.toContain('2300');
  });

  it('keep their times when the lines are timed', async () => {
    const line = '2024-05-01T10:00:00Z ERROR HikariPool-1 - Connection is not available, request timed out after 30000ms';
    const session = new EngineSession();
    const summary = await session.load([bytesSource('timed.log', `${line}\n`)]);
    const report = buildReport(session.loaded!, summary.analysis);
    expect(report.findings.find((f) => f.family === 'pool-exhaustion')).toMatchObject({ start: '2024-05-01T10:00:00.000Z' });
    expect(report.findings.some((f) => f.untimed)).toBe(false);
  });
});

describe('lines each wrapped in Markdown inline-code backticks', () => {
  const TICKED = [
    '`2024-06-12 13:02:23.005 +03 [2865569] LOG C-0x5605: app/app@10.0.0.7:64507 closing because: server conn crashed? (age=151s)`',
    '`2024-06-12 13:02:23.005 +03 [2865569] WARNING C-0x5605: app/app@10.0.0.7:64507 pooler error: server conn crashed?`',
    '`not a record, a note the poster typed in backticks`',
  ].join('\n') + '\n';

  it('reads each as the record inside the backticks, at its own time and level, without the closing backtick', async () => {
    const r = await ingestSources([saved('pasted.log', TICKED, Date.UTC(2026, 5, 1))]);
    const t = r.table;
    expect([r.files[0].events, r.files[0].untimed]).toEqual([3, 1]);
    expect(toIso(t.tMs[1], t.subNs[1])).toBe('2024-06-12T10:02:23.005Z');
    expect(r.messages[1]).toMatch(/pooler error: server conn crashed\?$/);
  });
});

describe("journalctl's header above year-less lines", () => {
  const JOURNAL_WITH_HEADER = [
    '-- Logs begin at Tue 2020-06-09 14:48:54 UTC, end at Tue 2020-06-09 14:53:20 UTC. --',
    'Jun 09 14:52:35 host systemd[1]: app.service: Main process exited, code=exited, status=1/FAILURE',
    'Jun 09 14:52:38 host systemd[1]: app.service: Service hold-off time over, scheduling restart.',
  ].join('\n') + '\n';

  it('gives them the year it states, not the year the file was saved in', async () => {
    const r = await ingestSources([saved('journal.txt', JOURNAL_WITH_HEADER, Date.UTC(2026, 5, 1))]);
    const t = r.table;
    expect(toIso(t.tMs[1], t.subNs[1])).toBe('2020-06-09T14:52:35.000Z');
    expect(toIso(t.tMs[0], t.subNs[0])).toBe('2020-06-09T14:48:54.000Z');
  });
});

describe('records whose time is on a labelled line of its own', () => {
  const LABELLED = [
    'API: SYSTEM()',
    'Time: 18:27:32 PDT 04/30/2018',
    'Error: disk not found',
    '       endpoint=store3:9000',
    '       1: cmd/prepare-storage.go:39:cmd.glob..func4.1()',
    '',
  ].join('\n') + '\n';

  it('reads the time line with its zone as the record, its text from the line below', async () => {
    const r = await ingestSources([saved('server.log', LABELLED, Date.UTC(2026, 5, 1))]);
    const t = r.table;
    const row = Array.from({ length: t.length }, (_, i) => i).find((i) => Number.isFinite(t.tMs[i]) && (t.flags[i] & 4) === 0);
    expect(row).toBeDefined();
    expect(toIso(t.tMs[row!], t.subNs[row!])).toBe('2018-05-01T01:27:32.000Z');
    expect(r.messages[row!]).toBe('Error: disk not found');
  });
});

describe("syslog lines that carry the facility.priority before the program", () => {
  const ROUTER = [
    'Oct 10 21:51:23 gw daemon.info unbound: [6360:0] info: server stats for thread 0: requestlist max 6 avg 1.375 exceeded 0 jostled 0',
    'Oct 10 21:51:24 gw daemon.err odhcpd[1642]: Failed to send to ff02::1%lan@br-lan (Address not available)',
    'Thu Oct 10 21:51:25 2024 kern.warning kernel: [ 1234.567890] br-lan: received packet with own address as source address',
  ].join('\n') + '\n';

  it('take their level from the priority and their lane from the program, not the host', async () => {
    const r = await ingestSources([saved('router.log', ROUTER, Date.UTC(2026, 5, 1))]);
    const t = r.table;
    expect([r.files[0].events, r.files[0].untimed]).toEqual([3, 0]);
    expect(Array.from(t.level)).toEqual([Level.info, Level.error, Level.warn]);
    expect(Array.from(t.logger, (l) => t.loggers[l])).toEqual(['unbound', 'odhcpd', 'kernel']);
    expect(r.messages[1]).toBe('Failed to send to ff02::1%lan@br-lan (Address not available)');
  });

  it("warn of a client PAM gave up on, though sshd logs each wrong password at auth.info", async () => {
    const SSHD = [
      'May  4 09:12:01 edge authpriv.alert sshd[811]: PAM service(sshd) ignoring max retries; 5 > 3',
      'May  4 09:12:02 edge auth.info sshd[822]: Failed password for admin from 10.20.0.7 port 40112 ssh2',
      'May  4 09:12:04 edge auth.info sshd[822]: Failed password for admin from 10.20.0.7 port 40112 ssh2',
      'May  4 09:12:05 edge authpriv.notice sshd[830]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.20.0.7  user=admin',
    ].join('\n') + '\n';
    const session = new EngineSession();
    const summary = await session.load([saved('auth.log', SSHD, Date.UTC(2026, 5, 1))]);
    const alarms = summary.analysis.findings.filter((f) => f.severity !== 'info');
    expect(alarms.map((f) => f.family)).toContain('auth-failure');
    // Without PAM giving up, the same wrong passwords at auth.info are routine.
    const routine = new EngineSession();
    const quiet = await routine.load([saved('auth.log', SSHD.split('\n').slice(1).join('\n'), Date.UTC(2026, 5, 1))]);
    expect(quiet.analysis.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('leave a routine statistics line that counts none of its failures quiet', async () => {
    const session = new EngineSession();
    const summary = await session.load([saved('router.log', ROUTER.split('\n')[0] + '\n', Date.UTC(2026, 5, 1))]);
    expect(summary.analysis.findings).toEqual([]);
  });
});

describe('logfmt and JSON records pasted with an indent', () => {
  it('reads each indented record as its own timed event, not as continuations of the first', async () => {
    const pasted = [
      '  logger=sqlstore.session t=2023-12-27T06:34:35.406652627Z level=debug msg="reusing existing session" transaction=true',
      '  logger=sqlstore.transactions t=2023-12-27T06:34:35.439471764Z level=info msg="Database locked, sleeping then retrying" retry=5',
      '  {"level":"warn","ts":"2023-12-27T06:34:36.000Z","msg":"provisioning slow"}',
      '    at an indented line with no time of its own',
    ].join('\n') + '\n';
    const r = await ingestSources([saved('pasted.log', pasted, Date.UTC(2024, 0, 1))]);
    const f = r.files[0];
    expect([f.events, f.continuations, f.untimed]).toEqual([3, 1, 0]);
    expect(Array.from(r.table.level.slice(0, 3))).toEqual([Level.debug, Level.info, Level.warn]);
  });
});
