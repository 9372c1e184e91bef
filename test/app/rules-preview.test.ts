// User rules at the worker boundary: specs arrive as plain data and are
// checked again there (a hostile spec is refused with the reason, never run),
// the preview lists what each rule finds in the loaded logs with its window
// and whether its own cases pass, and a load with rules adds their findings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { loadRuleText, userPatternCheck } from '../../src/engine/knowledge/rule-loader.ts';
import { rulesPreviewApi, userRulesOf } from '../../src/worker/rules-preview.ts';

const spec = loadRuleText(readFileSync(join(import.meta.dirname, '../fixtures/rules/slow-upstream.json'), 'utf8'), userPatternCheck).rules[0];
const log = [
  '2024-05-01T10:00:00Z WARN Upstream responded slowly took=1.8s',
  '2024-05-01T10:04:00Z WARN Upstream responded slowly took=1.5s',
  '2024-05-01T10:09:00Z WARN Upstream responded slowly took=1.7s',
  '2024-05-01T10:10:00Z INFO request ok',
].join('\n');

describe('rules at the worker boundary', () => {
  it('previews each rule\'s findings with their windows and its cases; refuses a hostile spec', async () => {
    const session = new EngineSession();
    await session.load([bytesSource('proxy.log', log)]);
    const hostile = { ...spec, id: 'evil', detector: { ...spec.detector, of: { match: '(a)\\1' } } };
    const [mine, evil] = await rulesPreviewApi(session).previewRules([spec, hostile]);
    expect(mine).toMatchObject({ id: 'slow-upstream', error: null, cases: [{ ok: true }, { ok: true }] });
    expect(mine.findings).toEqual([expect.objectContaining({ severity: 'warning', start: Date.UTC(2024, 4, 1, 10), end: Date.UTC(2024, 4, 1, 10, 9), count: 3, evidence: 3 })]);
    expect(evil.error).toMatch(/backreference/);
    expect(evil.findings).toEqual([]);
  });

  it('a load with rule specs adds their findings, marked as the user\'s', async () => {
    const session = new EngineSession();
    const plain = await session.load([bytesSource('proxy.log', log)]);
    expect(plain.analysis.findings.some((f) => f.rule === 'slow-upstream')).toBe(false);
    const withRule = await session.load([bytesSource('proxy.log', log)], { rules: userRulesOf([spec]) });
    expect(withRule.analysis.findings.filter((f) => f.rule === 'slow-upstream')).toEqual([expect.objectContaining({ userRule: true })]);
    expect(userRulesOf([{ id: 'not-a-rule' }])?.some((r) => r.id === 'not-a-rule')).toBe(false);
  });
});
