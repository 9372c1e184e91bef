// Which fields carry a request or trace id, and how an id is read from one:
// the key names (configurable), the W3C `traceparent` and Jaeger
// `uber-trace-id` headers reduced to their trace id, and the placeholder
// values ("-", "null", all zeros) that link nothing. Matching works on the
// line's text as written (`"trace_id":"…"`, `trace_id=…`, `traceparent: …`),
// so JSON, logfmt and text lines are read alike without parsing each record.
// See https://www.w3.org/TR/trace-context/#traceparent-header and
// https://www.jaegertracing.io/docs/1.21/client-libraries/#propagation-format

/** The fields read by default: trace, request, correlation and span ids in their usual spellings. */
export const DEFAULT_FLOW_KEYS: readonly string[] = [
  'trace_id', 'traceId', 'trace.id', 'traceparent', 'uber-trace-id',
  'request_id', 'requestId', 'request.id', 'x-request-id', 'x_request_id', 'req_id', 'reqId',
  'correlation_id', 'correlationId', 'x-correlation-id',
  'span_id', 'spanId', 'span.id',
];

/** What kind of id a key carries; trace ids from headers are reduced to the trace part. */
export type FlowKeyKind = 'trace' | 'request' | 'span';

/** Keys longer than this or with other characters are refused (they become part of a regex). */
const KEY_SHAPE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;
export const MAX_FLOW_KEYS = 64;
/** Values longer than this are not ids (a dump, a URL). */
export const MAX_ID_CHARS = 128;

export interface FlowKeys {
  /** Key names as given (deduplicated, case-insensitively). */
  names: string[];
  kinds: FlowKeyKind[];
  /** Lower-cased name -> index in `names`. */
  byLower: Map<string, number>;
  /** Finds `key` + separator + value; group 1 the key, group 2 the value. Global, case-insensitive. */
  pattern: RegExp;
}

function squash(k: string): string {
  return k.toLowerCase().replace(/[-_.]/g, '');
}

export function keyKind(name: string): FlowKeyKind {
  const k = squash(name);
  if (k.includes('span')) return 'span';
  if (k.includes('trace')) return 'trace';
  return 'request';
}

/** Keys checked and compiled once per index; an unusable name is left out, not an error. */
export function compileFlowKeys(given: readonly string[] = DEFAULT_FLOW_KEYS): FlowKeys {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const raw of given) {
    const k = raw.trim();
    if (!KEY_SHAPE.test(k) || seen.has(k.toLowerCase())) continue;
    seen.add(k.toLowerCase());
    names.push(k);
    if (names.length >= MAX_FLOW_KEYS) break;
  }
  // Longest first, so `x-request-id` wins over a shorter key inside it.
  names.sort((a, b) => b.length - a.length);
  const alts = names.map((k) => k.replace(/[.-]/g, (c) => `\\${c}`)).join('|') || '(?!)';
  const value = `([^\\s"'\`,;{}\\[\\]()<>|\\\\]{1,${MAX_ID_CHARS}})`;
  const pattern = new RegExp(`(${alts})["']?[ \\t]*[:=][ \\t]*["']?${value}`, 'gi');
  return { names, kinds: names.map(keyKind), byLower: new Map(names.map((k, i) => [k.toLowerCase(), i])), pattern };
}

/** The key's index in `names`, matched as the regex did (case-insensitively). */
export function keyIndex(keys: FlowKeys, matched: string): number {
  return keys.byLower.get(matched) ?? keys.byLower.get(matched.toLowerCase()) ?? -1;
}

/** Is the character before a key part of a longer name (`parent_span_id`, `my.trace_id`)? */
export function joinsName(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46;
}

const PLACEHOLDER = /^(?:-+|0+|null|nil|none|undefined|unknown|n\/a|na|empty|\?+)$/i;
const HEX = /^[0-9a-f]+$/i;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}/i;
const UBER = /^([0-9a-f]{1,32})(?::|%3a)[0-9a-f]{1,16}(?::|%3a)/i;

/**
 * The id a value stands for, '' when it links nothing. Trace ids are made
 * comparable across their spellings: the trace part of a `traceparent` or an
 * `uber-trace-id`, hex lower-cased and padded to 32 digits (Jaeger writes
 * 64-bit ids without leading zeros). Other ids are compared as written.
 */
export function normaliseId(keyName: string, kind: FlowKeyKind, raw: string): string {
  let v = raw.replace(/[.:]+$/, ''); // "request_id=abc." at the end of a sentence
  if (!v || PLACEHOLDER.test(v)) return '';
  const k = squash(keyName);
  if (k === 'traceparent') {
    const m = TRACEPARENT.exec(v);
    if (!m) return '';
    v = m[1];
  } else if (k === 'ubertraceid') {
    const m = UBER.exec(v);
    if (!m) return '';
    v = m[1];
  }
  if (kind === 'trace' && HEX.test(v) && v.length <= 32) {
    v = v.toLowerCase().padStart(32, '0');
    if (/^0+$/.test(v)) return '';
  }
  return v;
}

/** Ids named in one text (a line, or a run of lines), each with where its key starts and which key it was. */
export function scanIds(keys: FlowKeys, text: string, onId: (pos: number, key: number, id: string) => void): void {
  const re = keys.pattern;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let before = m.index - 1;
    const q = text.charCodeAt(before);
    if (q === 34 || q === 39) before--;
    if (before >= 0 && joinsName(text.charCodeAt(before))) continue;
    const k = keyIndex(keys, m[1]);
    if (k < 0) continue;
    const id = normaliseId(keys.names[k], keys.kinds[k], m[2]);
    if (id) onId(m.index, k, id);
  }
}
