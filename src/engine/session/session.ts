// An engine session: the ingested table, its analysis, and random access to
// the raw bytes. The worker wraps exactly one; the main-thread fallback and
// tests use it directly. Raw text stays in the files: an event's full line is
// read back by byte range only when it is shown (docs/big-files.md).

import { analyzeReading, prepareAnalysis, type Analysis } from '../analysis/analyze.ts';
import { CAUSE_BYTES } from '../analysis/cause-lines.ts';
import type { Rule } from '../rules/types.ts';
import { blobSource, type ByteSource, type RangeReader } from '../ingest/byte-source.ts';
import { IngestCancelled, ingestSources, type IngestResult } from '../ingest/ingest.ts';
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
import { parseQuery } from '../query/parse.ts';
import { unpackBundles } from '../sources/clickhouse/bundle.ts';
import type { Provenance } from '../sources/clickhouse/provenance.ts';
import { analyzePulled } from '../sources/clickhouse/analyze-pulled.ts';
import { compilePlan, flatFields, type FlatFields, type RegexFactory, type RowAccess } from '../query/evaluate.ts';
import { flattenFields } from '../query/flatten.ts';
import { summarizeFields, type FieldStats } from '../query/field-stats.ts';
import { columnValues } from '../query/column-values.ts';
import { listColumns, type ListColumns } from '../query/list-columns.ts';
import { compareRange, type CompareResult } from '../compare/compare.ts';
import { SessionFlows, type Flow, type FlowSummary } from '../flows/flows.ts';

export type SessionSource = ByteSource & RangeReader;

export interface SessionLoadOptions extends ParallelOptions {
  /** Workers to split big files across (see src/worker/slice-pool.ts); without it one thread reads everything. */
  slices?: SliceRunner;
  /** The rules to run (default: the built-in ones); the user's rule files add theirs (see rules/index.ts withUserRules). */
  rules?: readonly Rule[];
  /** Analysis to run instead of the dropped-file one (a pulled window takes its gaps from the server's counts). */
  analyse?: (r: IngestResult) => Analysis;
}

export interface LoadSummary {
  table: EventTable;
  files: FileStats[];
  templates: TemplateInfo[];
  analysis: Analysis;
  /** Where a pulled window came from: a ClickHouse pull, or a dropped bundle's manifest (when it was the only file). */
  provenance?: Provenance | null;
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

/** Messages of rows and, per row, the values of the fields asked for (null where a row lacks one). */
export interface RowTexts {
  messages: string[];
  values: (string | null)[][];
}

/** Raw text shown for one event is capped so a 10 MB line cannot freeze the detail panel. */
export const MAX_RAW_BYTES = 256 * 1024;

/**
 * Rows read back together share one range read while their span stays under
 * this: neighbouring events sit next to each other in the file, so a search
 * over a million rows costs a few hundred reads, not a million.
 */
const READ_SPAN_BYTES = 4 * 1024 * 1024;
/**
 * ...and while the next row starts within this many bytes of the span's end: rows far apart (failure events
 * whose continuation lines the analysis reads) are not read with the megabytes between them.
 */
const READ_GAP_BYTES = 64 * 1024;
/** Range reads awaited together: in the browser each is a round trip to the file. */
const READS_IN_FLIGHT = 6;
/** Rows whose text a search reads back at once (bounds the strings held). */
const SEARCH_BATCH_ROWS = 65536;
/** When a query looks into fields every row's text is read: fewer rows at once, and more of each (records are long). */
const FIELD_BATCH_ROWS = 8192;
const FIELD_RAW_BYTES = 32 * 1024;

export class EngineSession {
  private result: IngestResult | null = null;
  /** The analysis the page shows (of the last load or adopted link), for building share links where the table lives. */
  private shown: Analysis | null = null;
  private readers: RangeReader[] = [];
  /** Per file: the parser that reads back messages not kept in memory (null: show the raw line). */
  private readonly readBackParsers = new Map<number, LineParser | null>();
  /** Per file: its first line, for formats that name their fields there (CSV). */
  private readonly heads = new Map<number, string | undefined>();
  /** Request flows and clock offsets, indexed on first use (flows/flows.ts). */
  private readonly flows = new SessionFlows(() => this.result, () => this.readers, (row) => this.raw(row, FIELD_RAW_BYTES));

