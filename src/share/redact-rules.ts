// What redaction looks for, as data: one entry per detector, grouped into the
// categories the Share dialog can switch off. Order matters (first wins over a
// stretch of text): structured secrets (URL passwords, JWTs, tokens, cookies,
// keys) go before addresses, and the broad "long hex / base64" nets go last so
// they only catch what nothing more specific explained.
//
// Decisions (documented in docs/sharing.md too):
//  - UUIDs with dashes are identifiers, not secrets: kept, they are what
//    people grep for. A 32-digit hex run (an undashed UUID, an OTel trace id)
//    IS replaced by the hex rule; placeholders are consistent, so
//    correlation across lines survives.
//  - Loopback, unspecified and broadcast/netmask addresses (127.x, 0.0.0.0,
//    255.x, ::1, ::) identify nobody and stay. Private ranges (10.x, 192.168.x)
//    describe internal topology and are replaced.
//  - A dotted quad after "version", "v", "build" or "release" is a version
//    number, not an address; OIDs and longer dotted runs are never addresses.
//  - Timestamps, MAC addresses and durations never look like IPv6 here: a
//    candidate must parse as a real IPv6 address (8 groups, or fewer with "::").

export const CATEGORY_IDS = ['url-password', 'jwt', 'bearer', 'cookie', 'api-key', 'email', 'ipv6', 'ipv4', 'hex', 'base64'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORY_LABELS: Record<CategoryId, string> = {
  'url-password': 'Passwords in URLs',
  jwt: 'JSON Web Tokens',
  bearer: 'Bearer / Basic tokens',
  cookie: 'Cookie values',
  'api-key': 'API keys, AWS keys, secret fields',
  email: 'E-mail addresses',
  ipv6: 'IPv6 addresses',
  ipv4: 'IPv4 addresses',
  hex: 'Long hex strings (32+)',
  base64: 'Long base64 secrets',
};

export interface Detector {
  category: CategoryId;
  /** Placeholder prefix: `<prefix-N>`. */
  prefix: string;
  /** Global regex with the `d` flag (match indices). */
  re: RegExp;
  /** Capture group that holds the secret; 0 = the whole match. */
  group: number;
  /** Extra check on a candidate; `before` is the text just before it. */
  accept?: (value: string, before: string) => boolean;
  /** Key used for "same value -> same placeholder" (e.g. case-folded). */
  normalize?: (value: string) => string;
  /** Replace parts of the value instead of all of it (cookie pairs). */
  within?: (value: string, replace: (secret: string) => string) => string;
}

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`${OCTET}(?:\.${OCTET}){3}`;
const FILE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'ico', 'js', 'mjs', 'ts', 'css', 'map', 'log', 'txt', 'json', 'gz', 'zip', 'html', 'htm', 'xml', 'yaml', 'yml', 'go', 'py', 'rs', 'java']);
const EMPTY_VALUES = /^(?:null|nil|none|true|false|undefined|\*+|x+|-+|\[?redacted\]?|\[?filtered\]?|\[?hidden\]?|\.\.\.|…)$/i;
const COOKIE_ATTRIBUTES = new Set(['path', 'domain', 'expires', 'max-age', 'samesite', 'secure', 'httponly', 'priority', 'partitioned', 'version', 'comment']);

function isPlaceholder(v: string): boolean {
  return v.startsWith('<') && v.endsWith('>');
}

