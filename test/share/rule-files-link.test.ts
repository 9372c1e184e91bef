// Rule files in share links: they travel as written, arrive checked by the
// rule loader (a bad or unsafe file refuses the link, naming its line), are
// capped in number, and findings from the sender's rules stay marked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload, ShareLinkError } from '../../src/share/codec.ts';
import { openShareLink } from '../../src/share/restore.ts';
import { MAX_RULE_FILES } from '../../src/share/limits.ts';
import { validatePayload } from '../../src/share/validate.ts';
import { fitPayload } from '../../src/share/fit.ts';
import { incidentPayload } from './helpers.ts';

const text = readFileSync(join(import.meta.dirname, '../fixtures/rules/slow-upstream.json'), 'utf8');

describe('rule files in share links', () => {
  it('round-trip as written, with findings from them still marked', async () => {
    const { payload: p } = await incidentPayload();
    p.rules = [{ name: 'slow-upstream.json', text }];
    p.findings[0].userRule = true;
    const restored = await openShareLink(`#s=${await encodePayload(p)}`);
    expect(restored.rules).toEqual([{ name: 'slow-upstream.json', text }]);
    expect(restored.analysis.findings[0].userRule).toBe(true);
    expect(restored.analysis.findings.slice(1).some((f) => f.userRule)).toBe(false);
  });

  it('refuse a link whose rule file does not load, naming the file and line', async () => {
    const { payload: p } = await incidentPayload();
    p.rules = [{ name: 'evil.json', text: text.replace('"upstream responded slowly"', '"(a)\\\\1"') }];
    const err = await decodePayload(await encodePayload(p)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShareLinkError);
    expect((err as Error).message).toMatch(/rules\[0\].*evil\.json.*line 11.*backreference/);
  });

  it('cap the number and size of rule files; links made before rules travelled still open', async () => {
    const { payload: p } = await incidentPayload();
    const base = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    expect(validatePayload(base).ok).toBe(true);
    const many = { ...base, rules: Array.from({ length: MAX_RULE_FILES + 1 }, (_, i) => ({ name: `r${i}.json`, text })) };
    expect(validatePayload(many)).toMatchObject({ ok: false, error: expect.stringMatching(/rules/) });
    const huge = { ...base, rules: [{ name: 'big.json', text: text + ' '.repeat(70_000) }] };
    expect(validatePayload(huge).ok).toBe(false);
    expect(fitPayload({ ...p, rules: [{ name: 'big.json', text: text + ' '.repeat(70_000) }, { name: 'ok.json', text }] }).rules).toEqual([{ name: 'ok.json', text }]);
  });
});
