// The log query language, kept to what Loki, Datadog and Kibana users type
// without reading a manual: words are free text over the message and the
// record's field values, `field=value`, `field!=value`, `field>=500` (also >,
// <, <=), `field=~regex` (and `!~`), `-term` excludes, `level>=warn` compares
// severities, `"quoted phrases"` keep their spaces, `/regex/flags` matches the
// message as before; spaces mean AND. Parsing yields a plan the evaluator
// (evaluate.ts) runs over the event table's rows, in the worker or the CLI.

export type FieldOp = '=' | '!=' | '>=' | '<=' | '>' | '<' | '=~' | '!~';

export type Term =
  | { kind: 'text'; text: string; negate: boolean }
  | { kind: 'regex'; source: string; flags: string; negate: boolean }
  | { kind: 'field'; field: string; op: FieldOp; value: string; negate: boolean };

export interface QueryPlan {
  terms: Term[];
}

export type ParseResult = { ok: true; plan: QueryPlan } | { ok: false; error: string; at: number };

/** Longest operators first, so `>=` is not read as `>` followed by `=value`. */
const OPS: FieldOp[] = ['=~', '!~', '!=', '>=', '<=', '=', '>', '<'];
/** A field name: letters, digits, `_ . - @`, starting with a letter, `_` or `@` (`@timestamp`, `http.status`). */
const FIELD = /^[A-Za-z_@][\w.@-]*$/;
/** Bounds a query's work: a pasted log line is not a query. */
export const MAX_TERMS = 32;

interface Token {
  text: string;
  at: number;
  /** Where a double-quoted part began inside `text` (-1: none). */
  quotedFrom: number;
}

/** End (exclusive) of a /regex/flags literal opening at `open`, or -1. */
function regexEnd(q: string, open: number): number {
  for (let j = open + 1; j < q.length; j++) {
    if (q[j] === '\\') {
      j++;
      continue;
    }
    if (q[j] !== '/') continue;
    // The first unescaped / closes it; a / followed by more text (a path) means this was never a regex.
    const m = j > open + 1 ? /^[gimsuy]*(?=\s|$)/.exec(q.slice(j + 1)) : null;
    return m ? j + 1 + m[0].length : -1;
  }
  return -1;
}

/** Split on spaces outside double quotes; `\"` inside quotes is a quote. */
function tokenize(q: string): Token[] | { error: string; at: number } {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i])) i++;
    if (i >= q.length) break;
    const at = i;
    // A /regex/ keeps its spaces: it runs to the first unescaped /, which flags and a space (or the end) must follow.
    const slash = q[i] === '/' ? i : q[i] === '-' && q[i + 1] === '/' ? i + 1 : -1;
    if (slash >= 0) {
      const end = regexEnd(q, slash);
      if (end > 0) {
        out.push({ text: q.slice(at, end), at, quotedFrom: -1 });
        i = end;
        continue;
      }
    }
    let text = '';
    let quotedFrom = -1;
    while (i < q.length && !/\s/.test(q[i])) {
      if (q[i] === '"') {
        if (quotedFrom < 0) quotedFrom = text.length;
        i++;
        while (i < q.length && q[i] !== '"') {
          if (q[i] === '\\' && q[i + 1] === '"') i++;
          text += q[i++];
        }
        if (i >= q.length) return { error: 'a quote is not closed', at: at };
        i++;
      } else text += q[i++];
    }
    out.push({ text, at, quotedFrom });
  }
  return out;
}

function fieldTerm(tok: Token, body: string, negate: boolean): Term | null {
  // An operator inside a quoted part is text, not an operator.
  const limit = tok.quotedFrom >= 0 ? tok.quotedFrom - (tok.text.length - body.length) : body.length;
  let best: { at: number; op: FieldOp } | null = null;
  // OPS lists longer operators first, so at the same position the longer one stays.
  for (const op of OPS) {
    const k = body.indexOf(op);
    if (k > 0 && k + op.length <= limit && (!best || k < best.at)) best = { at: k, op };
  }
  if (!best) return null;
  const field = body.slice(0, best.at);
  if (!FIELD.test(field)) return null;
  return { kind: 'field', field, op: best.op, value: body.slice(best.at + best.op.length), negate };
}

export function parseQuery(q: string): ParseResult {
  const tokens = tokenize(q);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  if (tokens.length > MAX_TERMS) return { ok: false, error: `more than ${MAX_TERMS} terms`, at: tokens[MAX_TERMS].at };
  const terms: Term[] = [];
  for (const tok of tokens) {
    const negate = tok.text.startsWith('-') && tok.text.length > 1 && tok.quotedFrom !== 0;
    const body = negate ? tok.text.slice(1) : tok.text;
    const re = tok.quotedFrom < 0 ? /^\/(.+)\/([gimsuy]*)$/.exec(body) : null;
    if (re) {
      terms.push({ kind: 'regex', source: re[1], flags: re[2].replace(/g/g, ''), negate });
      continue;
    }
    const f = fieldTerm(tok, body, negate);
    if (f) {
      if (f.kind === 'field' && f.value === '' && f.op !== '=' && f.op !== '!=') {
        return { ok: false, error: `${f.field}${f.op} needs a ${f.op.includes('~') ? 'pattern' : 'value'}`, at: tok.at };
      }
      terms.push(f);
      continue;
    }
    if (body === '') continue;
    terms.push({ kind: 'text', text: body, negate });
  }
  return { ok: true, plan: { terms } };
}

/** A value as the query language writes it: quoted when it has spaces, quotes or would read as an operator. */
export function quoteValue(v: string): string {
  return v === '' || /[\s"=<>!~]/.test(v) || v.startsWith('-') ? `"${v.replace(/"/g, '\\"')}"` : v;
}

/** A field term to append to a query (a click on a field value): `field=value`, or `field!=value` to exclude. */
export function fieldQueryTerm(field: string, value: string, exclude = false): string {
  return `${field}${exclude ? '!=' : '='}${quoteValue(value)}`;
}

/** Add a term to a query (AND), unless the query already has it. */
export function appendTerm(query: string, term: string): string {
  const q = query.trim();
  if (q.split(/\s+/).includes(term)) return q;
  return q ? `${q} ${term}` : term;
}
