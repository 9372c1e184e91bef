// Ingest: many files in, one merged time-ordered event table out. This is the
// engine's front door, used unchanged by the worker, the CLI and the tests.
// Each file streams through open-text -> line-splitter -> its format's parser
// -> FileIngest; a file that cannot be read gets an error and the rest load.

import { createClassifier } from '../classify/classifier.ts';
import type { VocabularyEntry } from '../classify/vocabulary.ts';
import { detectFormat } from '../formats/index.ts';
import { newTimeOut } from '../model/time.ts';
import { TableBuilder } from '../model/table-builder.ts';
import type { EventTable } from '../model/event-table.ts';
import { Templater, type TemplateInfo } from '../templates/templater.ts';
import type { ByteSource } from './byte-source.ts';
import { FileIngest, type SharedSinks } from './file-ingest.ts';
import { newFileStats, type FileStats } from './file-stats.ts';
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter.ts';
import { openText } from './open-text.ts';

export interface IngestProgress {
  bytes: number;
  totalBytes: number;
  lines: number;
  events: number;
  fileIndex: number;
  elapsedMs: number;
}

export interface IngestOptions {
  vocabulary?: readonly VocabularyEntry[];
  /** Called every few MB. */
  onProgress?: (p: IngestProgress) => void;
  /** Checked between chunks; set `aborted` to stop. AbortSignal fits. */
  signal?: { readonly aborted: boolean };
  /** Year for year-less timestamps; default: the file's mtime year, else this year. */
  year?: number;
  /** Characters of message text to keep in memory (the rest is read back from the file). */
  messageBudget?: number;
  /** Per file index: minutes to add to zone-less times (the user's zone for that file). */
  zoneOffsetMin?: Record<number, number>;
  /** Keep decompressed bytes of .gz files so events can be read back (default true). */
  keepDecompressed?: boolean;
  /** Lines read for format detection. */
  detectLines?: number;
}

export interface IngestResult {
  table: EventTable;
  files: FileStats[];
  /** Message text per table row, when kept in memory. */
  messages: (string | undefined)[];
  templates: TemplateInfo[];
  /** Decompressed contents of gzip files by file index, for reading events back. */
  decompressed: (Blob | null)[];
}

export class IngestCancelled extends Error {
  constructor() {
    super('ingest cancelled');
    this.name = 'IngestCancelled';
  }
}

const PROGRESS_EVERY_BYTES = 4 << 20;
const DEFAULT_MESSAGE_BUDGET = 48 << 20;
const DETECT_LINES = 200;