  /**
   * Read the files. With `options.slices` (a pool of workers), big JSON-lines
   * and logfmt files are split across it (parallel-ingest.ts); the result is
   * the same table.
   */
  async load(given: SessionSource[], options: SessionLoadOptions = {}): Promise<LoadSummary> {
    const { slices, rules, analyse: analyseGiven, ...rest } = options;
    // A pulled bundle opens as its per-service files, its gaps judged from the server's counts.
    const unpacked = await unpackBundles(given);
    const sources = unpacked.sources;
    const density = unpacked.density;
    const analyse = analyseGiven ?? (density ? (r: IngestResult) => analyzePulled(r, density, rules) : undefined);
    // While workers parse a big file's slices, this thread builds what the analysis after the load needs.
    const result = slices ? await ingestParallel(sources, slices, { whileSlicing: prepareAnalysis, ...rest }) : await ingestSources(sources, rest);
    const readers = sources.map((s, i) => {
      const d = result.decompressed[i];
      return d ? blobSource(d, s.name) : s;
    });
    // The analysis reads messages back through a session of its own: until the load is done (and was
    // not cancelled meanwhile), calls from the page keep answering from the incident on screen.
    const staging = new EngineSession();
    staging.result = result;
    staging.readers = readers;
    // Rows the analysis quotes whose message was not kept are read back first (analyzeReading).
    const analysis = analyse ? analyse(result) : await analyzeReading(result, (rows) => staging.messages(rows), rules, (rows) => staging.raws(rows, CAUSE_BYTES));
    if (rest.signal?.aborted) throw new IngestCancelled();
    this.result = result;
    this.shown = analysis;
    this.forgetFiles();
    this.readers = readers;
    const provenance = unpacked.manifests.length === 1 && given.length === 1 ? unpacked.manifests[0].provenance : null;
    return { table: result.table, files: result.files, templates: result.templates, analysis, provenance };
  }

  /** Analyse the loaded logs again with other rules (the user's rule files; the Rules dialog's preview). */
  async reanalyze(rules: readonly Rule[]): Promise<Analysis | null> {
    const result = this.result;
    if (!result) return null;
    return analyzeReading(result, (rows) => this.messages(rows), rules, (rows) => this.raws(rows, CAUSE_BYTES));
  }

  get loaded(): IngestResult | null {
    return this.result;
  }

  /** Marks and findings of the last load or adopted link (not of a rules preview). */
  get analysis(): Analysis | null {
    return this.shown;
  }

