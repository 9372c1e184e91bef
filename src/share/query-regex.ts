// The one place user patterns typed into a query become runnable matchers
// (`field=~re`, `/re/`). A query runs on every line of a possibly huge log in
// the worker, which cannot interrupt a backtracking RegExp; today the guard is
// regex-safety.ts's refusal of the shapes that backtrack. Swap this factory
// for a linear-time engine and every query gets it.

import type { RegexFactory } from '../engine/query/evaluate.ts';
import { checkUserRegex } from './regex-safety.ts';

export const queryRegex: RegexFactory = (source, flags) => {
  const c = checkUserRegex(source, flags.replace(/[gy]/g, ''));
  if (!c.ok) return c;
  const re = c.re;
  return { ok: true, test: (s) => re.test(s) };
};
