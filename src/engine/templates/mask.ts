// Masking: the first half of Drain (https://jiemingzhu.github.io/pub/pjhe_icws2017.pdf,
// "preprocess by domain knowledge"). Values that obviously vary — quoted
// strings, URLs, UUIDs, IP addresses, host names, hex ids, numbers with units —
// become <*> before the tree sees the message, so "dial 10.0.0.1:443 after
// 30ms" and "dial 10.0.0.2:443 after 12ms" reach the same leaf. It runs once
// per distinct message during ingest, so each mask is skipped unless a cheap
// character scan says it could apply.

export const WILDCARD = '<*>';

/** Longer messages are templated on their head: the tail is rarely what identifies them. */
export const MAX_TEMPLATE_INPUT = 400;

interface Shape {
  digit: boolean;
  quote: boolean;
  dot: boolean;
  colon: boolean;
  dash: boolean;
}

function shapeOf(s: string): Shape {
  const sh: Shape = { digit: false, quote: false, dot: false, colon: false, dash: false };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) sh.digit = true;
    else if (c === 34 || c === 39) sh.quote = true;
    else if (c === 46) sh.dot = true;
    else if (c === 58) sh.colon = true;
    else if (c === 45) sh.dash = true;
  }
  return sh;
}

type Mask = [RegExp, (s: Shape) => boolean];

// Order matters: whole structures (quoted strings, URLs, addresses) before bare numbers.
const MASKS: Mask[] = [
  // "double" and 'single' quoted values; a single quote must not be an apostrophe ("can't ... won't").
  [/"(?:[^"\\]|\\.){0,200}"|(?<![\w'])'(?:[^'\\\n]|\\.){0,200}'(?![\w'])/g, (s) => s.quote],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (s) => s.colon],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, (s) => s.dash],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, (s) => s.digit && s.dot],
  [/\[?\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\]?(?::\d+)?(?![\w:])/gi, (s) => s.colon],
  // Host names: three or more labels, or two with a common suffix.
  [/\b(?:\*\.)?(?:[a-z0-9-]+\.){2,}[a-z]{2,}\b(?::\d{1,5})?|\b[a-z0-9-]+\.(?:com|net|org|io|dev|local|internal|svc|cluster|example|test|cloud|app)\b(?::\d{1,5})?/gi, (s) => s.dot],
  [/\b0x[0-9a-f]+\b/gi, (s) => s.digit],
  // Long hex or mixed ids (hashes, trace ids, "attempt_1445_0020_m_2"): a digit somewhere, 8+ chars.
  [/\b(?=[\w-]*\d)(?=[\w-]*[a-z_])[\w-]{8,}\b/gi, (s) => s.digit],
  [/(?<![A-Za-z0-9]|status=)[-+]?\d+(?:[.,:]\d+)*(?:ns|us|µs|ms|s|m|h|d|b|kb|mb|gb|kib|mib|gib|%)?(?![A-Za-z])/gi, (s) => s.digit],
];

// A request line with its status ("GET /x HTTP/1.1" 503, GET /x 503): the method and the
// status identify the template, the path does not. The status becomes an anchor token.
const REQUEST = /"?\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)\s+(\S+?)(?:\s+HTTP\/[\d.]+)?"?\s+([1-5]\d\d)\b/;

/** Tokens Drain must never widen to <*>: a 503 template is not a 200 template. */
export const ANCHOR = /^status=[1-5]\d\d$/;

const COLLAPSE = /(?:<\*>[\s,;:=/-]*){2,}/g;

/** A message with its variable parts replaced by <*>. */
export function maskMessage(message: string): string {
  const s = message.length > MAX_TEMPLATE_INPUT ? message.slice(0, MAX_TEMPLATE_INPUT) : message;
  const req = REQUEST.exec(s);
  if (req) {
    const head = maskText(s.slice(0, req.index));
    const tail = maskText(s.slice(req.index + req[0].length));
    return `${head} ${req[1]} ${WILDCARD} status=${req[3]} ${tail}`.replace(/\s+/g, ' ').trim();
  }
  return maskText(s);
}

function maskText(text: string): string {
  let s = text;
  const shape = shapeOf(s);
  let masked = false;
  for (const [re, applies] of MASKS) {
    if (!applies(shape)) continue;
    const next = s.replace(re, WILDCARD);
    if (next !== s) {
      s = next;
      masked = true;
    }
  }
  // Runs of wildcards become one; a space that separated the run from the next word stays.
  if (masked && s.indexOf(WILDCARD) !== s.lastIndexOf(WILDCARD)) s = s.replace(COLLAPSE, (run) => (/\s$/.test(run) ? '<*> ' : WILDCARD));
  return s.trim();
}
