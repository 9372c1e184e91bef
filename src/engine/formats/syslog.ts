// Syslog and journald short output: "Mmm dd hh:mm:ss host ident[pid]: msg"
// (RFC 3164, no year: the file's year is used), RFC 5424 "<PRI>1 time host
// app ...", and rsyslog's high-precision variant. The lines themselves are
// read by the text runner (the syslog entries of text-patterns.ts): the
// ident becomes the logger, and a JSON or logfmt message behind the prefix is
// parsed as a record. This format only exists so such files are recognised
// and named as syslog. https://www.rfc-editor.org/rfc/rfc3164, rfc5424

import { textFields, textLineParser, textProfile } from './plain-text.ts';
import type { LogFormat } from './types.ts';

const SYSLOG_PATTERNS = ['syslog', 'syslog-iso', 'syslog-5424', 'syslog-3164-pri'];

export const syslogFormat: LogFormat = {
  id: 'syslog',
  label: 'Syslog / journald',
  splittable: true,
  detect(_name, lines) {
    const p = textProfile(lines);
    if (p.nonBlank === 0) return 0;
    let hits = 0;
    for (const id of SYSLOG_PATTERNS) hits += p.patterns.get(id) ?? 0;
    const ratio = hits / p.nonBlank;
    return ratio < 0.5 ? 0 : 0.55 + 0.4 * ratio;
  },
  createParser: textLineParser,
  fields: textFields,
};