export async function ingestSources(sources: readonly ByteSource[], options: IngestOptions = {}): Promise<IngestResult> {
  const started = Date.now();
  const builder = new TableBuilder(1 << 14);
  const sinks: SharedSinks = {
    builder,
    classify: createClassifier(options.vocabulary ?? []),
    templater: new Templater(),
    messages: [],
    messageBudget: options.messageBudget ?? DEFAULT_MESSAGE_BUDGET,
    messageChars: 0,
  };
  const files: FileStats[] = [];
  const decompressed: (Blob | null)[] = [];
  const totalBytes = sources.reduce((a, s) => a + (s.size || 0), 0);
  let bytesBefore = 0;
  let noTimeRows: number[] = [];

  for (let fi = 0; fi < sources.length; fi++) {
    const src = sources[fi];
    const stats = newFileStats(src.name, src.size);
    files.push(stats);
    decompressed.push(null);
    const rowsBefore = builder.length;
    try {
      const opened = await openText(src);
      stats.encoding = opened.encoding;
      stats.gzip = opened.gzip;
      if (opened.error) {
        stats.error = opened.error;
        await opened.chunks.return(undefined);
        continue;
      }
      const year = options.year ?? new Date(src.lastModified ?? Date.now()).getUTCFullYear();
      const env = { year, time: newTimeOut() };
      let fileIngest: FileIngest | null = null;
      const head: [string, number, number, boolean][] = [];
      const detectLines = options.detectLines ?? DETECT_LINES;
      const startParsing = () => {
        const { format } = detectFormat(src.name, head.map((h) => h[0]));
        stats.format = format.id;
        stats.formatLabel = format.label;
        fileIngest = new FileIngest(fi, format, env, stats, sinks, options.zoneOffsetMin?.[fi] ?? 0);
        for (const h of head) fileIngest.line(h[0], h[1], h[2], h[3]);
        head.length = 0;
      };
      let longLines = 0;
      const splitter = new LineSplitter((text, off, len, truncated) => {
        if (truncated) longLines++;
        if (fileIngest) fileIngest.line(text, off, len, truncated);
        else {
          head.push([text, off, len, truncated]);
          if (head.length >= detectLines) startParsing();
        }
      }, opened.encoding);
      splitter.skip(opened.bom);
      let fileBytes = 0;
      let sinceProgress = 0;
      const keep: Uint8Array[] | null = opened.gzip && options.keepDecompressed !== false ? [] : null;
      let first = true;
      for await (let chunk of opened.chunks) {
        if (options.signal?.aborted) throw new IngestCancelled();
        if (keep) keep.push(chunk.slice());
        if (first && opened.bom) chunk = chunk.subarray(opened.bom);
        first = false;
        splitter.push(chunk);
        fileBytes += chunk.length;
        sinceProgress += chunk.length;
        if (sinceProgress >= PROGRESS_EVERY_BYTES && options.onProgress) {
          sinceProgress = 0;
          options.onProgress({
            bytes: bytesBefore + Math.min(fileBytes, src.size || fileBytes),
            totalBytes,
            lines: files.reduce((a, f) => a + f.lines, 0),
            events: builder.length,
            fileIndex: fi,
            elapsedMs: Date.now() - started,
          });
        }
      }
      splitter.end();
      if (!fileIngest) startParsing();
      const fin = fileIngest as unknown as FileIngest;
      fin.end();
      noTimeRows = noTimeRows.concat(fin.untimedRows as number[]);
      if (opened.gzip) stats.bytes = fileBytes;
      if (keep) decompressed[fi] = new Blob(keep as BlobPart[]);
      if (stats.lines === 0) stats.error = 'empty file: no lines to read';
      if (splitter.invalidLines > 0) stats.notices.push(`${splitter.invalidLines} line(s) had bytes that are not valid ${opened.encoding}; shown with U+FFFD`);
      if (longLines > 0) stats.notices.push(`${longLines} line(s) longer than ${MAX_LINE_BYTES >> 20} MB; only their first ${MAX_LINE_BYTES >> 20} MB are kept`);
      if (opened.encoding !== 'utf-8') stats.notices.push(`decoded as ${opened.encoding.toUpperCase()}`);
      if (stats.zoneAssumed) stats.notices.push('timestamps without a time zone were read as UTC');
    } catch (e) {
      if (e instanceof IngestCancelled) throw e;
      builder.truncate(rowsBefore);
      sinks.messages.length = rowsBefore;
      const keepName = stats.name;
      Object.assign(stats, newFileStats(keepName, src.size));
      stats.error = `could not read: ${e instanceof Error ? e.message : String(e)}`;
    }
    bytesBefore += src.size || 0;
  }

  // Events from files with no timestamps at all sit at the start of the timeline.
  if (noTimeRows.length > 0) {
    const c = builder.columns;
    let min = Infinity;
    for (let i = 0; i < builder.length; i++) if (c.tMs[i] < min) min = c.tMs[i];
    if (!Number.isFinite(min)) min = 0;
    for (const r of noTimeRows) c.tMs[r] = min;
  }

  const { table, order } = builder.finish();
  const messages: (string | undefined)[] = new Array(table.length);
  for (let i = 0; i < table.length; i++) messages[i] = sinks.messages[order[i]];
  options.onProgress?.({
    bytes: totalBytes,
    totalBytes,
    lines: files.reduce((a, f) => a + f.lines, 0),
    events: table.length,
    fileIndex: sources.length - 1,
    elapsedMs: Date.now() - started,
  });
  return { table, files, messages, templates: sinks.templater.list(), decompressed };
}
