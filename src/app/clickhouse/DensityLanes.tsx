// The server's counts for a pulled window, drawn before any line is fetched:
// one lane per service, a bar per bucket (errors red, warnings amber, the
// rest blue), the visible window shaded. They stay after the findings land,
// because the pulled events are the notable ones, not the whole traffic.
// Also offers the raw lines of the view once it is zoomed in far enough.

import { useEffect, useMemo, useRef } from 'react';
import type { Density } from '../../engine/sources/clickhouse/pull.ts';
import { useStore } from '../../store/store.ts';
import { formatInt } from '../../ui/format.ts';
import { useConnect } from './connect-store.ts';
import { fetchRawLines, RAW_MAX_SPAN_MS } from './pull-loader.ts';

interface Lane {
  source: string;
  rows: number;
  /** Per bucket index: all rows, errors, warnings. */
  n: Float64Array;
  errors: Float64Array;
  warnings: Float64Array;
}

function lanesOf(d: Density, fromMs: number, toMs: number): { lanes: Lane[]; count: number } {
  const count = Math.max(1, Math.ceil((toMs - fromMs) / d.bucketMs) + 1);
  const by = new Map<string, Lane>();
  const start = Math.floor(fromMs / d.bucketMs) * d.bucketMs;
  for (const b of d.buckets) {
    let lane = by.get(b.source);
    if (!lane) by.set(b.source, (lane = { source: b.source, rows: 0, n: new Float64Array(count), errors: new Float64Array(count), warnings: new Float64Array(count) }));
    const i = Math.round((b.bucket - start) / d.bucketMs);
    if (i < 0 || i >= count) continue;
    lane.rows += b.n;
    lane.n[i] += b.n;
    lane.errors[i] += b.errors;
    lane.warnings[i] += b.warnings;
  }
  return { lanes: [...by.values()].sort((a, b) => a.source.localeCompare(b.source)), count };
}

function color(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

function LaneCanvas({ lane, count, view }: { lane: Lane; count: number; view: [number, number] | null }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth, h = c.clientHeight;
    c.width = Math.max(1, Math.round(w * dpr));
    c.height = Math.max(1, Math.round(h * dpr));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    let max = 1;
    for (let i = 0; i < count; i++) max = Math.max(max, lane.n[i]);
    const bw = w / count;
    const bar = (values: Float64Array, fill: string) => {
      ctx.fillStyle = fill;
      for (let i = 0; i < count; i++) {
        if (values[i] <= 0) continue;
        // Square root: a burst stays visible beside steady traffic without flattening it.
        const bh = Math.max(1, (Math.sqrt(values[i]) / Math.sqrt(max)) * (h - 1));
        ctx.fillRect(i * bw, h - bh, Math.max(1, bw - 0.5), bh);
      }
    };
    bar(lane.n, color(c, '--lvl-info', '#5b8def'));
    bar(lane.warnings, color(c, '--lvl-warn', '#e59a0b'));
    bar(lane.errors, color(c, '--lvl-error', '#e5484d'));
    if (view) {
      ctx.fillStyle = color(c, '--accent-weak', 'rgba(47,107,237,0.1)');
      ctx.fillRect(view[0] * w, 0, Math.max(1, (view[1] - view[0]) * w), h);
    }
  }, [lane, count, view]);
  return <canvas ref={ref} className="density-canvas" aria-hidden="true" />;
}

export function DensityLanes() {
  const density = useConnect((s) => s.density);
  const pulled = useConnect((s) => s.pulled);
  const phase = useConnect((s) => s.phase);
  const form = useConnect((s) => s.form);
  const win = useStore((s) => s.window);
  const hasData = useStore((s) => s.dataVersion > 0);
  const fromMs = pulled?.fromMs ?? Date.parse(form.from);
  const toMs = pulled?.toMs ?? Date.parse(form.to);
  const shaped = useMemo(() => (density && Number.isFinite(fromMs) && Number.isFinite(toMs) ? lanesOf(density, fromMs, toMs) : null), [density, fromMs, toMs]);
  if (!density || !shaped) return null;
  const span = toMs - fromMs;
  const view: [number, number] | null = pulled && hasData ? [Math.max(0, (win[0] - fromMs) / span), Math.min(1, (win[1] - fromMs) / span)] : null;
  const viewSpan = Math.min(win[1], toMs) - Math.max(win[0], fromMs);
  const canRaw = pulled !== null && phase === 'idle' && viewSpan > 0 && viewSpan <= RAW_MAX_SPAN_MS;
  return (
    <section className="density" aria-label="Server counts" data-testid="density-lanes">
      <div className="density-head">
        <span>
          Server counts: {formatInt(density.total)} rows in the window
          {pulled && `, ${formatInt(pulled.rowsFetched)} fetched`}
          {pulled?.truncated && ' (a row limit was reached: later rows are missing)'}
        </span>
        {pulled && (
          <button type="button" className="btn" disabled={!canRaw} onClick={() => void fetchRawLines()}
            title={canRaw ? 'Fetch every line of the visible window from the server' : 'Zoom to 15 minutes or less to fetch the raw lines'}>
            Fetch raw lines for this view
          </button>
        )}
      </div>
      {shaped.lanes.map((lane) => (
        <div className="density-lane" key={lane.source} data-source={lane.source} data-rows={lane.rows}>
          <span className="density-name ellipsis" title={lane.source}>{lane.source}</span>
          <LaneCanvas lane={lane} count={shaped.count} view={view} />
          <span className="density-count muted">{formatInt(lane.rows)}</span>
        </div>
      ))}
    </section>
  );
}
