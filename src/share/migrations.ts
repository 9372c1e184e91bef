// Older link formats still open: each entry of MIGRATIONS turns version N
// into version N+1, and the decoder applies them in order before validating
// the current version strictly. Add an entry (and a test with a real link of
// the old shape) whenever SHARE_VERSION goes up; never edit an old one.
//
// Version 0 is the prototype's shape, kept because links made with it exist:
//   { version: 0,
//     range: [startIso, endIso],
//     files: string[],
//     lines: [{ ts: ISO time, level: level name, file: index, line: number, text: raw line }],
//     findings: [{ rule, severity, from: ISO, to: ISO, title, detail, lines: indices into lines }],
//     zoom?: [startIso, endIso] }
// It had row objects with ISO times, no marks, no view and no vocabulary.

import { LEVEL_NAMES } from '../engine/model/levels.ts';
import { arr, field, int, NarrowError, obj, oneOf, str } from './narrow.ts';
import { SHARE_VERSION, defaultView, emptyEvents, type SharedFinding, type SharePayload } from './payload.ts';
import { MAX_EVENTS, MAX_FILES, MAX_FINDINGS } from './limits.ts';
import type { ShareErrorCode } from './codec.ts';

type Migration = (old: unknown) => unknown;

function isoTime(v: unknown, path: string): number {
  const s = str(v, path, 64);
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) throw new NarrowError(path, 'is not a time');
  return ms;
}

function isoRange(v: unknown, path: string): { start: number; end: number } {
  const a = arr(v, path, 2);
  if (a.length !== 2) throw new NarrowError(path, 'is not a [start, end] pair');
  const start = isoTime(a[0], `${path}[0]`);
  const end = isoTime(a[1], `${path}[1]`);
  if (end < start) throw new NarrowError(path, 'ends before it starts');
  return { start, end };
}

function v0ToV1(old: unknown): SharePayload {
  const o = obj(old, 'payload');
  const window = isoRange(field(o, 'range'), 'range');
  const names = arr(field(o, 'files'), 'files', MAX_FILES).map((x, i) => str(x, `files[${i}]`, 1024));
  const lines = arr(field(o, 'lines'), 'lines', MAX_EVENTS);
  const events = emptyEvents();
  const perFile = names.map(() => ({ events: 0, first: Infinity, last: -Infinity }));
  for (let i = 0; i < lines.length; i++) {
    const l = obj(lines[i], `lines[${i}]`);
    const t = isoTime(field(l, 'ts'), `lines[${i}].ts`);
    const fileIndex = int(field(l, 'file'), `lines[${i}].file`, 0, names.length - 1);
    const text = str(field(l, 'text'), `lines[${i}].text`, 16384);
    events.t.push(t - window.start);
    events.ns.push(0);
    events.level.push(LEVEL_NAMES.indexOf(oneOf(field(l, 'level') ?? 'none', `lines[${i}].level`, LEVEL_NAMES)));
    events.kind.push(0);
    events.flags.push(0);
    events.file.push(fileIndex);
    events.logger.push(0);
    events.line.push(int(field(l, 'line'), `lines[${i}].line`, 0, 0xffffffff));
    events.lines.push(1);
    const nl = text.indexOf('\n');
    events.msg.push((nl < 0 ? text : text.slice(0, nl)).slice(0, 4096));
    events.raw.push(nl < 0 && text.length <= 4096 ? null : text);
    const f = perFile[fileIndex];
    f.events++;
    f.first = Math.min(f.first, t);
    f.last = Math.max(f.last, t);
  }
  const findings: SharedFinding[] = arr(field(o, 'findings') ?? [], 'findings', MAX_FINDINGS).map((x, i) => {
    const f = obj(x, `findings[${i}]`);
    const r = isoRange([field(f, 'from'), field(f, 'to')], `findings[${i}] from/to`);
    const evidence = arr(field(f, 'lines') ?? [], `findings[${i}].lines`, 10_000).map((e, k) => int(e, `findings[${i}].lines[${k}]`, 0, lines.length - 1));
    return {
      rule: str(field(f, 'rule'), `findings[${i}].rule`, 128),
      severity: oneOf(field(f, 'severity'), `findings[${i}].severity`, ['critical', 'warning', 'info'] as const),
      start: r.start,
      end: r.end,
      title: str(field(f, 'title'), `findings[${i}].title`, 500),
      detail: str(field(f, 'detail') ?? '', `findings[${i}].detail`, 20_000),
      confidence: 1,
      evidence,
      evidenceTotal: evidence.length,
    };
  });
  const zoom = field(o, 'zoom');
  const view = defaultView(zoom === undefined ? window : isoRange(zoom, 'zoom'));
  return {
    v: SHARE_VERSION,
    created: new Date(0).toISOString(),
    window,
    t0: window.start,
    files: names.map((name, i) => ({
      name,
      format: '',
      formatLabel: '',
      bytes: 0,
      lines: perFile[i].events,
      events: perFile[i].events,
      firstTime: Number.isFinite(perFile[i].first) ? perFile[i].first : null,
      lastTime: Number.isFinite(perFile[i].last) ? perFile[i].last : null,
      zoneAssumed: false,
      error: null,
      notices: [],
    })),
    loggers: [''],
    events,
    marks: [],
    findings,
    view,
    vocabulary: [],
    redaction: { categories: [], replaced: 0 },
    reductions: ['made by an older Timberline (format 0): no marks or view'],
  };
}

/** MIGRATIONS[n] turns version n into version n + 1. */
export const MIGRATIONS: Record<number, Migration> = {
  0: v0ToV1,
};

export type Migrated = { ok: true; value: unknown } | { ok: false; code: ShareErrorCode; message: string };

/** The version a parsed payload claims: `v`, or `version` in format 0. */
export function payloadVersion(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = field(value as Record<string, unknown>, 'v') ?? field(value as Record<string, unknown>, 'version');
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

export function migrateToCurrent(value: unknown): Migrated {
  const version = payloadVersion(value);
  if (version === null || version < 0) return { ok: false, code: 'invalid', message: 'This link unpacks, but carries no format version: it was not made by Timberline.' };
  if (version > SHARE_VERSION) {
    return {
      ok: false,
      code: 'unsupported-version',
      message: `This link was made by a newer Timberline (link format ${version}); this copy opens formats up to ${SHARE_VERSION}. Open it with the newest Timberline.`,
    };
  }
  let v = value;
  for (let n = version; n < SHARE_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (!step) return { ok: false, code: 'unsupported-version', message: `Links of format ${n} can no longer be opened.` };
    try {
      v = step(v);
    } catch (e) {
      if (e instanceof NarrowError) return { ok: false, code: 'invalid', message: `This link (format ${n}) is malformed: ${e.message}.` };
      throw e;
    }
  }
  return { ok: true, value: v };
}
