// Shrinking a link that is too long for chat, and the Markdown export.
import { describe, expect, it } from 'vitest';
import { Kind } from '../../src/engine/model/kinds.ts';
import { Level } from '../../src/engine/model/levels.ts';
import { encodePayload } from '../../src/share/codec.ts';
import { describeLinkSize, CHAT_LIMIT } from '../../src/share/limits.ts';
import MarkdownIt from 'markdown-it';
import { codeBlock, codeSpan, incidentMarkdown, inlineText } from '../../src/share/markdown.ts';
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

  it('offers narrowing to the selected finding first when the finding is a small part of the window', async () => {
    const { payload } = await incidentPayload();
    const f = payload.findings[0];
    // Open the window well beyond the finding: an hour before it, where nothing was logged.
    const wide = { ...payload, window: { start: f.start - 3_600_000, end: f.end + 3_600_000 }, view: { ...payload.view, selectedFinding: 0 } };
    const options = await reductionOptions(wide);
    expect(options[0]?.id).toBe('narrow');
    expect(options.slice(1).map((o) => o.chars)).toEqual([...options.slice(1).map((o) => o.chars)].sort((a, b) => b - a));
  });

  it('describes a link size against chat limits', () => {
    expect(describeLinkSize(1500).tier?.label).toBe('fits any chat message');
    expect(describeLinkSize(CHAT_LIMIT).fitsChat).toBe(true);
    expect(describeLinkSize(CHAT_LIMIT + 1)).toMatchObject({ fitsChat: false, tooLong: false });
    expect(describeLinkSize(3_000_000).tooLong).toBe(true);
  });
});

/** Rendered as GitHub would: raw HTML allowed through, bare URLs linked. */
const md = new MarkdownIt({ html: true, linkify: true });
/** The text a reader sees (tags stripped, entities decoded). */
function seen(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('Markdown export', () => {
  it('has one heading per finding under Findings, the evidence in a code block, a timeline list and no secrets', async () => {
    const { payload } = await incidentPayload();
    const text = incidentMarkdown(redactPayload(payload).payload);
    expect(text).toMatch(/^## Incident: Reload stalled behind 12 certificate renewals/);
    expect(text).toContain('When: 2024-05-01 10:00:02.000 UTC → 2024-05-01 10:01:49.000 UTC (1 min 47 s)');
    expect(text).toMatch(/```text\n2024-05-01 10:00:02\.000 UTC {2}proxy\.log:3 {2}INFO {3}Received signal, updating routes\.\.\./);
    expect(text).toContain('timeout-burst: 20 upstream failures (20)');
    expect(text).not.toContain('10.0.0.12');
    expect(text).not.toContain('hunter2');
    expect(text).toMatch(/Redacted: \d+ values/);
    const html = md.render(text);
    const headings = [...html.matchAll(/<(h[23])>(.*?)<\/\1>/g)].map((m) => `${m[1]} ${seen(m[2])}`);
    expect(headings[0]).toBe('h2 Incident: Reload stalled behind 12 certificate renewals');
    const findings = headings.indexOf('h3 Findings');
    expect(findings).toBe(1);
    expect(headings.slice(2, 2 + payload.findings.length).every((h) => /^h3 (CRITICAL|WARNING|INFO): /.test(h))).toBe(true);
    expect(headings).toContain('h3 Timeline');
    // The finding's two paragraphs stay two paragraphs.
    expect(html).toMatch(/<p>A SIGHUP started 12 sequential renewals[^<]*<\/p>\n<p>A second reload waited/);
    expect(html).toContain('<pre><code class="language-text">');
    expect(html).not.toContain('<table>');
    // Nothing a reader sees carries a Markdown escape (Slack shows them literally).
    expect(seen(html.replace(/<pre>[\s\S]*?<\/pre>/g, ''))).not.toMatch(/\\[()<>[\]~*_#|]/);
  });

  it('links back to the incident when the link was made and fits a chat message, and only then', async () => {
    const { payload } = await incidentPayload();
    const link = 'https://timberline.example/app/#z=AbC-_123';
    const html = md.render(incidentMarkdown(payload, link));
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual([link]);
    expect(md.render(incidentMarkdown(payload, `https://timberline.example/#${'x'.repeat(CHAT_LIMIT)}`))).not.toContain('<a ');
    expect(md.render(incidentMarkdown(payload, 'javascript:alert(1)'))).not.toContain('<a ');
  });

  it('gives each detail line its own paragraph and keeps ranked hypotheses a numbered list', async () => {
    const { payload } = await incidentPayload();
    const detail = 'First reload at 10:00:02, "Renewing <*> certificate" ~13 s apart.\nWhat could explain it:\n1. [likely] A lock held across renewals. Check: a goroutine dump.\n2. [open (the logs cannot tell)] A slow upstream. Check: its latency.\nCheck next: the reload handler.';
    const html = md.render(incidentMarkdown({ ...payload, findings: [{ ...payload.findings[0], detail }] }));
    expect(html).toContain('<ol>\n<li>likely: A lock held across renewals. Check: a goroutine dump.</li>\n<li>open (the logs cannot tell): A slow upstream. Check: its latency.</li>\n</ol>');
    expect(html).toContain('<p>First reload at 10:00:02, &quot;Renewing <code>&lt;*&gt;</code> certificate&quot; <code>~13</code> s apart.</p>');
    expect(html).toContain('<p>Check next: the reload handler.</p>');
  });

  it('keeps hostile log text inert: no HTML, links, mentions or emphasis come alive', async () => {
    const words = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) *b* _i_ ~s~ @channel <!here> https://evil.example/x www.evil.example #123 a|b &amp; ``tick`';
    const line = inlineText(words);
    const html = md.render(line);
    expect(html).not.toMatch(/<(img|a|em|strong|s|del|script)\b/);
    expect(seen(html).trim()).toBe(words);
    const block = codeBlock(['a ``` b', 'c ```` d']);
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    const { payload } = await incidentPayload();
    const evil = { ...payload, files: [{ ...payload.files[0], name: '<b>@here</b>.log' }], findings: [{ ...payload.findings[0], title: '</script><script>alert(1)</script>', detail: '# heading\n\n[click](javascript:alert(1))\n- item\n> quote' }] };
    const out = md.render(incidentMarkdown(evil));
    expect(out).not.toMatch(/<(script|a|b|h1|blockquote)\b/);
    expect(out).not.toContain('<li>item');
    expect(seen(out)).toContain('</script><script>alert(1)</script>');
    expect(seen(out)).toContain('[click](javascript:alert(1))');
  });
});
