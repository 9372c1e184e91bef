// Share -> open on another machine: the restored incident shows the same
// findings on the same lines, the same marks and view, and its raw lines read
// back through the same byte-range path the app uses for dropped files.
import { describe, expect, it } from 'vitest';
import { Level } from '../../src/engine/model/levels.ts';
import { buildSharePayload } from '../../src/share/build.ts';
import { decodePayload, encodePayload } from '../../src/share/codec.ts';
import { defaultView } from '../../src/share/payload.ts';
import { openShareLink, restoreFromShare } from '../../src/share/restore.ts';
import { shareFragment, shareUrl } from '../../src/share/link.ts';
import { incidentPayload, loadIncident, T0 } from './helpers.ts';

describe('build a share payload', () => {
  it('carries the window events, the findings with their evidence and the view', async () => {
    const { loaded, payload } = await incidentPayload();
    const r = loaded.session.loaded!;
    expect(payload.events.t.length).toBe(r.table.length); // the window covers everything
    expect(payload.files.map((f) => f.name)).toEqual(['proxy.log', 'app.log']);
    const f = payload.findings[0];
    expect(f.evidence.map((i) => payload.events.msg[i]).slice(0, 3)).toEqual(['Received signal, updating routes...', 'Renewing certificate', 'Renewing certificate']);
    expect(f.evidenceTotal).toBe(f.evidence.length);
    expect(payload.view).toMatchObject({ selectedFinding: 0, lanes: 'logger', filters: { text: 'upstream', levels: ['error'] } });
    // Raw text travels when it differs from the message (JSON lines), with continuation lines.
    const panic = payload.events.msg.indexOf('panic: runtime error: invalid memory address');
    expect(payload.events.raw[panic]).toContain('\t/app/main.go:42 +0x65');
    expect(payload.events.lines[panic]).toBe(4);
  });

  it('cuts to a window but keeps the evidence of findings that overlap it', async () => {
    const loaded = await loadIncident();
    const window = { start: T0 + 89_000, end: T0 + 99_500 };
    const payload = await buildSharePayload(loaded.source, { window, view: { ...defaultView(window), selectedFinding: 1 } });
    const times = payload.events.t.map((t) => payload.t0 + t);
    const outside = times.filter((t) => t < window.start || t > window.end).length;
    expect(outside).toBeGreaterThan(0); // evidence from before the window (signals, renewals)
    expect(payload.findings.map((f) => f.rule)).toEqual(['stall-after-reload', 'crash']);
    expect(payload.view.selectedFinding).toBe(1);
    expect(payload.marks.map((m) => m.kind)).toEqual(['timeout-burst']);
    expect(payload.events.msg).not.toContain('routes updated'); // plain event after the window
  });

  it('keeps the most telling events first when the window holds more than the cap', async () => {
    const loaded = await loadIncident();
    const window = { start: T0, end: T0 + 130_000 };
    const payload = await buildSharePayload(loaded.source, { window, view: defaultView(window), maxEvents: 40 });
    expect(payload.events.t.length).toBe(40);
    expect(payload.reductions[0]).toMatch(/plain events left out/);
    const errors = payload.events.level.filter((l) => l >= Level.error).length;
    expect(errors).toBe(22); // 20 upstream failures + 2 app errors all kept
  });
});

describe('open a share link with no files', () => {
  it('restores the same findings, evidence lines, marks and view', async () => {
    const { loaded, payload } = await incidentPayload();
    const url = shareUrl({ origin: 'https://tools.example', pathname: '/team/timberline/' }, await encodePayload(payload));
    expect(url.startsWith('https://tools.example/team/timberline/#s=H4sI')).toBe(true);
    const restored = await openShareLink(url);
    const src = loaded.session.loaded!;
    const original = loaded.source.findings[0];
    const got = restored.analysis.findings[0];
    expect(got.title).toBe(original.title);
    expect(got.evidence.map((r) => restored.result.messages[r])).toEqual(original.evidence.map((r) => src.messages[r]));
    expect(got.evidence.map((r) => restored.result.table.line[r])).toEqual(original.evidence.map((r) => src.table.line[r]));
    expect(got.evidence.map((r) => restored.result.table.tMs[r])).toEqual(original.evidence.map((r) => src.table.tMs[r]));
    expect(restored.analysis.marks.map((m) => [m.kind, m.label, m.events.length])).toEqual(loaded.source.marks.map((m) => [m.kind, m.label, m.events.length]));
    expect(restored.view).toEqual(payload.view);
    expect(restored.result.table.loggers).toContain('tls');
    expect(restored.result.files[0].notices.at(-1)).toMatch(/from a share link: \d+ of its \d+ events are included/);
    expect(restored.result.files.map((f) => [f.name, f.bytes, f.lines, f.format])).toEqual(src.files.map((f) => [f.name, f.bytes, f.lines, f.format]));
  });

  it('reads raw lines back by byte range, like a dropped file', async () => {
    const { payload } = await incidentPayload();
    const restored = restoreFromShare(await decodePayload(await encodePayload(payload)));
    const t = restored.result.table;
    // What the engine session does for detail(row): read [byteOffset, +byteLength) from the file's reader.
    const read: string[] = [];
    for (let row = 0; row < t.length; row++) {
      const bytes = await restored.sources[t.file[row]].read(t.byteOffset[row], t.byteOffset[row] + t.byteLength[row]);
      read.push(new TextDecoder().decode(bytes));
    }
    const sent = payload.events.msg.map((m, i) => payload.events.raw[i] ?? m);
    expect(read.sort()).toEqual(sent.sort());
    const panicRow = restored.result.messages.indexOf('panic: runtime error: invalid memory address');
    const raw = new TextDecoder().decode(await restored.sources[t.file[panicRow]].read(t.byteOffset[panicRow], t.byteOffset[panicRow] + t.byteLength[panicRow]));
    expect(raw.split('\n')).toHaveLength(4);
  });

  it('finds the payload in a URL, a hash or bare, and nothing in other fragments', () => {
    expect(shareFragment('https://x.example/app/#s=H4sIabc')).toBe('H4sIabc');
    expect(shareFragment('#view=1&s=H4sIabc')).toBe('H4sIabc');
    expect(shareFragment('H4sIabc')).toBe('H4sIabc');
    expect(shareFragment('https://x.example/app/#section-2')).toBeNull();
    expect(shareFragment('https://x.example/app/?s=H4sIabc')).toBeNull();
  });

  it('says so when an address carries no incident', async () => {
    await expect(openShareLink('https://x.example/app/')).rejects.toMatchObject({ code: 'empty' });
  });
});
