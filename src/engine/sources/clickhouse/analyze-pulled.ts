// Analysis of a pulled window. The candidate events carry every signal,
// operation, timeout, crash and error, but not the ordinary traffic between
// them, so a silence cannot be judged from them: between two timeouts half an
// hour apart the pulled lane is empty although the service was busy. Gaps are
// therefore taken from the server's density counts (per source and bucket)
// and every other mark and rule runs on the events as for a dropped file.
// The density test follows marks/gaps.ts at bucket resolution: a run of
// empty buckets of at least MIN_GAP_MS whose neighbourhood, on each side,
// predicts enough events for it.

import type { Analysis } from '../../analysis/analyze.ts';
import { makeContext, runRules } from '../../analysis/analyze.ts';
import type { IngestResult } from '../../ingest/ingest.ts';
import { computeMarks } from '../../marks/index.ts';
import { buildSourceIndex } from '../../marks/sources.ts';
import { MIN_EXPECTED_EVENTS, MIN_GAP_MS, MIN_RATE_WINDOW_MS, MIN_SIDE_EXPECTED, RATE_WINDOW_FACTOR, rateText } from '../../marks/gaps.ts';
import type { Mark } from '../../marks/types.ts';
import type { Rule } from '../../rules/types.ts';
import type { Density } from './pull.ts';
import { fileNameFor } from './rows.ts';

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`;
}

/** Silences per source from bucket counts; `fileOf` names the file index of a source (-1: not loaded). */
export function densityGaps(d: Density, fileOf: (source: string) => number): Mark[] {
  const bySource = new Map<string, Map<number, number>>();
  for (const b of d.buckets) {
    let m = bySource.get(b.source);
    if (!m) bySource.set(b.source, (m = new Map()));
    m.set(b.bucket, (m.get(b.bucket) ?? 0) + b.n);
  }
  const out: Mark[] = [];
  const w = d.bucketMs;
  for (const [source, m] of bySource) {
    const file = fileOf(source);
    if (file < 0) continue;
    const starts = [...m.keys()].sort((a, b) => a - b);
    const first = starts[0], last = starts[starts.length - 1];
    const count = (from: number, to: number) => {
      let n = 0;
      for (let t = Math.max(from, first); t < Math.min(to, last + w); t += w) n += m.get(t) ?? 0;
      return n;
    };
    for (let k = 0; k + 1 < starts.length; k++) {
      const a = starts[k] + w; // the silence starts after the last non-empty bucket...
      const b = starts[k + 1]; // ...and ends where the next begins
      const len = b - a;
      if (len < MIN_GAP_MS) continue;
      const win = Math.max(RATE_WINDOW_FACTOR * len, MIN_RATE_WINDOW_MS);
      const seenBefore = Math.min(win, a - first), seenAfter = Math.min(win, last + w - b);
      if (seenBefore <= 0 || seenAfter <= 0) continue;
      const before = count(a - win, a), after = count(b, b + win);
      const perMs = (before + after) / (seenBefore + seenAfter);
      if (perMs * len < MIN_EXPECTED_EVENTS) continue;
      if (Math.min(before / seenBefore, after / seenAfter) * len < MIN_SIDE_EXPECTED) continue;
      const perMin = perMs * 60_000;
      out.push({
        kind: 'gap', start: a, end: b, label: `silent for ${seconds(len)} (usually ~${rateText(perMin)}; from the server's counts)`,
        file, logger: 0, events: [], count: 0, baselinePerMin: perMin, expected: Math.round(perMs * len),
      });
    }
  }
  return out;
}

/** Marks and findings of pulled candidate events, with gaps from the density counts. */
export function analyzePulled(r: IngestResult, density: Density, rules?: readonly Rule[]): Analysis {
  const sources = buildSourceIndex(r.table, r.files.length);
  const base = makeContext(r, [], sources);
  const byName = new Map(r.files.map((f, i) => [f.name, i]));
  const marks = computeMarks({ table: r.table, fileCount: r.files.length, message: base.message, sources })
    .filter((m) => m.kind !== 'gap')
    .concat(densityGaps(density, (s) => byName.get(fileNameFor(s)) ?? -1))
    .sort((a, b) => a.start - b.start || a.file - b.file);
  return { marks, findings: runRules({ ...base, marks }, rules) };
}
