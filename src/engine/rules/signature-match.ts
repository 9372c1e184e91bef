// Which rows name a known failure signature (src/engine/knowledge/signatures).
// Shared by the failure-signature rule (runs of such lines) and first-failure
// (the earliest failure when nothing else fired), so both see the same lines.

import { builtinSignatures } from '../knowledge/index.ts';
import type { Signature } from '../knowledge/load-signatures.ts';
import { builtinSignatureFinder } from '../knowledge/signature-finder.ts';
import { Kind } from '../model/kinds.ts';
import { Level } from '../model/levels.ts';
import { textIds } from './text-ids.ts';
import type { RuleContext } from './types.ts';
import { FAILURE_WORD } from './helpers.ts';

export interface SignatureHits {
  sig: Signature;
  /** Matching rows in time order. */
  rows: number[];
}

/**
 * Up to this many rows, every row is tested on its own text: a template's placeholders can hide the words a signature needs.
 * In a bigger log, so are warnings and worse, classified events and lines with no level (journald, kubectl events, pasted text).
 */
const SMALL_LOG_ROWS = 5000;

/** Build the signature finder's scanner ahead of a big table's scan (analysis/analyze.ts prepareAnalysis). */
export function prepareSignatureScan(): void {
  builtinSignatureFinder().prepare();
}

/** One scan per analysis: failure-signature and first-failure read the same hits. */
const scanned = new WeakMap<RuleContext, SignatureHits[]>();

/** Every signature that matches some row, with its rows; the first matching signature (file order) wins a row. */
export function matchSignatures(ctx: RuleContext): SignatureHits[] {
  let hits = scanned.get(ctx);
  if (!hits) scanned.set(ctx, (hits = scan(ctx)));
  return hits;
}

/** A signature only a continuation line shows ("Caused by: ...ConnectException: Connection refused"). */
function findInCauses(ctx: RuleContext, row: number, find: (text: string) => number): number {
  const lines = ctx.causes?.(row);
  if (!lines) return -1;
  // The last cause is the root one (Java's innermost "Caused by:", Python's final exception line).
  for (let k = lines.length - 1; k >= 0; k--) {
    const i = find(lines[k]);
    if (i >= 0) return i;
  }
  return -1;
}

function scan(ctx: RuleContext): SignatureHits[] {
  const sigs = builtinSignatures();
  // Per template id: its answer + 2 (0: not tested yet); an array, since every routine row looks its template up.
  const byTemplate = new Int32Array(ctx.templates.length);
  const hits = new Map<number, SignatureHits>();
  const t = ctx.table;
  // Most texts name no signature: one pass of a literal scan rules them out before any pattern runs.
  const finder = builtinSignatureFinder();
  const find = (text: string) => finder.find(text);
  // A candidate's own text, searched once per distinct text: per text number, its answer + 2 (0: not searched yet).
  const texts = textIds(ctx).id;
  const byText = new Int32Array(textIds(ctx).count);
  const crash = Uint8Array.from(sigs, (s) => (s.family === 'crash' ? 1 : 0));
  // Rows tested on their own text (this loop visits every row of the log).
  const small = t.length <= SMALL_LOG_ROWS;
  const { level, kind } = t;
  for (let row = 0; row < t.length; row++) {
    let i: number;
    const lv = level[row];
    if (small || lv >= Level.warn || lv === Level.none || kind[row] !== Kind.plain) {
      const k = texts[row];
      if (byText[k] === 0) byText[k] = find(ctx.peek(row)) + 2;
      i = byText[k] - 2;
    } else {
      // Routine lines (info and below) are many: their template is tested once, so a signature logged at info is still seen.
      const tpl = t.template[row];
      const known = tpl < byTemplate.length ? byTemplate[tpl] : 0;
      i = known !== 0 ? known - 2 : find(ctx.templates[tpl]?.pattern ?? '');
      if (known === 0 && tpl < byTemplate.length) byTemplate[tpl] = i + 2;
    }
    // A generic crash line ("Traceback ...", "panic: ...") is better named by its root cause, when a cause line names one.
    if (i < 0 || crash[i] === 1) {
      const j = findInCauses(ctx, row, find);
      if (j >= 0 && (i < 0 || crash[j] === 0)) i = j;
    }
    if (i < 0) continue;
    let h = hits.get(i);
    if (!h) hits.set(i, (h = { sig: sigs[i], rows: [] }));
    h.rows.push(row);
  }
  return [...hits.values()];
}

/**
 * The text to quote for a row a signature named: its message, or, when only
 * a continuation line matched ("Caused by: ...ConnectException: Connection
 * refused"), that line, which is what a responder needs to read.
 */
export function failureText(ctx: RuleContext, row: number): string {
  const message = ctx.message(row);
  const lines = ctx.causes?.(row);
  if (!lines) return message;
  const oneLine = ctx.table.lineCount[row] < 2;
  // A one-line record's cause is one of its own fields (its err= field when no signature knows it): quote it beside the message it belongs to.
  const named = causeText(message, lines);
  // The whole raw line (a CSV row, a text line) already holds the message: quoting it again adds nothing.
  const cause = named === message && oneLine && lines.length && !lines[0].includes(message) ? lines[0] : named;
  return cause !== message && oneLine && !cause.startsWith('{') ? `${message} (${cause})` : cause;
}

function causeText(message: string, lines: readonly string[]): string {
  const sigs = builtinSignatures();
  // The first signature each text matches, as trying them in turn would find (firstOf: fewer patterns compiled).
  const finder = builtinSignatureFinder();
  const notCrash = (i: number) => sigs[i].family !== 'crash';
  const own = finder.firstOf(message);
  if (own >= 0 && notCrash(own)) return message;
  // The root cause a generic crash line leads to ("ConnectionRefusedError: ..." under "Traceback ...").
  for (let k = lines.length - 1; k >= 0; k--) if (finder.firstOf(lines[k], notCrash) >= 0) return lines[k];
  if (own >= 0) return message;
  for (let k = lines.length - 1; k >= 0; k--) if (finder.firstOf(lines[k]) >= 0) return lines[k];
  return message;
}

/** A row of a pasted `kubectl describe` Events table (or `kubectl get events`) whose type is Warning. */
export const EVENT_WARNING = /^\s*(?:\S+\s+)?Warning\s{2,}[A-Z][A-Za-z]+\s/;

/** A stack frame ("at x.y(Z.java:1)", "File \"a.py\", line 3", "main.go:12 +0x1d"): never a failure line, and not worth testing. */
const STACK_FRAME = /^\s*(?:at |File "|\S+\.go:\d+|#\d+ |\.\.\. \d+ more)/;

/**
 * Does a continuation line name a known failure: a decisive signature, or any
 * signature on a line that says it failed? The indented rows of a pasted `kubectl describe` Events table ("Warning
 * Unhealthy ... Readiness probe failed: ..."), a wrapped log line, a JSON
 * line whose error field says "no space left on device". Stack frames are
 * skipped before any pattern runs.
 */
export function namesKnownFailure(line: string): boolean {
  if (STACK_FRAME.test(line)) return false;
  // A decisive signature needs no failure word ("Reason: OOMKilled" in a pasted `kubectl describe pod`);
  // nor does a row of a pasted Events table typed Warning ("Warning  FailedScheduling ...").
  return builtinSignatureFinder().find(line, !(FAILURE_WORD.test(line) || EVENT_WARNING.test(line))) >= 0;
}
