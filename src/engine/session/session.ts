// An engine session: the ingested table, its analysis, and random access to
// the raw bytes. The worker wraps exactly one; the main-thread fallback and
// tests use it directly. Raw text stays in the files: an event's full line is
// read back by byte range only when it is shown (see issue on gigabyte logs).

import { analyzeReading, type Analysis } from '../analysis/analyze.ts';
import { blobSource, type ByteSource, type RangeReader } from '../ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../ingest/ingest.ts';
import { ingestParallel, type ParallelOptions, type SliceRunner } from '../ingest/parallel-ingest.ts';
import type { FileStats } from '../ingest/file-stats.ts';
import { formatById } from '../formats/index.ts';
import { LineType, newRecordOut, type LineParser } from '../formats/types.ts';
import { MAX_MESSAGE_CHARS } from '../ingest/file-ingest.ts';
import { newTimeOut, toIso } from '../model/time.ts';
import { clockIso } from '../model/time-of-day.ts';
import { KIND_NAMES } from '../model/kinds.ts';
import { LEVEL_NAMES } from '../model/levels.ts';
import type { EventTable } from '../model/event-table.ts';
import type { TemplateInfo } from '../templates/templater.ts';

export type SessionSource = ByteSource & RangeReader;

export interface SessionLoadOptions extends ParallelOptions {
  /** Workers to split big files across (see src/worker/slice-pool.ts); without it one thread reads everything. */
  slices?: SliceRunner;
}

export interface LoadSummary {
  table: EventTable;
  files: FileStats[];
  templates: TemplateInfo[];
  analysis: Analysis;
}

export interface EventDetail {
  row: number;
  time: string;
  level: string;
  kind: string;
  file: string;
  line: number;
  lineCount: number;
  logger: string;
  message: string;
  /** The event's raw text, continuation lines included (capped). */
  raw: string;
  /** Parsed fields of a structured record, when the format has them. */
  fields: Record<string, unknown> | null;
}

/** Raw text shown for one event is capped so a 10 MB line cannot freeze the detail panel. */
export const MAX_RAW_BYTES = 256 * 1024;

/**
 * Rows read back together share one range read while their span stays under
 * this: neighbouring events sit next to each other in the file, so a search
 * over a million rows costs a few hundred reads, not a million.
 */
const READ_SPAN_BYTES = 4 * 1024 * 1024;
/** Rows whose text a search reads back at once (bounds the strings held). */
const SEARCH_BATCH_ROWS = 65536;

export class EngineSession {
  private result: IngestResult | null = null;
  private readers: RangeReader[] = [];
  /** Per file: the parser that reads back messages not kept in memory (null: show the raw line). */
  private readonly readBackParsers = new Map<number, LineParser | null>();
  /** Per file: its first line, for formats that name their fields there (CSV). */
  private readonly heads = new Map<number, string | undefined>();

  /**
   * Read the files. With `options.slices` (a pool of workers), big JSON-lines
   * and logfmt files are split across it (parallel-ingest.ts); the result is
   * the same table.
   */
  async load(sources: SessionSource[], options: SessionLoadOptions = {}): Promise<LoadSummary> {
    const { slices, ...rest } = options;
    const result = slices ? await ingestParallel(sources, slices, rest) : await ingestSources(sources, rest);
    this.result = result;
    this.forgetFiles();
    this.readers = sources.map((s, i) => {
      const d = result.decompressed[i];
      return d ? blobSource(d, s.name) : s;
    });
    // Rows the analysis quotes whose message was not kept are read back first (analyzeReading).
    const analysis = await analyzeReading(result, (rows) => this.messages(rows));
    return { table: result.table, files: result.files, templates: result.templates, analysis };
  }

  get loaded(): IngestResult | null {
    return this.result;
  }

  /**
   * Take over a result built elsewhere (a share link restored without files,
   * see src/share/restore.ts): same table, same byte-range reads, no re-ingest.
   */
  adopt(result: IngestResult, analysis: Analysis, readers: RangeReader[]): LoadSummary {
    this.result = result;
    this.forgetFiles();
    this.readers = readers;
    return { table: result.table, files: result.files, templates: result.templates, analysis };
  }

  /** Message text for rows (kept in memory, or read back from the file). */
  async messages(rows: readonly number[]): Promise<string[]> {
    const r = this.result;
    if (!r) return [];
    const missing = rows.filter((row) => r.messages[row] === undefined);
    const raws = missing.length > 0 ? await this.raws(missing, 4096) : [];
    const read = new Map<number, string>();
    missing.forEach((row, i) => read.set(row, this.readBack(row, raws[i])));
    return rows.map((row) => r.messages[row] ?? read.get(row) ?? '');
  }

  /**
   * The message of a row whose text was not kept (ingest keeps repeated,
   * notable and the first few million characters of other messages): formats
   * whose lines read the same alone (JSON lines, logfmt: `splittable`) parse
   * the raw line again, as ingest did; others show the line itself.
   */
  private readBack(row: number, raw: string): string {
    const r = this.result;
    if (!r) return firstLine(raw);
    const file = r.table.file[row];
    let parser = this.readBackParsers.get(file);
    if (parser === undefined) {
      const format = formatById(r.files[file]?.format ?? '');
      parser = format?.splittable ? format.createParser({ year: 2000, time: newTimeOut() }) : null;
      this.readBackParsers.set(file, parser);
    }
    return messageFromRaw(parser, raw);
  }

  /** What was learnt about the previous load's files (file indexes now name other files). */
  private forgetFiles(): void {
    this.readBackParsers.clear();
    this.heads.clear();
  }

