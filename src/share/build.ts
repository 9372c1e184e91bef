// Builds a share payload from what the app has loaded: the events inside the
// window being shared (the visible window or the brushed range), plus the
// evidence of the findings and the members of the marks that touch it, so
// a restored finding still points at its lines. Text is fetched through
// `texts()` because messages and raw lines live in the worker (and, for big
// logs, in the files themselves), not in the main thread.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import type { Mark } from '../engine/marks/types.ts';
import { Flag, Kind } from '../engine/model/kinds.ts';
import { Level } from '../engine/model/levels.ts';
import { lowerBound, type EventTable } from '../engine/model/event-table.ts';
import type { Finding } from '../engine/rules/types.ts';
import { MAX_EVENTS, MAX_EVIDENCE_PER_FINDING, MAX_SHARED_MESSAGE_CHARS, MAX_SHARED_RAW_CHARS } from './limits.ts';
import { emptyEvents, SHARE_VERSION, type SharedFile, type SharedProvenance, type SharedRuleFile, type SharePayload, type ShareView, type TimeRange } from './payload.ts';
import { sanitizeData } from './validate.ts';
import { sanitizeProvenance } from './fit.ts';

export interface EventText {
  message: string;
  /** The event's raw text, continuation lines included. */
  raw: string;
}

/** What the app hands the builder (the worker's session, or the engine in tests). */
export interface ShareSource {
  table: EventTable;
  files: readonly FileStats[];
  marks: readonly Mark[];
  findings: readonly Finding[];
  texts(rows: readonly number[]): Promise<EventText[]>;
}

export interface ShareRequest {
  /** Events inside this range travel with the link. */
  window: TimeRange;
  /** The view to restore; `selectedFinding` indexes `source.findings`. */
  view: ShareView;
  vocabulary?: readonly VocabularyEntry[];
  /** The rule files the findings were made with (the user's and a link's). */
  rules?: readonly SharedRuleFile[];
  /**
   * Where a pulled window came from (the server's address included, when
   * known: the link builder drops it unless the sender opts in).
   */
  provenance?: SharedProvenance | null;
  /** Cap on events (most important first); default MAX_EVENTS. */
  maxEvents?: number;
  /** Stamp for `created` (tests pass a fixed one). */
  now?: Date;
}

const MARK_MEMBERS = 50;

const overlaps = (a: { start: number; end: number }, w: TimeRange) => a.end >= w.start && a.start <= w.end;

/** Rows in the window, plus evidence and mark members; the most telling ones first when over the cap. */
function chooseRows(s: ShareSource, w: TimeRange, marks: readonly Mark[], findings: readonly Finding[], cap: number): { rows: number[]; dropped: number } {
  const t = s.table;
  const extra = new Set<number>();
  for (const f of findings) for (const r of f.evidence.slice(0, MAX_EVIDENCE_PER_FINDING)) extra.add(r);
  for (const m of marks) for (const r of m.events.slice(0, MARK_MEMBERS)) extra.add(r);
  const from = lowerBound(t, w.start);
  const to = lowerBound(t, w.end + 1);
  const inWindow = to - from;
  if (inWindow + extra.size <= cap) {
    for (let r = from; r < to; r++) extra.add(r);
    return { rows: [...extra].filter((r) => r >= 0 && r < t.length).sort((a, b) => a - b), dropped: 0 };
  }
  // Over the cap: evidence and marks, then warnings and errors, then classified events, then the rest in order.
  const chosen = new Set([...extra].filter((r) => r >= 0 && r < t.length).slice(0, cap));
  for (let r = from; r < to && chosen.size < cap; r++) if (t.level[r] >= Level.warn) chosen.add(r);
  for (let r = from; r < to && chosen.size < cap; r++) if (t.kind[r] !== Kind.plain) chosen.add(r);
  for (let r = from; r < to && chosen.size < cap; r++) chosen.add(r);
  const inside = [...chosen].filter((r) => r >= from && r < to).length;
  return { rows: [...chosen].sort((a, b) => a - b), dropped: inWindow - inside };
}

