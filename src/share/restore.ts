// Turns a decoded share payload back into what a load produces (an
// IngestResult plus its Analysis), so the app renders a shared incident with
// no files through exactly the code path it uses for dropped files. The raw
// text of the shared events becomes one small in-memory "file" per original
// file, and each event's byte range points into it, so the detail panel and
// search read raw lines back the way they always do. Line numbers stay the
// original ones: "api.log:4812" in a restored finding is the real line.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import type { Analysis } from '../engine/analysis/analyze.ts';
import { bytesSource, type ByteSource, type RangeReader } from '../engine/ingest/byte-source.ts';
import { newFileStats, type FileStats } from '../engine/ingest/file-stats.ts';
import type { IngestResult } from '../engine/ingest/ingest.ts';
import { utf8Length } from '../engine/ingest/line-splitter.ts';
import type { Mark } from '../engine/marks/types.ts';
import { TableBuilder } from '../engine/model/table-builder.ts';
import type { Finding } from '../engine/rules/types.ts';
import { Templater } from '../engine/templates/templater.ts';
import { decodePayload, ShareLinkError, type DecodeLimits } from './codec.ts';
import { shareFragment } from './link.ts';
import type { RedactionSummary, SharedProvenance, SharedRuleFile, SharePayload, ShareView, TimeRange } from './payload.ts';

export interface RestoredIncident {
  /** Feed to the engine session (adopt) exactly like a fresh load. */
  result: IngestResult;
  analysis: Analysis;
  /** One in-memory source per file holding the shared raw text; `result.table` byte ranges point into them. */
  sources: (ByteSource & RangeReader)[];
  view: ShareView;
  /** The range the link carries events for. */
  window: TimeRange;
  vocabulary: VocabularyEntry[];
  /** The sender's rule files (validated on decoding). */
  rules: SharedRuleFile[];
  redaction: RedactionSummary;
  /** What the sender left out, for a notice ("debug lines dropped"). */
  reductions: string[];
  /** When the link was made (ISO). */
  created: string;
  /** The query the sender's pulled window came from, if it was one. */
  provenance: SharedProvenance | null;
}

function fileStats(p: SharePayload, i: number, shared: number): FileStats {
  const f = p.files[i];
  // The original size (for display); the in-memory source holding the shared text is smaller.
  const s = newFileStats(f.name, f.bytes);
  s.format = f.format;
  s.formatLabel = f.formatLabel;
  s.lines = f.lines;
  s.events = f.events;
  s.firstTime = f.firstTime ?? NaN;
  s.lastTime = f.lastTime ?? NaN;
  s.zoneAssumed = f.zoneAssumed;
  if (f.clockOffsetMs) s.clockOffsetMs = f.clockOffsetMs;
  s.error = f.error;
  s.notices = [...f.notices, `from a share link: ${shared} of its ${f.events} events are included`];
  return s;
}

/** Build the result a load would have produced, from a validated payload. */
export function restoreFromShare(p: SharePayload): RestoredIncident {
  const e = p.events;
  const n = e.t.length;
  const builder = new TableBuilder(Math.max(16, n));
  const templater = new Templater();
  const texts: string[][] = p.files.map(() => []);
  const offsets = p.files.map(() => 0);
  const loggerIds = p.loggers.map((name) => builder.internLogger(name));
  for (let i = 0; i < n; i++) {
    const file = e.file[i];
    const text = e.raw[i] ?? e.msg[i];
    const len = utf8Length(text);
    builder.push({
      tMs: p.t0 + e.t[i],
      subNs: e.ns[i],
      level: e.level[i],
      kind: e.kind[i],
      flags: e.flags[i],
      file,
      logger: loggerIds[e.logger[i]] ?? 0,
      line: e.line[i],
      lineCount: e.lines[i],
      byteOffset: offsets[file],
      byteLength: len,
      template: templater.add(e.msg[i]),
    });
    texts[file].push(text);
    offsets[file] += len + 1;
  }
  const { table, order } = builder.finish();
  const rowOf = new Uint32Array(n);
  for (let row = 0; row < n; row++) rowOf[order[row]] = row;
  const messages = Array.from(order, (old) => e.msg[old]);
  const sources = p.files.map((f, i) => bytesSource(f.name, texts[i].join('\n')));
  const shared = p.files.map(() => 0);
  for (const f of e.file) shared[f]++;
  const files = p.files.map((_, i) => fileStats(p, i, shared[i]));
  const rows = (xs: readonly number[]) => xs.map((i) => rowOf[i]);
  const marks: Mark[] = p.marks.map((m) => {
    const out: Mark = { kind: m.kind, start: m.start, end: m.end, label: m.label, file: m.file, logger: loggerIds[m.logger] ?? 0, events: rows(m.events), count: m.count };
    if (m.spanEnd) out.spanEnd = m.spanEnd;
    return out;
  });
  const findings: Finding[] = p.findings.map((f) => {
    const out: Finding = { rule: f.rule, severity: f.severity, start: f.start, end: f.end, title: f.title, detail: f.detail, confidence: f.confidence, evidence: rows(f.evidence).sort((a, b) => a - b) };
    if (f.count !== undefined) out.count = f.count;
    if (f.data) out.data = f.data;
    if (f.userRule) out.userRule = true;
    return out;
  });
  return {
    result: { table, files, messages, templates: templater.list(), decompressed: p.files.map(() => null) },
    analysis: { marks, findings },
    sources,
    view: p.view,
    window: p.window,
    vocabulary: p.vocabulary,
    rules: p.rules ?? [],
    redaction: p.redaction,
    reductions: p.reductions,
    created: p.created,
    provenance: p.provenance ?? null,
  };
}

/** `#s=...` text (or a whole URL / hash) -> a restored incident; throws ShareLinkError with a message for the user. */
export async function openShareLink(link: string, limits?: DecodeLimits): Promise<RestoredIncident> {
  const encoded = shareFragment(link);
  if (encoded === null) throw new ShareLinkError('empty', 'This address carries no shared incident (no "#s=" part).');
  return restoreFromShare(await decodePayload(encoded, limits));
}
