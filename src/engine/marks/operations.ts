// Operation spans: pair each op-start with its op-end in the same file, by
// the identifier both carry (a subject field of the record such as Caddy's
// `identifier`, see classify/subject.ts, else one named in the text), else
// by operation family (oldest open first), else (an end that names nothing,
// "done") with the latest open operation. Two identifiers that both come
// from fields and differ never pair.
// A start that follows an open operation of the same family within STEP_MS
// under a different template ("Renewing certificate" then "Starting ACME
// process") is a step of it, not a new operation.
// Ends that are never logged (Centauri logs none) are inferred only where the
// evidence allows: in a family that never logs an end, a run of starts less
// than SERIES_MAX_GAP_MS apart is sequential, so the next start ends the
// previous one ('inferred'). Anything else without an end stays 'open', with
// `end` at the last time it was seen; failed ends give 'failed'.

import { Flag, Kind } from '../model/kinds.ts';
import type { EventTable } from '../model/event-table.ts';
import type { Mark, SpanEnd } from './types.ts';
import type { SourceIndex } from './sources.ts';
import { cleanKey, opFamily, opKey } from './op-identity.ts';
import { MAX_MARK_EVENTS, labelOf } from './points.ts';
import { OpenOps } from './open-ops.ts';
import type { TextNumbers } from './types.ts';

/** A second start within this long of an open operation's last event, same family, other template: a step of it.
 * Steps of one renewal (renew, ACME order, challenge) follow each other within a second or two. */
export const STEP_MS = 5_000;
/** Starts further apart than this are not one sequential series: nothing says the first ran that long.
 * Five minutes covers a slow ACME order or backup step while keeping nightly runs apart. */
export const SERIES_MAX_GAP_MS = 5 * 60_000;
/** Open operations tracked per file for pairing; older ones stay open (ends that far back are unlikely). */
const MAX_TRACKED_OPEN = 1_000;
/** Cap on operation marks: the UI draws hundreds, not millions. Unfinished and failed ones are kept first. */
export const MAX_OPERATION_MARKS = 5_000;

interface Op {
  startRow: number;
  start: number;
  end: number;
  lastSeen: number;
  key: string;
  /** The key came from a subject field (authoritative), not from the message text. */
  fieldKey: boolean;
  family: string;
  startTemplate: number;
  /** Templates of the steps folded into it (null until the first). */
  steps: Set<number> | null;
  events: number[];
  spanEnd: SpanEnd;
  file: number;
}

export interface OperationInput {
  table: EventTable;
  sources: SourceIndex;
  message(row: number): string;
  /** The rows' texts numbered (rules/text-ids.ts): rows with one number have one message. */
  texts?: TextNumbers;
}

export function operationMarks(input: OperationInput): Mark[] {
  const { table, sources, message } = input;
  const ops: Op[] = [];
  // No push(...spread): a big file has more operations than the call stack has room for arguments.
  // Operation rows are notable (sources.ts): pairing walks those, not every row of the file.
  const keyOf = memoised(opKey, input.texts);
  const familyOf = memoised(opFamily, input.texts);
  for (let f = 0; f < sources.notable.length; f++) for (const op of pairFile(table, sources.notable[f], f, message, keyOf, familyOf)) ops.push(op);
  inferSequentialEnds(ops);
  return toMarks(ops, message);
}

/** Distinct messages whose identifier and family are remembered per file (a big file's ops repeat a few messages). */
const MEMO_MAX = 100_000;

/**
 * `read` of a row's text once per distinct text: operation lines repeat ("renewing certificate for a.example.com"),
 * and reading one runs a dozen regular expressions. By the text's number when the texts are numbered, else in a Map.
 */
function memoised(read: (text: string) => string, texts: TextNumbers | undefined): (row: number, text: string) => string {
  if (texts) {
    // Per text number, 1 + the index of its answer (0: not read yet): a typed array is allocated zeroed in one go.
    const slot = new Int32Array(texts.count);
    const answers: string[] = [];
    return (row, text) => {
      const i = texts.id[row];
      const k = slot[i];
      if (k !== 0) return answers[k - 1];
      const v = read(text);
      slot[i] = answers.push(v);
      return v;
    };
  }
  const seen = new Map<string, string>();
  return (_row, text) => {
    let v = seen.get(text);
    if (v === undefined) {
      v = read(text);
      if (seen.size < MEMO_MAX) seen.set(text, v);
    }
    return v;
  };
}