function realValue(v: string): boolean {
  return v.length > 0 && !isPlaceholder(v) && !EMPTY_VALUES.test(v) && !/^[{[]/.test(v);
}

/** Parses as an IPv6 address: 8 groups, or fewer with exactly one "::", optionally ending in a dotted quad. */
export function isIpv6(s: string): boolean {
  if (s === '::' || s === '::1') return false; // unspecified / loopback: identify nobody
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string) => (p === '' ? [] : p.split(':'));
  const head = groups(parts[0]);
  const tail = parts.length === 2 ? groups(parts[1]) : [];
  let count = head.length + tail.length;
  const last = tail.length ? tail[tail.length - 1] : head[head.length - 1];
  const all = [...head, ...tail];
  if (last !== undefined && last.includes('.')) {
    if (!new RegExp(`^${IPV4}$`).test(last)) return false;
    all.pop();
    count += 1; // a dotted quad fills two groups
  }
  if (!all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return parts.length === 2 ? count <= 7 : count === 8;
}

/** Bits per character: random base64 scores ~5, words and paths ~3.5-4. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A path or name segment: lower case, ALL CAPS, Capitalised, or camelCase words. */
function wordLike(seg: string): boolean {
  if (/^[a-z0-9.]+$/.test(seg) || /^[A-Z0-9.]+$/.test(seg) || /^[A-Z][a-z0-9.]+$/.test(seg)) return true;
  const letters = seg.replace(/[^A-Za-z]+/g, '');
  // Random text has lower-case runs of 3+ too, but they cover about a third of its letters.
  const wordChars = (seg.match(/[A-Z]?[a-z]{3,}/g) ?? []).reduce((n, w) => n + w.length, 0);
  return wordChars >= letters.length * 0.6;
}

function looksLikeBase64Secret(v: string): boolean {
  const body = v.replace(/=+$/, '');
  if (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/[\d+/]/.test(body)) return false;
  // Paths and dashed names (/home/user/HPCC_IBM/64K/run, payment-service-7d4b9c):
  // mostly segments that read like words, where a random blob's are gibberish.
  const segments = body.split(/[/_-]/).filter((seg) => seg.length >= 4);
  if (segments.length >= 3 && segments.filter(wordLike).length >= segments.length / 2) return false;
  // CamelCase identifiers (Java classes, Go test names), digits aside: their letters are words.
  if (wordLike(body)) return false;
  return entropy(body) >= 3.6;
}

/** A Bearer/Basic word followed by a token-looking thing, not "Basic authentication". */
function looksLikeToken(v: string): boolean {
  if (v.length >= 20) return true;
  if (/\d/.test(v)) return true;
  return (v.match(/[A-Z]/g)?.length ?? 0) >= 2 && (v.match(/[a-z]/g)?.length ?? 0) >= 2 && /[a-z][A-Z]/.test(v);
}

const lower = (v: string) => v.toLowerCase();

export const DETECTORS: readonly Detector[] = [
  {
    category: 'url-password',
    prefix: 'password',
    re: /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'<>]{0,256}:([^\s@/"'<>]{1,256})@/dgi,
    group: 1,
    accept: (v) => !isPlaceholder(v),
  },
  {
    category: 'jwt',
    prefix: 'jwt',
    re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/dg,
    group: 0,
  },
  {
    category: 'bearer',
    prefix: 'token',
    re: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{8,}=*)/dgi,
    group: 1,
    accept: looksLikeToken,
  },
  {
    category: 'bearer',
    prefix: 'token',
    re: /\b(?:proxy-)?authorization["']?\s*[:=]\s*\[?\s*["']?(?:(?:Bearer|Basic|Token|Digest|Negotiate|AWS4-HMAC-SHA256)\s+)?([^\s"',;\]]{6,})/dgi,
    group: 1,
    accept: realValue,
  },
  {
    category: 'cookie',
    prefix: 'cookie',
    re: /\b(?:set-)?cookie["']?\s*[:=]\s*\[?\s*["']?([^"'\]\r\n]+)/dgi,
    group: 1,
    within: (value, replace) =>
      value.replace(/(^|;)(\s*)([^=;]*?)(\s*=\s*)([^;]*)/g, (all, sep: string, sp: string, name: string, eq: string, v: string) => {
        const val = v.trim();
        if (COOKIE_ATTRIBUTES.has(name.trim().toLowerCase()) || !realValue(val)) return all;
        return `${sep}${sp}${name}${eq}${v.replace(val, replace(val))}`;
      }),
  },
  {
    category: 'api-key',
    prefix: 'aws-key',
    re: /\b((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})\b/dg,
    group: 1,
  },
  {
    category: 'api-key',
    prefix: 'aws-secret',
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
  },
  {
    category: 'api-key',
    prefix: 'key',
    re: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36})\b/dg,
    group: 1,
  },
  {
    category: 'api-key',
    prefix: 'secret',
    re: /\b[\w.-]*?(?:api[_-]?key|apikey|secret|passw(?:or)?d|pwd|passphrase|access[_-]?token|refresh[_-]?token|auth[_-]?token|session[_-]?token|id[_-]?token|client[_-]?secret|private[_-]?key|token|credentials?)["']?\s*[:=]\s*["']?([^\s"',;&}\]]{1,512})/dgi,
    group: 1,
    accept: realValue,
  },
  {
    category: 'email',
    prefix: 'email',
    re: /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.([A-Za-z]{2,24})\b/dg,
    group: 0,
    // "image@2x.png" is a file; "git@github.com" is an SSH remote, not a person.
    accept: (v) => !FILE_EXTENSIONS.has(v.slice(v.lastIndexOf('.') + 1).toLowerCase()) && !/^git@/i.test(v),
    normalize: lower,
  },
  {
    category: 'ipv6',
    prefix: 'ipv6',
    re: new RegExp(String.raw`(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:${IPV4}|[0-9a-f]{0,4})(?![\w:])`, 'dgi'),
    group: 0,
    accept: isIpv6,
    normalize: lower,
  },
  {
    category: 'ipv4',
    prefix: 'ip',
    re: new RegExp(String.raw`(?<![\w.])${IPV4}(?!\.?\d)(?!\w)`, 'dg'),
    group: 0,
    accept: (v, before) => !/^(?:127\.|0\.0\.0\.0$|255\.)/.test(v) && !/(?:\bversion|\bver|\bv|\bbuild|\brelease|\bfirmware)\s*[:=]?\s*$/i.test(before),
  },
  {
    category: 'hex',
    prefix: 'hex',
    re: /(?<![\w-])[0-9a-f]{32,}(?![\w-])/dgi,
    group: 0,
    accept: (v) => /[a-f]/i.test(v) && /\d/.test(v),
    normalize: lower,
  },
  {
    category: 'base64',
    prefix: 'secret',
    re: /(?<![\w+/=-])[A-Za-z0-9+/_-]{32,}={0,2}(?![\w+/=-])/dg,
    group: 0,
    accept: looksLikeBase64Secret,
  },
];
