// Flows and clock offsets in the CLI's report: by file name rather than
// index (the JSON document is read by scripts), and as the lines the human
// summary prints. The app shows the same estimates in its Files panel.

import type { FileStats } from '../ingest/file-stats.ts';
import type { ClockEstimate } from './clock-offsets.ts';
import type { FlowSummary } from './flows.ts';

export interface ReportClock {
  file: string;
  /** The file it was compared with (the reference, or one placed before it). */
  via: string;
  /** This file's clock minus the reference's (ms): positive, its times are late. */
  offsetMs: number;
  spreadMs: number;
  pairs: number;
  method: ClockEstimate['method'];
  consistent: number | null;
  /** The correction already applied to this file at load (--clock-offset), ms. */
  appliedMs: number;
}

export interface ReportFlows {
  keys: string[];
  rowsWithIds: number;
  sharedIds: number;
  linkedRows: number;
  /** Ids left out as too common to be one request's; the index stopped at its bound. */
  tooCommon: number;
  truncated: boolean;
  /** The file offsets are measured against; null when no two files could be compared. */
  reference: string | null;
  clocks: ReportClock[];
}

export function flowReport(s: FlowSummary, files: readonly FileStats[]): ReportFlows {
  const name = (i: number) => files[i]?.name ?? '?';
  const ref = s.clocks.reference;
  return {
    keys: s.keys,
    rowsWithIds: s.rowsWithIds,
    sharedIds: s.sharedIds,
    linkedRows: s.linkedRows,
    tooCommon: s.tooCommon,
    truncated: s.truncated,
    reference: ref === null ? null : name(ref),
    clocks: s.clocks.estimates.map((e) => ({
      file: name(e.file),
      via: name(e.via),
      offsetMs: Math.round(e.offsetMs * 10) / 10,
      spreadMs: Math.round(e.spreadMs * 10) / 10,
      pairs: e.pairs,
      method: e.method,
      consistent: e.consistent === null ? null : Math.round(e.consistent * 1000) / 1000,
      appliedMs: files[e.file]?.clockOffsetMs ?? 0,
    })),
  };
}

/** "2.500 s", "12 ms", "1 min 4.2 s": a signed offset's size as people read it. */
export function offsetText(ms: number): string {
  const a = Math.abs(ms);
  if (a < 1000) return `${Math.round(a)} ms`;
  if (a < 60_000) return `${(a / 1000).toFixed(3)} s`;
  return `${Math.floor(a / 60_000)} min ${((a % 60_000) / 1000).toFixed(1)} s`;
}

/** One line per estimate: which way the clock is off, by how much, and what it rests on. */
export function clockLine(c: Pick<ReportClock, 'file' | 'offsetMs' | 'spreadMs' | 'pairs' | 'method' | 'consistent'>, reference: string): string {
  const dir = Math.abs(c.offsetMs) < 0.5 ? `agrees with ${reference}` : `runs ${offsetText(c.offsetMs)} ${c.offsetMs > 0 ? 'ahead of' : 'behind'} ${reference}`;
  const basis = c.method === 'ids' ? `${c.pairs} shared id${c.pairs === 1 ? '' : 's'}` : `${c.pairs} anchor event${c.pairs === 1 ? '' : 's'} (restarts, reloads)`;
  const nest = c.consistent === null ? '' : `; ${Math.round(c.consistent * 100)}% of requests nest once corrected`;
  return `${c.file} ${dir} (median of ${basis}, spread ±${offsetText(c.spreadMs)}${nest})`;
}

/** What the flow index left out, as a sentence ('' when nothing). */
export function flowBoundsText(f: Pick<ReportFlows, 'tooCommon' | 'truncated'>): string {
  const parts: string[] = [];
  if (f.tooCommon) parts.push(`${f.tooCommon} id${f.tooCommon === 1 ? '' : 's'} carried by more than 100,000 events left out (not one request's)`);
  if (f.truncated) parts.push('only the first 8,000,000 ids were read');
  return parts.join('; ');
}

export function flowText(f: ReportFlows): string {
  const bounds = flowBoundsText(f);
  const lines = [`Request flows: ${f.sharedIds} ids shared by ${f.linkedRows} events (${f.rowsWithIds} events name an id)${bounds ? `; ${bounds}` : ''}.`];
  if (f.reference === null) {
    lines.push('Clock offsets: no two files share enough ids or anchor events to compare their clocks.');
    return lines.join('\n');
  }
  lines.push(`Clock offsets against ${f.reference}:`);
  for (const c of f.clocks) {
    lines.push(`  ${clockLine(c, f.reference)}`);
    if (c.appliedMs) lines.push(`    already corrected by ${offsetText(c.appliedMs)} (${c.appliedMs > 0 ? 'moved earlier' : 'moved later'}) at load`);
  }
  return lines.join('\n');
}