function sharedFile(f: FileStats): SharedFile {
  return {
    name: f.name,
    format: f.format,
    formatLabel: f.formatLabel,
    bytes: f.bytes,
    lines: f.lines,
    events: f.events,
    firstTime: Number.isFinite(f.firstTime) ? f.firstTime : null,
    lastTime: Number.isFinite(f.lastTime) ? f.lastTime : null,
    zoneAssumed: f.zoneAssumed,
    ...(f.clockOffsetMs ? { clockOffsetMs: f.clockOffsetMs } : {}),
    error: f.error,
    notices: f.notices.slice(),
  };
}

export async function buildSharePayload(s: ShareSource, req: ShareRequest): Promise<SharePayload> {
  const w = req.window;
  const marks = s.marks.filter((m) => overlaps(m, w));
  const findingIdx = s.findings.map((f, i) => (overlaps(f, w) ? i : -1)).filter((i) => i >= 0);
  const findings = findingIdx.map((i) => s.findings[i]);
  const { rows, dropped } = chooseRows(s, w, marks, findings, req.maxEvents ?? MAX_EVENTS);
  const texts = await s.texts(rows);
  const t = s.table;
  const t0 = Math.floor(w.start);
  const index = new Map<number, number>();
  const loggerIds = new Map<number, number>([[0, 0]]);
  const loggers = [''];
  const logger = (id: number) => {
    let l = loggerIds.get(id);
    if (l === undefined) {
      l = loggers.length;
      loggers.push(t.loggers[id] ?? '');
      loggerIds.set(id, l);
    }
    return l;
  };
  const ev = emptyEvents();
  rows.forEach((r, i) => {
    index.set(r, i);
    const text = texts[i] ?? { message: '', raw: '' };
    const message = text.message.slice(0, MAX_SHARED_MESSAGE_CHARS);
    const rawCut = text.raw.length > MAX_SHARED_RAW_CHARS;
    const raw = rawCut ? text.raw.slice(0, MAX_SHARED_RAW_CHARS) : text.raw;
    ev.t.push(t.tMs[r] - t0);
    ev.ns.push(t.subNs[r]);
    ev.level.push(t.level[r]);
    ev.kind.push(t.kind[r]);
    ev.flags.push(t.flags[r] | (rawCut ? Flag.truncated : 0));
    ev.file.push(t.file[r]);
    ev.logger.push(logger(t.logger[r]));
    ev.line.push(t.line[r]);
    ev.lines.push(Math.max(1, t.lineCount[r]));
    ev.msg.push(message);
    ev.raw.push(raw === '' || raw === message ? null : raw);
  });
  const refs = (xs: readonly number[]) => xs.map((r) => index.get(r)).filter((i): i is number => i !== undefined);
  const selected = req.view.selectedFinding === null ? -1 : findingIdx.indexOf(req.view.selectedFinding);
  const provenance = sanitizeProvenance(req.provenance);
  const reductions = dropped > 0 ? [`${dropped} of the window's plain events left out (over ${rows.length} events)`] : [];
  return {
    v: SHARE_VERSION,
    created: (req.now ?? new Date()).toISOString(),
    window: { start: w.start, end: w.end },
    t0,
    files: s.files.map(sharedFile),
    loggers,
    events: ev,
    marks: marks.map((m) => {
      const out = { kind: m.kind, start: m.start, end: m.end, label: m.label, file: m.file, logger: logger(m.logger), events: refs(m.events), count: m.count };
      return m.spanEnd ? { ...out, spanEnd: m.spanEnd } : out;
    }),
    findings: findings.map((f) => {
      const out = {
        rule: f.rule,
        severity: f.severity,
        start: f.start,
        end: f.end,
        title: f.title,
        detail: f.detail,
        confidence: Math.min(1, Math.max(0, Number.isFinite(f.confidence) ? f.confidence : 0)),
        evidence: refs(f.evidence),
        evidenceTotal: f.evidence.length,
        ...(f.count !== undefined ? { count: f.count } : {}),
        ...(f.userRule ? { userRule: true } : {}),
      };
      const data = f.data === undefined ? undefined : sanitizeData(f.data);
      return data ? { ...out, data } : out;
    }),
    view: { ...req.view, selectedFinding: selected < 0 ? null : selected },
    vocabulary: (req.vocabulary ?? []).map((e) => ({ ...e, samples: e.samples.slice() })),
    ...(req.rules?.length ? { rules: req.rules.map((r) => ({ name: r.name, text: r.text })) } : {}),
    redaction: { categories: [], replaced: 0 },
    reductions,
    ...(provenance ? { provenance } : {}),
  };
}
