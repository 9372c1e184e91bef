// What an operation is about, read from its message: the identifier it
// carries (a subject, identifier, domain, names or id field, a bracketed name,
// a host, a quoted value or a path) and its family (the noun: certificate,
// backup, migration...). Starts and ends pair on these, so "renewing
// certificate for a.example.com" closes with "certificate obtained for
// a.example.com" and not with b.example.com's.

// key=value and key: value pairs whose key names what the operation is about.
const KEYED = /\b(?:identifiers?|subjects?|domains?|names?|host(?:name)?|server_?name|sni|job(?:_?id|_?name)?|task(?:_?id)?|tid|backup(?:_?id)?|database|db|table|target|resource|object|instance|snapshot(?:_?id)?|migration|version|id)\s*[=:]\s*\[?["']?([^\s"',\])]{1,120})/i;
// "(TID 42)", "(job: nightly)".
const PAREN = /\((?:TID|id|pid|job|task)[\s:=#]+([\w.-]{1,60})\)/i;
const BRACKET = /\[([^\]\s]{2,120})\]/g;
const LEVELISH = /^(?:trace|debug|info|warn|warning|error|err|fatal|notice|crit|critical|main|\d+)$/i;
const HOST = /\b((?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b/gi;
const FILE_EXT = /\.(?:go|rs|py|js|ts|mjs|java|kt|rb|php|c|h|cc|cpp|hpp|cs|log|json|ya?ml|toml|conf|cfg|ini|txt|md|sh|so|gz|tgz|tar|zip|sql|db|sqlite|pem|crt|key|csr|lock|pid|sock|service|timer|html|css)$/i;
const QUOTED = /"([^"]{1,120})"|(?<![\w'])'([^']{1,120})'(?![\w'])/;
const PATH = /(?:^|\s)((?:\/[\w.@%+-]+){2,})/;

/** The identifier an operation message carries, lower-cased; '' when it names none. */
export function opKey(message: string): string {
  let m = KEYED.exec(message);
  if (m) return cleanKey(m[1]);
  m = PAREN.exec(message);
  if (m) return cleanKey(m[1]);
  BRACKET.lastIndex = 0;
  while ((m = BRACKET.exec(message))) if (!LEVELISH.test(m[1])) return cleanKey(m[1]);
  HOST.lastIndex = 0;
  while ((m = HOST.exec(message))) if (!FILE_EXT.test(m[1]) && /[a-z]/i.test(m[1].slice(m[1].lastIndexOf('.') + 1))) return cleanKey(m[1]);
  m = QUOTED.exec(message);
  if (m) return cleanKey(m[1] ?? m[2]);
  m = PATH.exec(message);
  if (m) return cleanKey(m[1]);
  return '';
}

/** An identifier as a pairing key: lower case, without trailing punctuation. */
export function cleanKey(s: string): string {
  return s.replace(/[.,;:!?)]+$/, '').toLowerCase();
}

// Nouns that name an operation, mapped to the family both ends are recognised by.
const FAMILIES: [RegExp, string][] = [
  [/\b(?:certs?|certificates?|renew(?:al|ing|ed)?|obtain(?:ing|ed)?|acme|issu(?:e|ance|ing|ed)|ocsp)\b/i, 'certificate'],
  [/\bbackups?\b/i, 'backup'],
  [/\bmigrat(?:ion|ions|ing|e)\b/i, 'migration'],
  [/\bcompact(?:ion|ing)?\b/i, 'compaction'],
  [/\bsnapshots?\b/i, 'snapshot'],
  [/\bvacuum/i, 'vacuum'],
  [/\b(?:reindex(?:ing)?|rebuild(?:ing)?)\b/i, 'reindex'],
  [/\b(?:sync(?:hroni[sz]ation)?|replication)\b/i, 'sync'],
  [/\brotation\b/i, 'rotation'],
  [/\b(?:deploy(?:ment|ing)?|rollout|upgrade)\b/i, 'deploy'],
  [/\b(?:export|import)\b/i, 'transfer'],
  [/\b(?:checkpoint|flush)\b/i, 'checkpoint'],
  [/\b(?:garbage collection|gc cycle)\b/i, 'gc'],
  [/\b(?:jobs?|tasks?|batch)\b/i, 'job'],
];

/** The operation family a message names, or '' when it names none ("done", "finished"). */
export function opFamily(message: string): string {
  for (const [re, family] of FAMILIES) if (re.test(message)) return family;
  return '';
}
