// Shrinking a link that is too long for chat, and the Markdown export.
import { describe, expect, it } from 'vitest';
import { Kind } from '../../src/engine/model/kinds.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { encodePayload } from '../../src/share/codec.ts';
import { describeLinkSize, CHAT_LIMIT } from '../../src/share/limits.ts';
import { codeBlock, escapeMarkdown, incidentMarkdown } from '../../src/share/markdown.ts';
import { redactPayload } from '../../src/share/redact-payload.ts';
import { dropDebug, firstLinesOnly, messagesOnly, narrowWindow, reductionOptions } from '../../src/share/reduce.ts';
import { incidentPayload, T0 } from './helpers.ts';

describe('making a link smaller', () => {
  it('drops debug lines but never evidence, and says so', async () => {
    const { payload } = await incidentPayload();
    const debug = payload.events.level.filter((l) => l === Level.debug).length;
    expect(debug).toBe(13);
    const out = dropDebug(payload);
    expect(out.events.level.filter((l) => l === Level.debug)).toHaveLength(0);
    expect(out.events.t.length).toBe(payload.events.t.length - 13);
    expect(out.findings[0].evidence.map((i) => out.events.msg[i])).toEqual(payload.findings[0].evidence.map((i) => payload.events.msg[i]));
    expect(out.reductions).toEqual(['13 debug/trace lines left out']);
    expect((await encodePayload(out)).length).toBeLessThan((await encodePayload(payload)).length);
  });

  it('narrows the window, keeping the marks and findings inside it', async () => {
    const { payload } = await incidentPayload();
    const w = { start: T0 + 90_000, end: T0 + 100_000 };
    const out = narrowWindow(payload, w);
    expect(out.window).toEqual(w);
    expect(out.marks.map((m) => m.kind)).toEqual(['timeout-burst']);
    expect(out.findings.map((f) => f.rule)).toEqual(['stall-after-reload', 'crash']);
    const inside = out.events.t.filter((t) => out.t0 + t >= w.start && out.t0 + t <= w.end).length;
    const evidence = new Set(out.findings.flatMap((f) => f.evidence));
    expect(out.events.t.length).toBe(new Set([...Array(out.events.t.length).keys()].filter((i) => evidence.has(i) || (out.t0 + out.events.t[i] >= w.start && out.t0 + out.events.t[i] <= w.end))).size);
    expect(inside).toBeGreaterThan(10);
    expect(out.view.window.start).toBeGreaterThanOrEqual(w.start);
  });

  it('keeps first lines or messages only, but never cuts a crash trace', async () => {
    const { payload } = await incidentPayload();
    const panic = payload.events.msg.indexOf('panic: runtime error: invalid memory address');
    expect(firstLinesOnly(payload).events.raw[panic]).toBe(payload.events.raw[panic]);
    const slim = messagesOnly(payload);
    expect(payload.events.kind[panic]).toBe(Kind.crash);
    expect(slim.events.raw.filter((r) => r !== null)).toEqual([payload.events.raw[panic]]);
    expect(slim.reductions[0]).toMatch(/raw lines left out/);
  });

  it('offers each reduction with the link length it would give', async () => {
    const { payload } = await incidentPayload();
    const full = (await encodePayload(payload)).length;
    const options = await reductionOptions(payload);
    // The only multi-line event is a crash trace, which is never cut: "first lines" would change nothing;
    // the finding spans almost the whole window, so narrowing to it saves too little to offer.
    expect(options.map((o) => o.id).sort()).toEqual(['drop-debug', 'messages-only']);
    for (const o of options) expect(o.chars).toBeLessThan(full);
    expect(options.map((o) => o.chars)).toEqual([...options.map((o) => o.chars)].sort((a, b) => b - a));
  });

  it('describes a link size against chat limits', () => {
    expect(describeLinkSize(1500).tier?.label).toBe('fits any chat message');
    expect(describeLinkSize(CHAT_LIMIT).fitsChat).toBe(true);
    expect(describeLinkSize(CHAT_LIMIT + 1)).toMatchObject({ fitsChat: false, tooLong: false });
    expect(describeLinkSize(3_000_000).tooLong).toBe(true);
  });
});

describe('Markdown export', () => {
  it('has the findings, their evidence lines, a timeline and no secrets', async () => {
    const { payload } = await incidentPayload();
    const md = incidentMarkdown(redactPayload(payload).payload);
    expect(md).toMatch(/^## Incident: Reload stalled behind 12 certificate renewals/);
    expect(md).toContain('### CRITICAL: Reload stalled behind 12 certificate renewals');
    expect(md).toContain('**When:** 2024-05-01 10:00:02.000 UTC → 2024-05-01 10:01:49.000 UTC (1 min 47 s)');
    expect(md).toMatch(/```text\n2024-05-01 10:00:02\.000 UTC {2}proxy\.log:3 {2}INFO {3}Received signal, updating routes\.\.\./);
    expect(md).toContain('| Time (UTC) | Duration | Source | What |');
    expect(md).toContain('timeout-burst: 20 upstream failures (20)');
    expect(md).not.toContain('10.0.0.12');
    expect(md).not.toContain('hunter2');
    expect(md).toMatch(/\*\*Redacted:\*\* \d+ values/);
  });

  it('gives each detail line its own paragraph and keeps ranked hypotheses a numbered list', async () => {
    const { payload } = await incidentPayload();
    const detail = 'First reload at 10:00:02.\nWhat could explain it:\n1. [likely] A lock held across renewals. Check: a goroutine dump.\n2. [open (the logs cannot tell)] A slow upstream. Check: its latency.\nCheck next: the reload handler.';
    const md = incidentMarkdown({ ...payload, findings: [{ ...payload.findings[0], detail }] });
    expect(md).toContain('First reload at 10:00:02.\n\nWhat could explain it:\n\n1. \\[likely\\] A lock held across renewals. Check: a goroutine dump.\n2. \\[open \\(the logs cannot tell\\)\\] A slow upstream. Check: its latency.\n\nCheck next: the reload handler.\n');
  });

  it('keeps hostile log text inert', async () => {
    expect(escapeMarkdown('<img src=x onerror=alert(1)> [x](javascript:alert(1)) *b* | c')).toBe('\\<img src=x onerror=alert\\(1\\)\\> \\[x\\]\\(javascript:alert\\(1\\)\\) \\*b\\* \\| c');
    const block = codeBlock(['a ``` b', 'c ```` d']);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
    const { payload } = await incidentPayload();
    const evil = { ...payload, findings: [{ ...payload.findings[0], title: '</script><script>alert(1)</script>', detail: '# heading\n\n[click](javascript:alert(1))' }] };
    const md = incidentMarkdown(evil);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(md).toContain('\\# heading');
  });
});
