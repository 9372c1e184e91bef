// Runs one Redactor over everything a payload carries that came from the
// logs or names them: messages, raw lines, file names and notices, logger
// names, mark labels, finding titles, details and data, the filter text,
// vocabulary samples, and a pulled window's service filter and SQL condition.
// One Redactor for all of it is what keeps placeholders consistent
// (10.0.0.12 is <ip-1> in the message, the raw line and the finding).
// Vocabulary patterns are regex source and stay as written.

import type { JsonValue, SharedProvenance, SharePayload } from './payload.ts';
import { Redactor, type CategoryReport, type RedactOptions } from './redact.ts';

export interface RedactedPayload {
  payload: SharePayload;
  report: CategoryReport[];
  /** Custom patterns that were refused, with why. */
  problems: Redactor['problems'];
}

function redactJson(v: JsonValue, text: (s: string) => string): JsonValue {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return v.map((x) => redactJson(x, text));
  if (v !== null && typeof v === 'object') {
    const out = Object.create(null) as { [key: string]: JsonValue };
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, text(k), { value: redactJson(v[k], text), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

/** Service names and the user's condition can name hosts, addresses, people; table, window and mapping are schema. */
function redactProvenance(p: SharedProvenance, t: (s: string) => string): SharedProvenance {
  const out = { ...p };
  if (p.sources) out.sources = p.sources.map(t);
  if (p.where !== undefined) out.where = t(p.where);
  return out;
}

/** A redacted copy of the payload; the input is not modified. */
export function redactPayload(p: SharePayload, options: RedactOptions = {}): RedactedPayload {
  const r = new Redactor(options);
  const t = (s: string) => r.text(s);
  const payload: SharePayload = {
    ...p,
    files: p.files.map((f) => ({ ...f, name: t(f.name), error: f.error === null ? null : t(f.error), notices: f.notices.map(t) })),
    loggers: p.loggers.map(t),
    events: { ...p.events, msg: p.events.msg.map(t), raw: p.events.raw.map((x) => (x === null ? null : t(x))) },
    marks: p.marks.map((m) => ({ ...m, label: t(m.label) })),
    findings: p.findings.map((f) => {
      const out = { ...f, title: t(f.title), detail: t(f.detail) };
      if (f.data) out.data = redactJson(f.data, t) as { [key: string]: JsonValue };
      return out;
    }),
    view: { ...p.view, filters: { ...p.view.filters, text: t(p.view.filters.text), sources: p.view.filters.sources.map(t), ...(p.view.filters.patterns ? { patterns: p.view.filters.patterns.map(t) } : {}) }, ...(p.view.columns ? { columns: p.view.columns.map(t) } : {}) },
    vocabulary: p.vocabulary.map((e) => ({ ...e, note: t(e.note), samples: e.samples.map(t) })),
    ...(p.provenance ? { provenance: redactProvenance(p.provenance, t) } : {}),
    redaction: { categories: r.appliedCategories(), replaced: r.replaced },
  };
  return { payload, report: r.report(), problems: r.problems };
}
