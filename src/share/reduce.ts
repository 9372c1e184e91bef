// Ways to make a link smaller when it is too long for chat tools, each a pure
// payload -> payload function that notes what it left out (the receiver sees
// the note): narrow the window, drop debug/trace lines, keep only the first
// line of multi-line events, keep messages but not the raw lines. Evidence of
// the findings is always kept: it is what the link is for.

import { Kind } from '../engine/model/kinds.ts';
import { Level } from '../engine/model/levels.ts';
import { encodePayload } from './codec.ts';
import { emptyEvents, EVENT_COLUMNS, type SharePayload, type SharedEvents, type TimeRange } from './payload.ts';

export type ReductionId = 'drop-debug' | 'first-lines' | 'messages-only' | 'narrow';

/** Keep the events where keep[i]; re-index marks and findings. */
export function keepEvents(p: SharePayload, keep: readonly boolean[], note: string): SharePayload {
  const map = new Int32Array(keep.length).fill(-1);
  const ev: SharedEvents = emptyEvents();
  let n = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    map[i] = n++;
    for (const c of EVENT_COLUMNS) (ev[c] as unknown[]).push(p.events[c][i]);
  }
  if (n === keep.length) return p;
  const re = (xs: readonly number[]) => xs.map((i) => map[i]).filter((i) => i >= 0);
  return {
    ...p,
    events: ev,
    marks: p.marks.map((m) => ({ ...m, events: re(m.events) })),
    findings: p.findings.map((f) => ({ ...f, evidence: re(f.evidence) })),
    reductions: [...p.reductions, `${keep.length - n} ${note}`],
  };
}

function evidenceSet(p: SharePayload): Set<number> {
  const s = new Set<number>();
  for (const f of p.findings) for (const i of f.evidence) s.add(i);
  return s;
}

/** Drop trace and debug events (not evidence). */
export function dropDebug(p: SharePayload): SharePayload {
  const ev = evidenceSet(p);
  return keepEvents(p, p.events.level.map((l, i) => ev.has(i) || (l !== Level.debug && l !== Level.trace)), 'debug/trace lines left out');
}

/** Keep events inside the range (and the evidence of findings that overlap it). */
export function narrowWindow(p: SharePayload, w: TimeRange): SharePayload {
  const overlaps = (a: TimeRange) => a.end >= w.start && a.start <= w.end;
  const findings = p.findings.filter(overlaps);
  const keepFinding = new Set(findings);
  const ev = new Set<number>();
  for (const f of findings) for (const i of f.evidence) ev.add(i);
  const keep = p.events.t.map((t, i) => ev.has(i) || (p.t0 + t >= w.start && p.t0 + t <= w.end));
  const sel = p.view.selectedFinding === null ? null : findings.indexOf(p.findings[p.view.selectedFinding]);
  const narrowed = keepEvents({ ...p, findings: p.findings }, keep, 'events outside the narrowed window left out');
  const clampRange = (r: TimeRange) => ({ start: Math.max(r.start, w.start), end: Math.min(r.end, w.end) });
  const vw = clampRange(p.view.window);
  return {
    ...narrowed,
    window: { ...w },
    marks: narrowed.marks.filter(overlaps),
    findings: narrowed.findings.filter((_, i) => keepFinding.has(p.findings[i])),
    view: {
      ...p.view,
      window: vw.start < vw.end ? vw : { ...w },
      brush: p.view.brush && overlaps(p.view.brush) ? clampRange(p.view.brush) : null,
      selectedFinding: sel !== null && sel >= 0 ? sel : null,
    },
  };
}

function mapRaw(p: SharePayload, f: (raw: string, i: number) => string | null, note: string): SharePayload {
  let changed = 0;
  const raw = p.events.raw.map((r, i) => {
    if (r === null) return r;
    const out = f(r, i);
    if (out !== r) changed++;
    return out;
  });
  if (changed === 0) return p;
  return { ...p, events: { ...p.events, raw }, reductions: [...p.reductions, `${changed} ${note}`] };
}

/** Keep the first line of multi-line events (stack traces of crashes stay whole). */
export function firstLinesOnly(p: SharePayload): SharePayload {
  return mapRaw(
    p,
    (r, i) => {
      if (p.events.kind[i] === Kind.crash) return r;
      const nl = r.indexOf('\n');
      if (nl < 0) return r;
      const first = r.slice(0, nl);
      return first === p.events.msg[i] ? null : first;
    },
    'multi-line events cut to their first line',
  );
}

/** Keep messages, drop raw lines (structured fields go; crash traces stay). */
export function messagesOnly(p: SharePayload): SharePayload {
  return mapRaw(p, (r, i) => (p.events.kind[i] === Kind.crash ? r : null), 'raw lines left out (messages kept)');
}

export interface ReductionOption {
  id: ReductionId;
  label: string;
  /** Link length after applying it (on top of the ones already applied). */
  chars: number;
  payload: SharePayload;
}

/** The window of the selected (or most severe) finding, padded by a tenth each side. */
export function findingWindow(p: SharePayload): TimeRange | null {
  const f = p.view.selectedFinding !== null ? p.findings[p.view.selectedFinding] : p.findings[0];
  if (!f) return null;
  const pad = Math.max(1000, (f.end - f.start) / 10);
  return { start: f.start - pad, end: f.end + pad };
}

/**
 * Each reduction that shrinks the link, with the resulting length: narrowing
 * to the selected finding first (it keeps what the reader is sent to see),
 * then the others, smallest last.
 */
export async function reductionOptions(p: SharePayload): Promise<ReductionOption[]> {
  const candidates: { id: ReductionId; label: string; payload: SharePayload }[] = [
    { id: 'drop-debug', label: 'Drop debug and trace lines', payload: dropDebug(p) },
    { id: 'first-lines', label: 'Keep only the first line of multi-line events', payload: firstLinesOnly(p) },
    { id: 'messages-only', label: 'Keep messages, drop raw lines', payload: messagesOnly(p) },
  ];
  const fw = findingWindow(p);
  if (fw && (fw.start > p.window.start || fw.end < p.window.end)) {
    const w = { start: Math.max(fw.start, p.window.start), end: Math.min(fw.end, p.window.end) };
    candidates.push({ id: 'narrow', label: 'Narrow the window to the finding', payload: narrowWindow(p, w) });
  }
  const current = (await encodePayload(p)).length;
  const out: ReductionOption[] = [];
  for (const c of candidates) {
    if (c.payload === p) continue;
    const chars = (await encodePayload(c.payload)).length;
    if (chars < current) out.push({ ...c, chars });
  }
  return out.sort((a, b) => Number(b.id === 'narrow') - Number(a.id === 'narrow') || b.chars - a.chars);
}
