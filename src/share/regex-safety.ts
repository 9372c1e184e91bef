// User-supplied regular expressions (custom redaction patterns, vocabulary
// entries typed in the app or carried by a share link) run against every log
// line. They compile on the linear-time engine in src/engine/user-pattern.ts,
// so no pattern can freeze the tab; this keeps the name the share and store
// code already call, and refuses patterns that match empty text (they would
// redact or classify everything).

import { compileUserPattern, type UserPattern } from '../engine/user-pattern.ts';



export type RegexCheck = { ok: true; re: UserPattern } | { ok: false; error: string };

export function checkUserRegex(source: string, flags = 'i'): RegexCheck {
  const r = compileUserPattern(source, { flags });
  return r.ok ? { ok: true, re: r.pattern } : r;
}
