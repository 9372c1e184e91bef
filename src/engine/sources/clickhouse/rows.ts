// Rows from the ClickHouse source become JSON lines, one virtual file per
// source (service), so they enter the same ingest as a dropped file: the
// JSON-lines format reads `time`, `level`, `msg` and the flattened attributes
// (where the vocabulary finds `error`, and operations their subject).
// Timestamps arrive as nanosecond strings and keep their precision.

export interface PulledRow {
  /** Nanoseconds since the epoch, as a decimal string. */
  ns: string;
  source: string;
  level: string;
  message: string;
  fields: Record<string, string>;
}

const OWN_KEYS = new Set(['time', 'level', 'msg', 'service']);

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/** A JSONEachRow row of candidatesQuery / rawQuery (columns ns, source, level, message, f0…). */
export function narrowRow(r: Record<string, unknown>): PulledRow {
  const fields: Record<string, string> = {};
  for (let i = 0; ; i++) {
    const f = r['f' + i];
    if (f === undefined) break;
    if (typeof f === 'object' && f !== null && !Array.isArray(f)) {
      for (const [k, v] of Object.entries(f)) if (!(k in fields)) fields[k] = str(v);
    }
  }
  return { ns: str(r.ns), source: str(r.source), level: str(r.level), message: str(r.message), fields };
}

/** ISO 8601 UTC with all nine fraction digits, from a nanosecond string (no float rounding). */
export function isoFromNs(ns: string): string {
  if (!/^-?\d+$/.test(ns)) return '';
  const n = BigInt(ns);
  const sec = n / 1_000_000_000n - (n < 0n && n % 1_000_000_000n !== 0n ? 1n : 0n);
  const frac = n - sec * 1_000_000_000n;
  const base = new Date(Number(sec) * 1000).toISOString().slice(0, 19);
  return `${base}.${frac.toString().padStart(9, '0')}Z`;
}

export function msFromNs(ns: string): number {
  return /^-?\d+$/.test(ns) ? Number(BigInt(ns) / 1_000_000n) : NaN;
}

export function toJsonLine(r: PulledRow): string {
  const o: Record<string, string> = { time: isoFromNs(r.ns), level: r.level, service: r.source, msg: r.message };
  for (const [k, v] of Object.entries(r.fields)) if (!OWN_KEYS.has(k)) o[k] = v;
  return JSON.stringify(o);
}

/** A source name as a file name (lanes are named after files). */
export function fileNameFor(source: string): string {
  const clean = source.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'unnamed';
  return `${clean}.jsonl`;
}

/** Lines grouped per source, in arrival (time) order. */
export class SourceFiles {
  private readonly bySource = new Map<string, string[]>();
  rows = 0;

  add(r: PulledRow): void {
    let lines = this.bySource.get(r.source);
    if (!lines) this.bySource.set(r.source, (lines = []));
    lines.push(toJsonLine(r));
    this.rows++;
  }

  /** One text per source, sorted by name so lane order does not depend on arrival. */
  files(): { name: string; text: string }[] {
    return [...this.bySource.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([source, lines]) => ({ name: fileNameFor(source), text: lines.join('\n') + '\n' }));
  }
}