  /**
   * Take over a result built elsewhere (a share link restored without files,
   * see src/share/restore.ts): same table, same byte-range reads, no re-ingest.
   */
  adopt(result: IngestResult, analysis: Analysis, readers: RangeReader[]): LoadSummary {
    this.result = result;
    this.shown = analysis;
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
    this.flows.forget();
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
   * range read (see READ_SPAN_BYTES and READ_GAP_BYTES); a few reads are in
   * flight at once (READS_IN_FLIGHT).
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
    const spans: { file: number; start: number; end: number; from: number; to: number }[] = [];
    for (let k = 0; k < order.length; ) {
      const file = t.file[rows[order[k]]];
      const spanStart = t.byteOffset[rows[order[k]]];
      let spanEnd = spanStart;
      let m = k;
      for (; m < order.length; m++) {
        const row = rows[order[m]];
        const end = t.byteOffset[row] + Math.min(t.byteLength[row], cap);
        if (m > k && (t.file[row] !== file || Math.max(spanEnd, end) - spanStart > READ_SPAN_BYTES || t.byteOffset[row] - spanEnd > READ_GAP_BYTES)) break;
        spanEnd = Math.max(spanEnd, end);
      }
      spans.push({ file, start: spanStart, end: spanEnd, from: k, to: m });
      k = m;
    }
    const decoders = new Map<string, TextDecoder>();
    const readSpan = async (span: (typeof spans)[number]): Promise<void> => {
      const bytes = await this.readers[span.file].read(span.start, span.end);
      const enc = r.files[span.file]?.encoding ?? 'utf-8';
      let decoder = decoders.get(enc);
      if (!decoder) decoders.set(enc, (decoder = new TextDecoder(enc)));
      for (let q = span.from; q < span.to; q++) {
        const row = rows[order[q]];
        const from = t.byteOffset[row] - span.start;
        out[order[q]] = decoder.decode(bytes.subarray(from, from + Math.min(t.byteLength[row], cap)));
      }
    };
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < spans.length) await readSpan(spans[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(READS_IN_FLIGHT, spans.length) }, lane));
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
   * Rows that match a query (query/parse.ts: free text over message and
   * field values, field terms, levels...). Returns a 0/1 mask over rows;
   * throws with a message for the user when the query cannot run. `regex`
   * compiles the query's user patterns (see src/share/query-regex.ts).
   */
  async search(query: string, regex: RegexFactory): Promise<Uint8Array> {
    const r = this.result;
    const n = r?.table.length ?? 0;
    const mask = new Uint8Array(n);
    if (!r || !query.trim()) return mask.fill(1);
    const parsed = parseQuery(query);
    if (!parsed.ok) throw new Error(parsed.error);
    const compiled = compilePlan(parsed.plan, regex);
    if (!compiled.ok) throw new Error(compiled.error);
    const { test, needsFields } = compiled;
    const access = await this.rowAccess();
    const batch = needsFields ? FIELD_BATCH_ROWS : SEARCH_BATCH_ROWS;
    for (let from = 0; from < n; from += batch) {
      const to = Math.min(n, from + batch);
      // Raw text is read for rows whose message is not in memory, and for every row when fields are asked for.
      const rows: number[] = [];
      for (let i = from; i < to; i++) if (needsFields || r.messages[i] === undefined) rows.push(i);
      const raws = rows.length > 0 ? await this.raws(rows, needsFields ? FIELD_RAW_BYTES : 4096) : [];
      const rawOf = new Map<number, string>();
      rows.forEach((row, k) => rawOf.set(row, raws[k]));
      for (let i = from; i < to; i++) if (test(access(i, rawOf.get(i) ?? ''))) mask[i] = 1;
    }
    return mask;
  }

  /** Which fields the rows have and their most common values (the Fields sidebar). */
  async fieldStats(rows: readonly number[], total: number): Promise<FieldStats> {
    const r = this.result;
    if (!r) return summarizeFields([], 0);
    const access = await this.rowAccess();
    const raws = await this.raws(rows, FIELD_RAW_BYTES);
    const records = rows.map((row, k) => access(row, raws[k]).pairs());
    return summarizeFields(records, total);
  }

  /**
   * Messages of rows and, when `fields` are named, their values of those
   * fields (the log list's rows on screen and its columns): one read of the
   * rows' text serves both.
   */
  async rowTexts(rows: readonly number[], fields: readonly string[]): Promise<RowTexts> {
    const r = this.result;
    if (fields.length === 0 || !r) return { messages: await this.messages(rows), values: [] };
    const access = await this.rowAccess();
    const raws = await this.raws(rows, FIELD_RAW_BYTES);
    const messages: string[] = [];
    const values: (string | null)[][] = [];
    rows.forEach((row, k) => {
      const ok = row >= 0 && row < r.table.length;
      const a = ok ? access(row, raws[k]) : null;
      messages.push(a ? a.message() : '');
      values.push(columnValues(a ? a.pairs() : [], fields));
    });
    return { messages, values };
  }

