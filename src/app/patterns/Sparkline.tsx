// A pattern's sparkline: its events per bucket across the loaded time range
// as bars (one SVG path, so a few hundred rows stay cheap), scaled to its own
// peak, with the visible window shaded so "where am I" reads at a glance.

import { LEVEL_NAMES } from '../../engine/model/levels.ts';
import type { Interval } from '../../store/types.ts';
import type { PatternStats } from './pattern-stats.ts';

const W = 120;
const H = 20;

export function Sparkline({ stats, id, window: w }: { stats: PatternStats; id: number; window: Interval }) {
  const B = stats.buckets;
  const line = stats.hist.subarray(id * B, (id + 1) * B);
  let peak = 0;
  for (let b = 0; b < B; b++) if (line[b] > peak) peak = line[b];
  const bw = W / B;
  let d = '';
  for (let b = 0; b < B; b++) {
    if (line[b] === 0) continue;
    // At least 1.5 px tall so a single event still shows.
    const h = Math.max(1.5, (line[b] / peak) * (H - 1));
    d += `M${(b * bw).toFixed(2)} ${H}h${Math.max(1, bw - 0.6).toFixed(2)}v${(-h).toFixed(2)}h${(-Math.max(1, bw - 0.6)).toFixed(2)}z`;
  }
  const span = stats.end - stats.start;
  const x0 = span > 0 ? Math.max(0, ((w[0] - stats.start) / span) * W) : 0;
  const x1 = span > 0 ? Math.min(W, ((w[1] - stats.start) / span) * W) : W;
  const level = LEVEL_NAMES[stats.level[id]] ?? 'none';
  return (
    <svg className={`spark lvl-${level === 'none' ? 'info' : level}`} width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true">
      {x1 > x0 && (x0 > 0 || x1 < W) && <rect className="spark-window" x={x0} y={0} width={Math.max(1, x1 - x0)} height={H} />}
      <path d={d} fill="currentColor" />
    </svg>
  );
}
