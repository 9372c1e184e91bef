// The first-failure finding names the most telling failure, not merely the
// earliest: a refused connection early on and a worker timeout that killed a
// worker later are told as context and cause, the window still starting at
// the first related failure, and the finding says why it chose that line.
// Two failures of the same weight keep the earliest; a mild failure that
// healed beside routine worker recycling stays quiet.
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from './dialects.ts';

const gunicorn = (lines: [string, string, string][]) => lines.map(([t, lv, msg]) => `[2024-03-01 ${t} +0000] [7] [${lv}] ${msg}`).join('\n') + '\n';

async function findings(text: string) {
  const r = await analyzeLogs([{ name: 'gunicorn.log', text }]);
  return r.report.findings.filter((f) => f.rule === 'first-failure');
}

const iso = (s: string) => new Date(s).toISOString();

describe('the first-failure finding weighs the failures it sees', () => {
  it('names a worker timeout that killed a worker over the refused connection before it, from the refused line on', async () => {
    const [f, ...rest] = await findings(gunicorn([
      ['10:00:01', 'ERROR', 'Error handling request /health: connect: connection refused'],
      ['10:00:30', 'INFO', 'Booting worker with pid: 31'],
      ['10:02:40', 'CRITICAL', 'WORKER TIMEOUT (pid:31)'],
      ['10:02:40', 'INFO', 'Worker exiting (pid: 31)'],
      ['10:02:42', 'INFO', 'Booting worker with pid: 33'],
    ]));
    expect(rest).toEqual([]);
    expect(f.severity).toBe('warning');
    expect(f.family).toBe('worker-timeout');
    expect(f.title).toMatch(/^Most telling failure: Worker processes timed out/);
    expect(iso(f.start)).toBe('2024-03-01T10:00:01.000Z');
    expect(iso(f.end)).toBe('2024-03-01T10:02:40.000Z');
    expect(f.detail).toMatch(/The first failure is at 2024-03-01 10:00:01 UTC .*connection refused/);
    expect(f.detail).toMatch(/named as the likely cause, rather than the first failure, because its signature is a serious failure .*logged at FATAL.*a restart or crash followed at 10:02:42/);
    expect(f.detail).toMatch(/The first failure weighs less: its signature is a mild failure \(connections were refused\)/);
  });

  it('moves to a graver failure half an hour later and keeps the earlier one as context', async () => {
    const [f] = await findings(gunicorn([
      ['10:00:01', 'ERROR', 'Error handling request /health: connect: connection refused'],
      ['10:00:30', 'INFO', 'Booting worker with pid: 31'],
      ['10:31:10', 'CRITICAL', 'WORKER TIMEOUT (pid:31)'],
      ['10:31:12', 'CRITICAL', 'WORKER TIMEOUT (pid:32)'],
      ['10:31:13', 'INFO', 'Booting worker with pid: 33'],
    ]));
    expect(f.family).toBe('worker-timeout');
    expect(f.severity).toBe('warning');
    expect(iso(f.start)).toBe('2024-03-01T10:31:10.000Z');
    expect(f.detail).toMatch(/An earlier failure, at 10:00:01, weighs less and is context, not the cause: .*connection refused/);
  });

  it('keeps the earliest of two failures that weigh the same', async () => {
    const [f] = await findings(gunicorn([
      ['10:00:01', 'ERROR', 'Error handling request /api: connect: connection refused'],
      ['10:00:20', 'ERROR', 'Error handling request /api: upstream timed out (110: Connection timed out) while reading response header'],
      ['10:00:21', 'ERROR', 'Error handling request /api: connect: connection refused'],
    ]));
    expect(f.title).toMatch(/^First failure: Connections were refused/);
    expect(f.family).toBe('connection-refused');
    expect(f.detail).toMatch(/It is named because its signature is a mild failure/);
  });

  it('does not move to a mild failure half an hour later: a later run needs a graver failure', async () => {
    const [f] = await findings(gunicorn([
      ['10:00:01', 'ERROR', 'Error handling request /api: connect: connection refused'],
      ['10:00:02', 'ERROR', 'Error handling request /api: connect: connection refused'],
      ['10:31:10', 'CRITICAL', 'Error handling request /api: read: connection reset by peer'],
    ]));
    expect(f.family).toBe('connection-refused');
    expect(iso(f.start)).toBe('2024-03-01T10:00:01.000Z');
  });

  it('stays quiet on a refused connection that healed beside routine worker recycling', async () => {
    const all = await analyzeLogs([{ name: 'gunicorn.log', text: gunicorn([
      ['10:00:01', 'ERROR', 'Error handling request /health: connect: connection refused'],
      ['10:00:05', 'INFO', 'Connected to database at db:5432'],
      ['10:02:40', 'INFO', 'Autorestarting worker after current request.'],
      ['10:02:40', 'INFO', 'Worker exiting (pid: 31)'],
      ['10:02:42', 'INFO', 'Booting worker with pid: 33'],
    ]) }]);
    expect(all.report.findings.filter((f) => f.severity !== 'info').map((f) => f.title)).toEqual([]);
  });
  it('does not list as another file\'s later errors the failures already in the run, from either file', async () => {
    const r = await analyzeLogs([
      { name: 'gunicorn.log', text: gunicorn([
        ['10:00:01', 'ERROR', 'Ledger sync rejected batch 17'],
        ['10:00:40', 'ERROR', 'Ledger sync rejected batch 18'],
      ]) },
      { name: 'worker.log', text: gunicorn([
        ['09:59:00', 'INFO', 'Booting worker with pid: 31'],
        ['10:00:20', 'ERROR', 'Ledger worker rejected batch 17'],
        ['10:00:50', 'INFO', 'Booting worker with pid: 32'],
      ]) },
    ]);
    const [f] = r.of('first-failure');
    expect(f.title).toMatch(/^First failure: An error: "Ledger sync rejected batch 17"/);
    expect(f.detail).toMatch(/2 more failure lines followed/);
    expect(f.detail).not.toMatch(/logged .*error.* after it/);
  });
});
