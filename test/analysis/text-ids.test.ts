// Rules' text tests answered once per distinct row text (src/engine/rules/
// text-ids.ts): each row must get the answer for its own text, a text seen
// again (in a run, or after others of its template) is tested once, and a
// test no distinct text passes says so without a row failing to be asked.

import { describe, expect, it } from 'vitest';
import { TextTest, textIds } from '../../src/engine/rules/text-ids.ts';
import type { RuleContext } from '../../src/engine/rules/types.ts';

function context(rows: { template: number; text: string }[], templates: number): RuleContext {
  return {
    table: { template: Int32Array.from(rows.map((r) => r.template)), length: rows.length },
    templates: Array.from({ length: templates }, (_, id) => ({ id, pattern: `t${id}`, count: 0 })),
    peek: (row: number) => rows[row].text,
  } as unknown as RuleContext;
}

const ROWS = [
  { template: 0, text: 'cache hit' },
  { template: 0, text: 'cache hit' },
  { template: 1, text: 'order 1 failed' },
  { template: 1, text: 'order 2 shipped' },
  { template: 1, text: 'order 1 failed' },
  { template: 0, text: 'cache hit' },
  { template: 5, text: 'failed outside the template list' },
  { template: 5, text: 'failed outside the template list' },
];

describe('textIds', () => {
  it('gives rows one number exactly when their texts are equal', () => {
    const { id, row, count } = textIds(context(ROWS, 2));
    for (let a = 0; a < ROWS.length; a++) for (let b = 0; b < ROWS.length; b++) expect(id[a] === id[b]).toBe(ROWS[a].text === ROWS[b].text);
    expect(count).toBe(new Set(ROWS.map((r) => r.text)).size);
    for (let i = 0; i < count; i++) expect(id[row[i]]).toBe(i);
  });

  it("gives a template's texts that come back (not in a run) the number they had", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ template: 0, text: `order ${i % 300} ${i % 3 === 0 ? 'failed' : 'shipped'}` }));
    const { id } = textIds(context(rows, 1));
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      if (!first.has(r.text)) first.set(r.text, id[i]);
      expect(id[i]).toBe(first.get(r.text));
    });
    expect(new Set(first.values()).size).toBe(first.size);
  });
});

describe('textIds of one-off texts', () => {
  it('stops looking up a template whose texts never come back, and still never gives two texts one number', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ template: 0, text: `request ${i} ${i % 7 === 0 ? 'failed' : 'served'}` }));
    rows.push({ template: 0, text: rows[14].text }, { template: 1, text: 'cache hit' }, { template: 0, text: rows[21].text });
    const ctx = context(rows, 2);
    const { id, count } = textIds(ctx);
    // No text of template 0 was found again in its first thousand lookups: the repeats get numbers of their own.
    expect(count).toBe(rows.length);
    for (let a = 0; a < rows.length; a += 97) for (let b = 0; b < rows.length; b++) if (id[a] === id[b]) expect(rows[a].text).toBe(rows[b].text);
    const test = new TextTest(ctx, (text) => text.endsWith('failed'));
    expect(rows.map((_, row) => test.has(row))).toEqual(rows.map((r) => r.text.endsWith('failed')));
  });
});

describe('textIds per context', () => {
  it('numbers again for a new context over the same table (messages read back since)', () => {
    const before = context(ROWS, 2);
    expect(textIds(before).count).toBe(4);
    const after = { ...before, peek: (row: number) => `${ROWS[row].text} #${row}` } as RuleContext;
    expect(textIds(after).count).toBe(ROWS.length);
    expect(textIds(before).count).toBe(4);
  });
});

describe('text tests', () => {
  it("answer each row for its own text, testing each distinct text once", () => {
    const tested: string[] = [];
    const test = new TextTest(context(ROWS, 2), (text) => {
      tested.push(text);
      return text.includes('failed');
    });
    expect(ROWS.map((_, row) => test.has(row))).toEqual(ROWS.map((r) => r.text.includes('failed')));
    expect(tested).toEqual(['cache hit', 'order 1 failed', 'order 2 shipped', 'failed outside the template list']);
  });

  it('say whether any row passes, each distinct text tested once between both questions', () => {
    const ctx = context(ROWS, 2);
    const tested: string[] = [];
    const shipped = new TextTest(ctx, (text) => {
      tested.push(text);
      return text.endsWith('shipped');
    });
    expect(shipped.has(0)).toBe(false);
    expect(shipped.anyRow()).toBe(true);
    expect(shipped.has(3)).toBe(true);
    expect(tested).toEqual(['cache hit', 'order 1 failed', 'order 2 shipped']);
    expect(new TextTest(ctx, (text) => text.includes('refund')).anyRow()).toBe(false);
  });
});

describe('textIds with the numbers the ingest gave', () => {
  it('takes them for the rows that have one, numbers the others by text, and never gives two texts one number', () => {
    // Rows 0-4 numbered by the ingest (sparse numbers, as a split file's slices give them); rows 5-7 read whole.
    const texts = ['cache hit', 'order 1 failed', 'cache hit', 'order 2 shipped', 'order 1 failed', 'order 1 failed', 'cache miss', 'cache miss'];
    const rows = texts.map((text) => ({ template: text.startsWith('order') ? 1 : 0, text }));
    const ctx = context(rows, 2);
    (ctx.table as { messageNumbers?: Int32Array }).messageNumbers = Int32Array.from([40, 7, 40, 12, 7, -1, -1, -1]);
    const { id, row, count } = textIds(ctx);
    for (let a = 0; a < rows.length; a++) for (let b = 0; b < rows.length; b++) if (id[a] === id[b]) expect(rows[a].text).toBe(rows[b].text);
    // Numbered rows share a number exactly when the ingest's numbers are equal; the rows read whole share theirs by text.
    expect([id[0] === id[2], id[1] === id[4], id[6] === id[7]]).toEqual([true, true, true]);
    expect(count).toBe(5);
    for (let i = 0; i < count; i++) expect(id[row[i]]).toBe(i);
    const test = new TextTest(ctx, (text) => text.endsWith('failed'));
    expect(rows.map((_, r) => test.has(r))).toEqual(rows.map((r) => r.text.endsWith('failed')));
  });
});