  /** A file's first line (its CSV header), read once from the file's head. */
  private async firstLine(file: number): Promise<string | undefined> {
    if (this.heads.has(file)) return this.heads.get(file);
    const reader = this.readers[file];
    let head: string | undefined;
    if (reader) {
      const bytes = await reader.read(0, 64 * 1024);
      head = firstLine(new TextDecoder().decode(bytes)).replace(/\r$/, ''); // TextDecoder drops a BOM
    }
    this.heads.set(file, head);
    return head;
  }

  async raw(row: number, cap = MAX_RAW_BYTES): Promise<string> {
    return (await this.raws([row], cap))[0];
  }

  /**
   * Raw text of many rows (each capped at `cap` bytes), in the order given.
   * Rows are visited by file and byte offset, and neighbours are read with one
   * range read (see READ_SPAN_BYTES).
   */
  async raws(rows: readonly number[], cap = MAX_RAW_BYTES): Promise<string[]> {
    const out = new Array<string>(rows.length).fill('');
    const r = this.result;
    if (!r) return out;
    const t = r.table;
    const order: number[] = [];
    rows.forEach((row, i) => {
      if (row < 0 || row >= t.length) return;
      const start = t.byteOffset[row];
      if (!this.readers[t.file[row]] || start < 0) out[i] = r.messages[row] ?? '';
      else order.push(i);
    });
    order.sort((a, b) => t.file[rows[a]] - t.file[rows[b]] || t.byteOffset[rows[a]] - t.byteOffset[rows[b]]);
    const decoders = new Map<string, TextDecoder>();
    for (let k = 0; k < order.length; ) {
      const file = t.file[rows[order[k]]];
      const spanStart = t.byteOffset[rows[order[k]]];
      let spanEnd = spanStart;
      let m = k;
      for (; m < order.length; m++) {
        const row = rows[order[m]];
        const end = t.byteOffset[row] + Math.min(t.byteLength[row], cap);
        if (t.file[row] !== file || (m > k && Math.max(spanEnd, end) - spanStart > READ_SPAN_BYTES)) break;
        spanEnd = Math.max(spanEnd, end);
      }
      const bytes = await this.readers[file].read(spanStart, spanEnd);
      const enc = r.files[file]?.encoding ?? 'utf-8';
      let decoder = decoders.get(enc);
      if (!decoder) decoders.set(enc, (decoder = new TextDecoder(enc)));
      for (let q = k; q < m; q++) {
        const row = rows[order[q]];
        const from = t.byteOffset[row] - spanStart;
        out[order[q]] = decoder.decode(bytes.subarray(from, from + Math.min(t.byteLength[row], cap)));
      }
      k = m;
    }
    return out;
  }

  async detail(row: number): Promise<EventDetail | null> {
    const r = this.result;
    if (!r || row < 0 || row >= r.table.length) return null;
    const t = r.table;
    const raw = await this.raw(row);
    const file = r.files[t.file[row]];
    const format = formatById(file?.format ?? '');
    let fields: Record<string, unknown> | null = null;
    if (format?.fields) {
      try {
        const head = format.id === 'csv' ? await this.firstLine(t.file[row]) : undefined;
        fields = format.fields(raw, { year: new Date().getUTCFullYear(), time: newTimeOut() }, head);
      } catch {
        fields = null;
      }
    }
    return {
      row,
      time: clockIso(t.tMs[row], t.subNs[row], toIso),
      level: LEVEL_NAMES[t.level[row]] ?? 'none',
      kind: KIND_NAMES[t.kind[row]] ?? 'plain',
      file: file?.name ?? '',
      line: t.line[row],
      lineCount: t.lineCount[row],
      logger: t.loggers[t.logger[row]] ?? '',
      message: r.messages[row] ?? this.readBack(row, raw),
      raw,
      fields,
    };
  }

  /**
   * Rows whose text matches: plain text is case-insensitive, /re/flags is a
   * regular expression. Returns a 0/1 mask over rows.
   */
  async search(query: string): Promise<Uint8Array> {
    const r = this.result;
    const n = r?.table.length ?? 0;
    const mask = new Uint8Array(n);
    if (!r || !query) return mask.fill(1);
    const test = compileQuery(query);
    let missing: number[] = [];
    const flush = async () => {
      const texts = await this.raws(missing, 4096);
      for (let j = 0; j < missing.length; j++) if (test(this.readBack(missing[j], texts[j]))) mask[missing[j]] = 1;
      missing = [];
    };
    for (let i = 0; i < n; i++) {
      const m = r.messages[i];
      if (m === undefined) {
        missing.push(i);
        if (missing.length >= SEARCH_BATCH_ROWS) await flush();
      } else if (test(m)) mask[i] = 1;
    }
    if (missing.length > 0) await flush();
    return mask;
  }
}

/** A row's message that was not kept in memory, from its raw text (see EngineSession.readBack). */
function messageFromRaw(parser: LineParser | null, raw: string): string {
  const line = firstLine(raw);
  if (!parser) return line;
  const out = newRecordOut();
  try {
    if (parser.parseLine(line, out) === LineType.record && out.message) return out.message.length > MAX_MESSAGE_CHARS ? out.message.slice(0, MAX_MESSAGE_CHARS) : out.message;
  } catch {
    // a line the parser cannot read again: show it as it is
  }
  return line;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

/** Plain text (case-insensitive substring) or /regex/flags. Throws on a bad regex. */
export function compileQuery(query: string): (s: string) => boolean {
  const m = /^\/(.+)\/([gimsuy]*)$/.exec(query);
  if (m) {
    const re = new RegExp(m[1], m[2].replace('g', ''));
    return (s) => re.test(s);
  }
  const q = query.toLowerCase();
  return (s) => s.toLowerCase().includes(q);
}

export function blobSessionSource(blob: Blob, name: string, lastModified?: number): SessionSource {
  return blobSource(blob, name, lastModified);
}
