// Guards the accuracy score on real logs: the corpus is well formed, the split
// places every case exactly once with both kinds in both halves, the judging
// rule does what test/incidents/README.md says, and the engine's score on each half never
// judges fewer cases right than recorded in test/incidents/scores.json (nor do healthy
// logs gain warnings). Failure messages give figures only, never which
// checking-half case failed: that half is for measuring, not tuning.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/rules/types.ts';
import { loadCases, parseVerdict, readScores, readSplit, type Case } from './cases.ts';
import { judge } from './evaluate.ts';
import { scoreCorpus } from './score.ts';
import { extendSplit } from './split.ts';

const finding = (over: Partial<Finding>): Finding => ({
  rule: 'r', severity: 'warning', start: 1000, end: 2000, title: 't', detail: '', confidence: 1, evidence: [], ...over,
});

describe('accuracy corpus', () => {
  const cases = loadCases();

  it('holds at least 40 incident excerpts and 15 healthy logs, each with a verdict and a source', () => {
    expect(cases.filter((c) => c.verdict.kind === 'incident').length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.verdict.kind === 'healthy').length).toBeGreaterThanOrEqual(15);
  });

  it('places every case in exactly one half, with incidents and healthy logs in both', () => {
    const split = readSplit();
    expect(split).not.toBeNull();
    if (!split) return;
    const both = split.tuning.filter((id) => split.checking.includes(id));
    expect(both).toEqual([]);
    const placed = new Set([...split.tuning, ...split.checking]);
    expect(cases.filter((c) => !placed.has(c.id)).map((c) => c.id)).toEqual([]);
    expect([...placed].filter((id) => !cases.some((c) => c.id === id))).toEqual([]);
    for (const half of [split.tuning, split.checking]) {
      const kinds = new Set(half.map((id) => cases.find((c) => c.id === id)?.verdict.kind));
      expect(kinds).toEqual(new Set(['incident', 'healthy']));
    }
  });
});

describe('verdict format', () => {
  it('rejects a family outside FAMILIES and a window without a zone', () => {
    expect(() => parseVerdict({ kind: 'incident', family: 'bad-luck', why: 'x' }, 'c')).toThrow(/FAMILIES/);
    expect(() => parseVerdict({ kind: 'incident', family: 'oom', window: { start: '2024-01-01T00:00:00', end: '2024-01-01T00:01:00Z' }, why: 'x' }, 'c')).toThrow(/zone/);
    expect(() => parseVerdict({ kind: 'healthy', family: 'oom', why: 'x' }, 'c')).toThrow(/healthy/);
  });
});

describe('judging a case', () => {
  const incident = parseVerdict({ kind: 'incident', family: 'disk-full', alsoAccept: ['crash'], window: { start: '1970-01-01T00:00:01.500Z', end: '1970-01-01T00:00:03Z' }, why: 'x' }, 'c');

  it('is right only with a warning of an accepted family overlapping the window', () => {
    expect(judge(incident, [finding({ family: 'crash' })]).right).toBe(true);
    expect(judge(incident, [finding({ family: 'oom' })]).right).toBe(false);
    expect(judge(incident, [finding({ family: 'disk-full', severity: 'info' })]).right).toBe(false);
    expect(judge(incident, [finding({ family: 'disk-full', start: 5000, end: 6000 })]).right).toBe(false);
    expect(judge(incident, [])).toEqual({ right: false, reason: 'no warning or critical finding' });
  });

  it('calls a healthy log right only when nothing warns', () => {
    const healthy = parseVerdict({ kind: 'healthy', why: 'x' }, 'h');
    expect(judge(healthy, [finding({ severity: 'info' })]).right).toBe(true);
    expect(judge(healthy, [finding({ severity: 'critical' })]).right).toBe(false);
  });
});

describe('adding cases to the split', () => {
  const fake = (id: string, kind: 'incident' | 'healthy'): Case => ({ id, dir: '', logPath: '', verdict: kind === 'healthy' ? { kind, why: 'x' } : { kind, family: 'oom', why: 'x' } });

  it('never moves a placed case and keeps each kind even between the halves', () => {
    const cases = [fake('a', 'incident'), fake('b', 'incident'), fake('c', 'incident'), fake('d', 'incident'), fake('e', 'healthy'), fake('f', 'healthy')];
    const next = extendSplit(cases, { seed: 7, tuning: ['a'], checking: [] });
    expect(next.tuning).toContain('a');
    const incidentsIn = (ids: string[]) => ids.filter((id) => 'abcd'.includes(id)).length;
    expect(incidentsIn(next.tuning)).toBe(2);
    expect(incidentsIn(next.checking)).toBe(2);
    expect(next.tuning.filter((id) => 'ef'.includes(id)).length).toBe(1);
    expect(extendSplit(cases, { seed: 7, tuning: ['a'], checking: [] })).toEqual(next);
  });

  it('with --to tuning puts only the new cases in tuning, and none of the placed ones move', () => {
    const cases = [fake('a', 'incident'), fake('b', 'healthy'), fake('c', 'incident'), fake('d', 'healthy'), fake('e', 'incident')];
    const placed = { seed: 7, tuning: ['a'], checking: ['b', 'c'] };
    const next = extendSplit(cases, placed, 'tuning');
    expect(next.checking).toEqual(['b', 'c']);
    expect(next.tuning).toEqual(['a', 'd', 'e']);
    // The random deal of the same cases would have sent some of them to checking.
    const dealt = extendSplit([...cases, fake('f', 'incident'), fake('g', 'healthy')], placed);
    expect(dealt.checking.length).toBeGreaterThan(2);
    expect(extendSplit(cases, next, 'tuning')).toEqual(next);
  });
});

describe('engine accuracy on real logs', () => {
  it('does not fall below the recorded scores, and healthy logs gain no warnings', async () => {
    const recorded = readScores();
    const s = await scoreCorpus();
    expect(s.unsplit, 'cases missing from split.json: run npm run accuracy:split').toEqual([]);
    // Counts, not shares: new cases may lower a share, but a case once judged right must stay right.
    expect(s.tuningRight, 'fewer tuning-half cases right than recorded').toBeGreaterThanOrEqual(recorded.tuningRight);
    expect(s.checkingRight, 'fewer checking-half cases right than recorded (see npm run accuracy; do not tune on that half)').toBeGreaterThanOrEqual(recorded.checkingRight);
    expect(s.healthyWarnings, 'warnings on healthy logs').toBeLessThanOrEqual(recorded.healthyWarnings);
  });
});
