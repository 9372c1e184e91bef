// Message templates (Drain-style, https://jiemingzhu.github.io/pub/pjhe_icws2017.pdf):
// variable tokens (numbers, ids, addresses, hosts, quoted values) become <*>
// so that "this message appeared 400 times in 20 s" can be said per template.
// This first pass masks tokens and interns the masked string; it is linear in
// the message length and needs no tree, which keeps ingest on its fast path.

export interface TemplateInfo {
  id: number;
  pattern: string;
  count: number;
}

const MAX_TEMPLATE_INPUT = 400;

// Order matters: whole structures (quoted strings, URLs, IPs, UUIDs) before bare numbers.
const MASKS: [RegExp, string][] = [
  [/"(?:[^"\\]|\\.){0,200}"|'(?:[^'\\]|\\.){0,200}'/g, '<*>'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s"']+/gi, '<*>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<*>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<*>'],
  [/\[?\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\]?(?::\d+)?(?![\w:])/gi, '<*>'],
  [/\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|dev|local|internal|svc|cluster|example)\b/gi, '<*>'],
  [/\b0x[0-9a-f]+\b/gi, '<*>'],
  [/\b[0-9a-f]{12,}\b/gi, '<*>'],
  [/(?<![A-Za-z])[-+]?\d+(?:[.,:]\d+)*(?:ns|us|µs|ms|s|m|h|d|b|kb|mb|gb|kib|mib|gib|%)?(?![A-Za-z])/gi, '<*>'],
];

export function maskMessage(message: string): string {
  let s = message.length > MAX_TEMPLATE_INPUT ? message.slice(0, MAX_TEMPLATE_INPUT) : message;
  for (const [re, rep] of MASKS) s = s.replace(re, rep);
  return s.replace(/(?:<\*>[\s,;:=/-]*){2,}/g, '<*> ').trim();
}

export class Templater {
  private readonly ids = new Map<string, number>();
  readonly patterns: string[] = [];
  readonly counts: number[] = [];

  /** Template id of a message (0-based). */
  add(message: string): number {
    const pattern = maskMessage(message);
    let id = this.ids.get(pattern);
    if (id === undefined) {
      id = this.patterns.length;
      this.patterns.push(pattern);
      this.counts.push(0);
      this.ids.set(pattern, id);
    }
    this.counts[id]++;
    return id;
  }

  list(): TemplateInfo[] {
    return this.patterns.map((pattern, id) => ({ id, pattern, count: this.counts[id] }));
  }
}
