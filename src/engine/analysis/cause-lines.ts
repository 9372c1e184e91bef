// The line that names a failure is often not an event's first line: Java's
// "Caused by: ...ConnectException: Connection refused", Python's last
// exception line under a traceback, Go's "panic:" detail and "[signal SIGSEGV"
// sit in the continuation lines, which ingest does not keep in memory. After
// load, the raw text of a bounded number of multi-line failure events is read
// back once and their cause lines are kept for the failure signatures
// (rules/signature-match.ts), so ingest pays nothing for it.

import type { IngestResult } from '../ingest/ingest.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { namesKnownFailure } from '../rules/signature-match.ts';
import { FAILURE_WORD, ROUTINE_ERROR, troubled } from '../rules/helpers.ts';

/** Multi-line events read back at most (the earliest failures first): a few hundred is what a responder reads. */
export const CAUSE_ROWS = 400;
/** Bytes read of each: a long Java stack keeps its "Caused by:" lines well within this. */
export const CAUSE_BYTES = 16384;
/** One-line errors read back at most, within CAUSE_ROWS: their whole line, fields included, is tested. */
export const CAUSE_SINGLE_ROWS = 200;
/** Continuation lines of an event tested against every failure signature (the cause-line shapes are tested on all). */
const SIGNATURE_LINES = 40;
/** Cause lines kept per event. */
const CAUSES_PER_EVENT = 8;

/**
 * A continuation line that states a failure rather than a stack frame:
 * "Caused by: ...", "panic: ...", "fatal error: ...", "[signal SIGSEGV ...",
 * "thread 'main' panicked at ...", and an exception type with its message
 * ("psycopg2.OperationalError: ...", "Error: connect ECONNREFUSED ...").
 */
const CAUSE_LINE = /^\s*(?:Caused by:|panic:|fatal error:|\[signal |thread '[^']*' panicked|(?:[A-Za-z_$][\w$]*\.)*[A-Za-z_$]*(?:Error|Exception|Exit|Interrupt|Fault|Failure|Timeout)\w*:\s)/;

/** An unlevelled line whose message says it failed ("Error accepting new connection" with the reason in a field the format did not read a level from). */
function saysFailed(r: IngestResult, row: number): boolean {
  return FAILURE_WORD.test(r.messages[row] ?? r.templates[r.table.template[row]]?.pattern ?? '');
}

/** Rows worth reading back: several lines long and a failure by level or kind (or unlevelled, as pasted text is), and one-line errors. */
export function causeRows(r: IngestResult): number[] {
  const t = r.table;
  const rows: number[] = [];
  let single = 0;
  for (let row = 0; row < t.length && rows.length < CAUSE_ROWS; row++) {
    const lv = t.level[row];
    if (t.lineCount[row] < 2) {
      // A one-line error keeps its cause in a field the message leaves out (JSON's "error": "... no space left on device").
      if ((lv >= Level.error || (lv === Level.none && saysFailed(r, row))) && single < CAUSE_SINGLE_ROWS) {
        rows.push(row);
        single++;
      }
      continue;
    }
    if (lv >= Level.warn || lv === Level.none || t.kind[row] !== Kind.plain) rows.push(row);
  }
  return rows;
}

/** The cause lines of one event's raw text (its first line is the message, already tested). */
export function causeLines(raw: string): string[] {
  const out: string[] = [];
  const lines = raw.replace(/\n$/, '').split('\n');
  // A one-line event: the fields that name a failure its message does not ("error: context deadline exceeded"),
  // else the line itself.
  if (lines.length === 1) return namesKnownFailure(lines[0]) ? failingFields(lines[0]) ?? [lines[0].trim()] : troubleFields(lines[0]);
  for (let i = 1; i < lines.length && out.length < CAUSES_PER_EVENT; i++) {
    const l = lines[i];
    // Signatures are looked for in the first lines only: a pasted table or wrapped line is short, a trace's tail is frames.
    if (CAUSE_LINE.test(l) || (i <= SIGNATURE_LINES && namesKnownFailure(l))) out.push(l.trim());
  }
  return out;
}

/** Fields quoted from one JSON line: a responder reads "error: …", not the record's raw text. */
const MAX_FIELDS = 3;

/** The `key: value` pairs of a JSON object line (top level and one level down) that name a known failure, or null. */
function failingFields(line: string): string[] | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return null; // cut or not JSON: quote the line
  }
  const out: string[] = [];
  const visit = (obj: unknown, prefix: string, depth: number) => {
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return;
    for (const [k, v] of Object.entries(obj)) {
      if (out.length >= MAX_FIELDS) return;
      if (typeof v === 'string') {
        const pair = `${prefix}${k}: ${v}`;
        if (namesKnownFailure(pair)) out.push(pair);
      } else if (depth < 1) visit(v, `${prefix}${k}.`, depth + 1);
    }
  };
  visit(record, '', 0);
  return out.length ? out : null;
}

/** A field that carries a record's error: logfmt's err="..." or error=..., JSON's "error" or "err" (top level). */
const ERROR_FIELD = /(?:^|\s)(err|error|reason|cause)=("(?:[^"\\]|\\.)*"|\S+)/g;
const ERROR_KEYS = new Set(['err', 'error', 'reason', 'cause']);

/**
 * The error field of a one-line record no signature knows, when it says what
 * went wrong in words of trouble: Alertmanager's msg="Notify for alerts
 * failed" keeps "... unrecoverable error after 1 attempts: unexpected status
 * code 400" in err=. A responder reads that field; the message alone says
 * only that something failed.
 */
function troubleFields(line: string): string[] {
  const text = line.trim();
  const pairs: [string, string][] = [];
  if (text.startsWith('{')) {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return [];
    }
    if (typeof record !== 'object' || record === null) return [];
    for (const [k, v] of Object.entries(record)) if (ERROR_KEYS.has(k.toLowerCase()) && typeof v === 'string') pairs.push([k, v]);
  } else {
    for (const m of text.matchAll(ERROR_FIELD)) pairs.push([m[1], m[2].startsWith('"') ? m[2].slice(1, -1).replace(/\\(.)/g, '$1') : m[2]]);
  }
  // A caller that gave up (err="context canceled") is kept too: it tells the failure apart from one that stands.
  return pairs.filter(([k, v]) => troubled(v) || ROUTINE_ERROR.test(`${k}: ${v}`)).slice(0, MAX_FIELDS).map(([k, v]) => `${k}: ${v.trim()}`);
}

/** Read back the candidate rows once and keep their cause lines on the result (r.causes). */
export async function readCauses(r: IngestResult, raws: (rows: number[]) => Promise<string[]>): Promise<void> {
  const causes = new Map<number, string[]>();
  r.causes = causes;
  const rows = causeRows(r);
  if (rows.length === 0) return;
  const texts = await raws(rows);
  rows.forEach((row, i) => {
    const found = causeLines(texts[i] ?? '');
    if (found.length) causes.set(row, found);
  });
}
