// Rules test patterns against the text of nearly every row of a big log, and
// most rows repeat a message their template has just shown: the ingest keeps
// a repeated message as one shared string, so comparing a row's text with the
// last text of its template is mostly a pointer comparison, far cheaper than
// running a pattern. Only the last text per template is kept: a Map of every
// distinct text was measured to cost more than the tests it saved. A template
// whose texts keep changing (one-off messages: an id in each) stops being
// remembered after a few dozen misses, so such logs pay no more than before.

import type { RuleContext } from './types.ts';

/** Misses beyond hits after which a template's answers are no longer remembered. */
const GIVE_UP = 32;

/** `compute` of a row's text (ctx.peek), remembering each template's last text and answer. */
export function memoNumberByTemplate(ctx: RuleContext, compute: (text: string) => number): (row: number) => number {
  const template = ctx.table.template;
  const size = ctx.templates.length;
  const lastText: (string | undefined)[] = new Array(size).fill(undefined);
  const lastAnswer = new Int32Array(size);
  // Hits minus misses per template; at -GIVE_UP the template is computed row by row.
  const score = new Int32Array(size);
  return (row) => {
    const text = ctx.peek(row);
    const tpl = template[row];
    if (tpl >= size || score[tpl] <= -GIVE_UP) return compute(text);
    if (lastText[tpl] === text) {
      if (score[tpl] < GIVE_UP) score[tpl]++;
      return lastAnswer[tpl];
    }
    score[tpl]--;
    const answer = compute(text);
    lastText[tpl] = text;
    lastAnswer[tpl] = answer;
    return answer;
  };
}

/** `test` of a row's text (ctx.peek), remembered per template as memoNumberByTemplate does. */
export function memoByTemplate(ctx: RuleContext, test: (text: string) => boolean): (row: number) => boolean {
  const memo = memoNumberByTemplate(ctx, (text) => (test(text) ? 1 : 0));
  return (row) => memo(row) === 1;
}
