// Clips a payload to what the decoder accepts (limits.ts), right before
// encoding. Builders and redaction may produce longer text than a link may
// carry (a file name from ?url=, a message whose short secrets became longer
// placeholders); clipping here means every link Timberline makes also opens.

import { MAX_EVENTS, MAX_FILES, MAX_FINDINGS, MAX_MARKS, MAX_RULE_FILES, MAX_VOCABULARY, TEXT_CAPS as C } from './limits.ts';
import { MAX_RULE_FILE_BYTES } from '../engine/knowledge/rule-loader.ts';
import { checkUserRegex } from './regex-safety.ts';
import { sanitizeData } from './validate.ts';
import { provenanceField, PROVENANCE_CAPS } from './validate-provenance.ts';
import { NarrowError } from './narrow.ts';
import type { SharedProvenance, SharePayload } from './payload.ts';

export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  // Do not leave half a surrogate pair at the cut.
  const cut = s.charCodeAt(max - 2) >= 0xd800 && s.charCodeAt(max - 2) <= 0xdbff ? max - 2 : max - 1;
  return s.slice(0, cut) + '…';
}

/** A pulled window's provenance clipped to the caps (redaction can lengthen a condition). */
export function fitProvenance(p: SharedProvenance): SharedProvenance {
  const out = { ...p };
  if (p.sources) out.sources = list(p.sources, PROVENANCE_CAPS.sources, PROVENANCE_CAPS.source);
  if (p.where !== undefined) out.where = clip(p.where, PROVENANCE_CAPS.where);
  return out;
}

/** The provenance a new link may carry, or undefined when what the app holds is not a valid one (a hand-made bundle's manifest). */
export function sanitizeProvenance(p: SharedProvenance | null | undefined): SharedProvenance | undefined {
  if (!p) return undefined;
  try {
    return provenanceField(fitProvenance(p));
  } catch (e) {
    if (e instanceof NarrowError) return undefined;
    throw e;
  }
}

const list = (xs: readonly string[], maxItems: number, maxLen: number) => xs.slice(0, maxItems).map((x) => clip(x, maxLen));

export function fitPayload(p: SharePayload): SharePayload {
  const n = Math.min(p.events.t.length, MAX_EVENTS);
  const inRange = (xs: readonly number[]) => xs.filter((i) => i < n).slice(0, C.refs);
  const e = p.events;
  const findings = p.findings.slice(0, MAX_FINDINGS).map((f) => {
    const out = { ...f, rule: clip(f.rule, C.rule), title: clip(f.title, C.title), detail: clip(f.detail, C.detail), evidence: inRange(f.evidence) };
    out.evidenceTotal = Math.max(out.evidenceTotal, out.evidence.length);
    if (f.data !== undefined) {
      const d = sanitizeData(f.data);
      if (d) out.data = d;
      else delete out.data;
    }
    return out;
  });
  const sel = p.view.selectedFinding;
  return {
    ...p,
    files: p.files.slice(0, MAX_FILES).map((f) => ({
      ...f,
      name: clip(f.name, C.fileName),
      format: clip(f.format, C.format),
      formatLabel: clip(f.formatLabel, C.formatLabel),
      error: f.error === null ? null : clip(f.error, C.error),
      notices: list(f.notices, C.notices, C.notice),
    })),
    loggers: list(p.loggers, C.loggers, C.logger),
    events: {
      t: e.t.slice(0, n),
      ns: e.ns.slice(0, n),
      level: e.level.slice(0, n),
      kind: e.kind.slice(0, n),
      flags: e.flags.slice(0, n),
      file: e.file.slice(0, n),
      logger: e.logger.slice(0, n).map((l) => (l < C.loggers ? l : 0)),
      line: e.line.slice(0, n),
      lines: e.lines.slice(0, n),
      msg: e.msg.slice(0, n).map((m) => clip(m, C.msg)),
      raw: e.raw.slice(0, n).map((r) => (r === null ? null : clip(r, C.raw))),
    },
    marks: p.marks.slice(0, MAX_MARKS).map((m) => ({ ...m, label: clip(m.label, C.label), events: inRange(m.events), logger: m.logger < C.loggers ? m.logger : 0 })),
    findings,
    view: {
      ...p.view,
      selectedFinding: sel !== null && sel < findings.length ? sel : null,
      filters: { ...p.view.filters, text: clip(p.view.filters.text, C.filterText), sources: list(p.view.filters.sources, C.sources, C.source) },
      ...(p.view.columns ? { columns: p.view.columns.filter((c) => c.length <= C.column).slice(0, C.columns) } : {}),
    },
    vocabulary: p.vocabulary.filter((v) => v.pattern.length <= C.pattern && checkUserRegex(v.pattern).ok).slice(0, MAX_VOCABULARY).map((v) => ({ ...v, note: clip(v.note, C.note), samples: list(v.samples, C.samples, C.sample) })),
    reductions: list(p.reductions, C.reductions, C.reduction),
    // Rule files are never clipped (a cut file would not load): the ones over the caps stay out.
    ...(p.provenance ? { provenance: fitProvenance(p.provenance) } : {}),
    ...(p.rules ? { rules: p.rules.filter((r) => r.name.length <= C.ruleFileName && r.text.length <= MAX_RULE_FILE_BYTES).slice(0, MAX_RULE_FILES) } : {}),
  };
}
