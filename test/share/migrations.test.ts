// A link made by an older Timberline (format 0, the prototype's row-object
// shape documented in src/share/migrations.ts) still opens, as format 1.
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../src/share/codec.ts';
import { migrateToCurrent } from '../../src/share/migrations.ts';
import { restoreFromShare } from '../../src/share/restore.ts';
import { packText } from '../fixtures/hostile/payloads.ts';

const V0_LINK_JSON = {
  version: 0,
  range: ['2024-05-01T10:00:00.000Z', '2024-05-01T10:05:00.000Z'],
  files: ['caddy.log', 'app.log'],
  lines: [
    { ts: '2024-05-01T10:00:02.000Z', level: 'info', file: 0, line: 17, text: '{"level":"info","msg":"Received signal, updating routes..."}' },
    { ts: '2024-05-01T10:00:03.500Z', level: 'info', file: 0, line: 18, text: '{"level":"info","msg":"Renewing certificate"}' },
    { ts: '2024-05-01T10:01:00.000Z', level: 'error', file: 1, line: 240, text: 'fatal error: concurrent map writes\n\ngoroutine 12 [running]:' },
  ],
  findings: [
    { rule: 'stall-after-reload', severity: 'critical', from: '2024-05-01T10:00:02.000Z', to: '2024-05-01T10:01:00.000Z', title: 'Reload stalled', detail: 'renewals held the lock', lines: [0, 1] },
  ],
  zoom: ['2024-05-01T10:00:00.000Z', '2024-05-01T10:02:00.000Z'],
};

describe('link format migrations', () => {
  it('opens a format-0 link as the current format', async () => {
    const p = await decodePayload(await packText(JSON.stringify(V0_LINK_JSON)));
    expect(p.v).toBe(1);
    expect(p.files.map((f) => f.name)).toEqual(['caddy.log', 'app.log']);
    expect(p.events.line).toEqual([17, 18, 240]);
    expect(p.events.msg[2]).toBe('fatal error: concurrent map writes');
    expect(p.events.raw[2]).toContain('goroutine 12 [running]:');
    expect(p.view.window).toEqual({ start: Date.UTC(2024, 4, 1, 10, 0, 0), end: Date.UTC(2024, 4, 1, 10, 2, 0) });
    expect(p.reductions[0]).toMatch(/older Timberline \(format 0\)/);

    const restored = restoreFromShare(p);
    const f = restored.analysis.findings[0];
    expect(f.title).toBe('Reload stalled');
    expect(f.evidence.map((r) => restored.result.messages[r])).toEqual(['{"level":"info","msg":"Received signal, updating routes..."}', '{"level":"info","msg":"Renewing certificate"}']);
    expect(restored.result.table.tMs[f.evidence[1]]).toBe(Date.UTC(2024, 4, 1, 10, 0, 3, 500));
  });

  it('reports a malformed old link by field', () => {
    const bad = { ...V0_LINK_JSON, lines: [{ ...V0_LINK_JSON.lines[0], file: 7 }] };
    const r = migrateToCurrent(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/format 0\) is malformed: lines\[0\]\.file is out of range/);
  });

  it('refuses a payload with no version at all', () => {
    const r = migrateToCurrent({ events: [] });
    expect(r).toMatchObject({ ok: false, code: 'invalid' });
  });
});
