// The rule registry is an explicit list (it must work in the Vite worker, the
// CLI and Node alike), so this test keeps "found automatically" honest: every
// rule exported by a file under src/engine/rules/ must be registered, ids are
// unique kebab-case, the list is sorted by id, and the skeleton still works.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeContext } from '../../src/engine/analysis/analyze.ts';
import { CODE_RULES, RULES } from '../../src/engine/rules/index.ts';
import { BUILTIN_RULE_FILES } from '../../src/engine/knowledge/rules/index.ts';
import type { Rule } from '../../src/engine/rules/types.ts';
import { skeletonHealthFailures } from '../../src/engine/rules/_skeleton.ts';
import { analyzeLogs, render, sec, type Ev } from './dialects.ts';

const DIR = join(import.meta.dirname, '../../src/engine/rules');
const DATA_DIR = join(import.meta.dirname, '../../src/engine/knowledge/rules');

function isRule(v: unknown): v is Rule {
  return typeof v === 'object' && v !== null && typeof (v as Rule).id === 'string' && typeof (v as Rule).run === 'function';
}

describe('rule registry', () => {
  it('registers every rule file under src/engine/rules (files starting with _ are examples)', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && !f.startsWith('_'));
    const exported: string[] = [];
    for (const f of files) {
      const mod = (await import(join(DIR, f))) as Record<string, unknown>;
      for (const v of Object.values(mod)) if (isRule(v)) exported.push(`${f}:${v.id}`);
    }
    const registered = new Set(RULES.map((r) => r.id));
    expect(exported.filter((x) => !registered.has(x.split(':')[1]))).toEqual([]);
    // One rule per file, named after its id.
    for (const x of exported) expect(x.split(':')[0]).toBe(`${x.split(':')[1]}.ts`);
    expect(exported).toHaveLength(CODE_RULES.length);
  });

  it('lists every rule file under src/engine/knowledge/rules, and registers each of them', () => {
    const files = readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(Object.keys(BUILTIN_RULE_FILES).sort()).toEqual(files);
    const registered = new Set(RULES.map((r) => r.id));
    for (const f of files) expect(registered.has(f.replace(/\.json$/, ''))).toBe(true);
    expect(RULES).toHaveLength(CODE_RULES.length + files.length);
  });

  it('has unique kebab-case ids sorted alphabetically, with titles and descriptions', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.description.length).toBeGreaterThan(20);
    }
    expect(ids).toEqual(expect.arrayContaining(['crash', 'periodic-freeze', 'stall-after-reload']));
  });

  it('keeps the skeleton rule working but unregistered', async () => {
    expect(RULES.some((r) => r.id === skeletonHealthFailures.id)).toBe(false);
    const ev: Ev[] = [0, 40, 80].map((s) => ({ t: sec(100 + s), level: 'warn', msg: 'health check failed: connection refused' }));
    const r = await analyzeLogs([{ name: 'svc.log', text: render('slog', ev) }]);
    const found = skeletonHealthFailures.run(makeContext(r.result, r.analysis.marks));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ start: sec(100), end: sec(180), count: 3 });
  });
});