type Memo = (row: number, text: string) => string;

function pairFile(table: EventTable, rows: Int32Array, file: number, message: (row: number) => string, keyOf: Memo, familyOf: Memo): Op[] {
  const all: Op[] = [];
  const open = new OpenOps<Op>(MAX_TRACKED_OPEN);
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const kind = table.kind[row];
    if (kind !== Kind.opStart && kind !== Kind.opEnd) continue;
    const msg = message(row);
    const t = table.tMs[row];
    const subject = table.subjects?.get(row);
    const fieldKey = !!subject;
    const key = subject ? cleanKey(subject) : keyOf(row, msg);
    const noun = familyOf(row, msg);
    if (kind === Kind.opStart) {
      const family = noun || `template ${table.template[row]}`;
      const last = open.last();
      if (last && last.family === family && (key === '' || key === last.key) && t - last.lastSeen <= STEP_MS
        && table.template[row] !== last.startTemplate && !last.steps?.has(table.template[row])) {
        (last.steps ??= new Set()).add(table.template[row]);
        last.lastSeen = t;
        if (last.events.length < MAX_MARK_EVENTS) last.events.push(row);
        continue;
      }
      const op: Op = { startRow: row, start: t, end: t, lastSeen: t, key, fieldKey, family, startTemplate: table.template[row], steps: null, events: [row], spanEnd: 'open', file };
      open.add(op);
      all.push(op);
      continue;
    }
    const op = open.find(key, noun, fieldKey);
    if (!op) continue; // an end whose start is before the file begins
    open.remove(op);
    op.end = t;
    op.lastSeen = t;
    op.spanEnd = table.flags[row] & Flag.failed ? 'failed' : 'ended';
    op.events.push(row);
  }
  return all;
}

/** In families that never log an end, the next start of a close run ends the previous one. */
function inferSequentialEnds(ops: Op[]): void {
  // Per file, then per family (no key string built per operation: a big log has tens of thousands).
  const byFile = new Map<number, Map<string, Op[]>>();
  for (const op of ops) {
    let families = byFile.get(op.file);
    if (!families) byFile.set(op.file, (families = new Map()));
    let list = families.get(op.family);
    if (!list) families.set(op.family, (list = []));
    list.push(op);
  }
  for (const list of [...byFile.values()].flatMap((families) => [...families.values()])) {
    if (list.some((o) => o.spanEnd === 'ended' || o.spanEnd === 'failed')) continue;
    for (let i = 0; i + 1 < list.length; i++) {
      const next = list[i + 1];
      if (next.start - list[i].lastSeen <= SERIES_MAX_GAP_MS) {
        list[i].end = Math.max(list[i].lastSeen, next.start);
        list[i].spanEnd = 'inferred';
      }
    }
  }
  for (const op of ops) if (op.spanEnd === 'open') op.end = op.lastSeen;
}

const SUFFIX: Record<SpanEnd, string> = {
  ended: '',
  failed: ' (failed)',
  inferred: ' (end inferred from the next start)',
  open: ' (no end logged)',
};

function toMarks(ops: Op[], message: (row: number) => string): Mark[] {
  let kept = ops;
  if (ops.length > MAX_OPERATION_MARKS) {
    const rank = (o: Op) => (o.spanEnd === 'open' || o.spanEnd === 'failed' ? Infinity : o.end - o.start);
    kept = [...ops].sort((a, b) => rank(b) - rank(a)).slice(0, MAX_OPERATION_MARKS);
  }
  return kept.map((o) => {
    const text = labelOf(message(o.startRow));
    const named = o.key && !text.toLowerCase().includes(o.key) ? `${text} [${o.key}]` : text;
    return {
      kind: 'operation',
      start: o.start,
      end: o.end,
      label: named + SUFFIX[o.spanEnd],
      file: o.file,
      logger: 0,
      events: o.events,
      count: o.events.length,
      spanEnd: o.spanEnd,
      key: o.key,
      family: o.family,
      lastSeen: o.lastSeen,
    };
  });
}