  /** The log list's field columns for a sample of its rows: widths, and the fields varying beside a repeated message. */
  async listColumns(rows: readonly number[], fields: readonly string[], auto: boolean): Promise<ListColumns> {
    const r = this.result;
    if (!r) return { auto: null, widths: [] };
    // Logs with no parsed fields (plain text) have no column to offer: nothing to read back.
    if (!r.files.some((f) => !!formatById(f.format ?? '')?.fields)) return listColumns([], fields, false);
    const t = r.table;
    const access = await this.rowAccess();
    const valid = rows.filter((row) => row >= 0 && row < t.length);
    const raws = await this.raws(valid, FIELD_RAW_BYTES);
    const sample = valid.map((row, k) => {
      const a = access(row, raws[k]);
      return { template: t.template[row], level: LEVEL_NAMES[t.level[row]] ?? 'none', tMs: t.tMs[row], message: a.message(), pairs: a.pairs() };
    });
    return listColumns(sample, fields, auto);
  }

  /**
   * What is over-represented in [from, to] against every other row
   * (compare/compare.ts): templates, levels, sources and loggers from the
   * columns, field values from a sample of rows read back.
   */
  async compare(from: number, to: number): Promise<CompareResult | null> {
    const r = this.result;
    if (!r) return null;
    const hasFields = r.files.some((f) => !!formatById(f.format ?? '')?.fields);
    const access = hasFields ? await this.rowAccess() : null;
    const records = access
      ? async (rows: number[]) => {
          const raws = await this.raws(rows, FIELD_RAW_BYTES);
          return rows.map((row, k) => access(row, raws[k]).pairs());
        }
      : undefined;
    const names = { patterns: templatePatterns(r.templates), files: r.files.map((f) => f.name) };
    return compareRange(r.table, names, from, to, { records });
  }

  /** How many events share request or trace ids, and the clock offsets between files they imply. */
  flowSummary(keys?: readonly string[]): Promise<FlowSummary | null> {
    return this.flows.summary(keys);
  }

  /** The events that share an id with `row`, on every file (null: it shares none). */
  flow(row: number, keys?: readonly string[]): Promise<Flow | null> {
    return this.flows.flow(row, keys);
  }

  /**
   * A row as queries see it: columns read directly, message and fields from
   * the row's raw text (parsed once, only when asked). CSV headers are read first.
   */
  private async rowAccess(): Promise<(row: number, raw: string) => RowAccess & { pairs(): [string, string][] }> {
    const r = this.result;
    if (!r) throw new Error('nothing loaded');
    const t = r.table;
    const heads = await Promise.all(r.files.map((f, i) => (f.format === 'csv' ? this.firstLine(i) : undefined)));
    const formats = r.files.map((f) => formatById(f.format ?? ''));
    const env = { year: new Date().getUTCFullYear(), time: newTimeOut() };
    const patterns = templatePatterns(r.templates);
    return (row, raw) => {
      let message: string | undefined = r.messages[row];
      let pairs: [string, string][] | null = null;
      let flat: FlatFields | null | undefined;
      let lower: string | undefined;
      const fileIndex = t.file[row];
      const getPairs = () => {
        if (pairs) return pairs;
        const format = formats[fileIndex];
        let fields: Record<string, unknown> | null = null;
        if (format?.fields && raw) {
          try {
            fields = format.fields(raw, env, heads[fileIndex]);
          } catch {
            fields = null;
          }
        }
        pairs = fields ? flattenFields(fields) : [];
        return pairs;
      };
      return {
        level: t.level[row],
        kind: t.kind[row],
        file: r.files[fileIndex]?.name ?? '',
        logger: t.loggers[t.logger[row]] ?? '',
        pattern: patterns[t.template[row]],
        message: () => (message ??= this.readBack(row, raw)),
        rawLower: () => (lower ??= raw.toLowerCase()),
        fields: () => {
          if (flat === undefined) {
            const p = getPairs();
            flat = p.length > 0 ? flatFields(p) : null;
          }
          return flat;
        },
        pairs: getPairs,
      };
    };
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

/** Patterns indexed by template id (the list is in id order, but nothing promises it). */
function templatePatterns(list: readonly TemplateInfo[]): string[] {
  const out: string[] = [];
  for (const t of list) out[t.id] = t.pattern;
  return out;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return nl < 0 ? s : s.slice(0, nl);
}

export function blobSessionSource(blob: Blob, name: string, lastModified?: number): SessionSource {
  return blobSource(blob, name, lastModified);
}
