// overlaps: A and B in the same minutes (within `slack`), optionally in
// different files — "the access log went silent while the app logged
// timeouts", "503s at the ingress during the pod's crash".

import { sourceName } from '../helpers.ts';
import type { RuleContext } from '../types.ts';
import { parseDuration, type OverlapsSpec } from '../spec.ts';
import { clock, duration } from '../text.ts';
import { occurrences } from './select.ts';
import type { Match } from './types.ts';

export function overlaps(ctx: RuleContext, spec: OverlapsSpec): Match[] {
  const slack = spec.slack ? parseDuration(spec.slack) : 0;
  const bs = occurrences(ctx, spec.b);
  const out: Match[] = [];
  let coveredUntil = -Infinity;
  for (const a of occurrences(ctx, spec.a)) {
    if (a.start <= coveredUntil) continue;
    const hit = bs.filter((b) => (!spec.otherFile || b.file !== a.file) && b.start <= a.end + slack && a.start <= b.end + slack);
    if (hit.length === 0) continue;
    const start = Math.min(a.start, ...hit.map((b) => b.start));
    const end = Math.max(a.end, ...hit.map((b) => b.end));
    coveredUntil = end;
    out.push({
      start,
      end,
      file: a.file,
      rows: [...a.rows, ...hit.flatMap((b) => b.rows.slice(0, 4))].slice(0, 40),
      figures: { count: hit.length + 1 },
      text: { source: sourceName(ctx, a.file), other: sourceName(ctx, hit[0].file), first: clock(start), last: clock(end), duration: duration(Math.max(1000, end - start)), label: a.label, otherLabel: hit[0].label },
    });
  }
  return out;
}
