// analyze() on the edges a user can produce: nothing loaded, one line, a file
// whose lines all share one second, and a rule that throws (reported, never fatal).
import { describe, expect, it } from 'vitest';
import { analyze, makeContext, runRules } from '../../src/engine/analysis/analyze.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import type { Rule } from '../../src/engine/rules/types.ts';
import { analyzeLogs, render, sec, type Ev } from './dialects.ts';

describe('analyze', () => {
  it('handles empty input, a single line and a burst of lines in one second', async () => {
    expect((await analyzeLogs([])).report).toMatchObject({ marks: [], findings: [] });
    expect((await analyzeLogs([{ name: 'empty.log', text: '' }])).report.findings).toEqual([]);
    const one = await analyzeLogs([{ name: 'one.log', text: render('slog', [{ t: sec(1), level: 'error', msg: 'panic: boom' }]) }]);
    expect(one.report.marks.map((m) => m.kind)).toEqual(['crash']);
    const same: Ev[] = Array.from({ length: 500 }, () => ({ t: sec(5), level: 'error', msg: 'Failed to connect to upstream' }));
    const r = await analyzeLogs([{ name: 'same.log', text: render('text', same) }]);
    expect(r.report.marks.filter((m) => m.kind === 'gap')).toEqual([]);
  });

  it('reports a rule that throws as an info finding and keeps the others', async () => {
    const r = await analyzeLogs([{ name: 'x.log', text: render('slog', [{ t: sec(1), level: 'info', msg: 'hello' }]) }]);
    const boom: Rule = { id: 'boom', title: 'Throws', description: 'A rule that throws, for this test.', run: () => { throw new Error('kaput'); } };
    const fine: Rule = { id: 'fine', title: 'Fine', description: 'A rule that finds one thing, for this test.', run: () => [{ rule: 'fine', severity: 'warning', start: sec(1), end: sec(1), title: 't', detail: 'd', confidence: 1, evidence: [0] }] };
    const found = runRules(makeContext(r.result, r.analysis.marks), [boom, fine]);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['fine', 'warning'], ['boom', 'info']]);
    expect(found[1].detail).toMatch(/kaput/);
  });

  it('drops a generic finding that a more specific one explains, but keeps it when alone', async () => {
    const r = await analyzeLogs([{ name: 'x.log', text: render('slog', [{ t: sec(1), level: 'info', msg: 'hello' }]) }]);
    const f = (rule: string, start: number, severity: 'warning' | 'critical' = 'warning') => ({ rule, severity, start: sec(start), end: sec(start + 10), title: rule, detail: '', confidence: 1, evidence: [] });
    const generic: Rule = { id: 'generic', title: 'Generic', description: 'A catch-all rule, for this test.', specificity: 0, run: () => [f('generic', 100), f('generic', 500)] };
    const specific: Rule = { id: 'specific', title: 'Specific', description: 'A specific rule, for this test.', run: () => [f('specific', 95, 'critical')] };
    const found = runRules(makeContext(r.result, r.analysis.marks), [generic, specific]);
    expect(found.map((x) => [x.rule, x.start])).toEqual([['specific', sec(95)], ['generic', sec(500)]]);
  });

  it('uses the user vocabulary passed to ingest: a custom reload word becomes a signal mark', async () => {
    const text = render('slog', [{ t: sec(10), level: 'info', msg: 'topology swap begun' }, { t: sec(20), level: 'info', msg: 'hello' }]);
    const plain = analyze(await ingestSources([bytesSource('x.log', text)]));
    expect(plain.marks.filter((m) => m.kind === 'signal')).toEqual([]);
    const custom = analyze(await ingestSources([bytesSource('x.log', text)], { vocabulary: [{ kind: 'signal', pattern: 'topology swap', note: 'our reload', samples: ['topology swap begun'] }] }));
    expect(custom.marks.filter((m) => m.kind === 'signal').map((m) => m.label)).toEqual(['topology swap begun']);
  });
});
