// A rule's text test remembered per template (src/engine/rules/template-memo.ts)
// must answer for each row's own text: a template whose rows alternate between
// texts gets each row's answer, and a text repeated in a run is tested once.

import { describe, expect, it } from 'vitest';
import { memoByTemplate } from '../../src/engine/rules/template-memo.ts';
import type { RuleContext } from '../../src/engine/rules/types.ts';

function context(rows: { template: number; text: string }[], templates: number): RuleContext {
  return {
    table: { template: Int32Array.from(rows.map((r) => r.template)) },
    templates: Array.from({ length: templates }, (_, id) => ({ id, pattern: `t${id}`, count: 0 })),
    peek: (row: number) => rows[row].text,
  } as unknown as RuleContext;
}

describe('memoByTemplate', () => {
  it("answers each row for its own text, testing a template's repeated text once", () => {
    const rows = [
      { template: 0, text: 'cache hit' },
      { template: 0, text: 'cache hit' },
      { template: 1, text: 'order 1 failed' },
      { template: 1, text: 'order 2 shipped' },
      { template: 1, text: 'order 3 failed' },
      { template: 0, text: 'cache hit' },
      { template: 5, text: 'failed outside the template list' },
    ];
    const tested: string[] = [];
    const test = memoByTemplate(context(rows, 2), (text) => {
      tested.push(text);
      return text.includes('failed');
    });
    expect(rows.map((_, row) => test(row))).toEqual([false, false, true, false, true, false, true]);
    expect(tested).toEqual(['cache hit', 'order 1 failed', 'order 2 shipped', 'order 3 failed', 'failed outside the template list']);
  });

  it('still answers each row once a template of one-off texts is no longer remembered', () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ template: 0, text: i % 3 === 0 ? `order ${i} failed` : `order ${i} shipped` }));
    rows.push({ template: 0, text: 'order 199 shipped' }, { template: 0, text: 'order 199 shipped' });
    const test = memoByTemplate(context(rows, 1), (text) => text.endsWith('failed'));
    expect(rows.map((_, row) => test(row))).toEqual(rows.map((r) => r.text.endsWith('failed')));
  });
});
