// The one place user patterns typed into a query become runnable matchers
// (`field=~re`, `/re/`). A query runs on every line of a possibly huge log in
// the worker, which cannot interrupt a running RegExp, so query patterns run
// on the linear-time engine every user pattern goes through (user-pattern.ts).

import type { RegexFactory } from '../engine/query/evaluate.ts';
import { compileUserPattern } from '../engine/user-pattern.ts';

export const queryRegex: RegexFactory = (source, flags) => {
  const c = compileUserPattern(source, { flags: flags.replace(/[gy]/g, ''), refuseEmptyMatch: false });
  if (!c.ok) return { ok: false, error: `pattern /${source.length > 60 ? `${source.slice(0, 60)}…` : source}/ refused: ${c.error}` };
  const p = c.pattern;
  return { ok: true, test: (s) => p.test(s) };
};
