// Stitches the slices of one file back into the shared table, in file order,
// so the rows come out as one reader would have made them: a slice's head
// lines are replayed after the previous slice's state (a stack trace cut at
// a slice boundary rejoins its event), then its rows are appended with line
// numbers shifted and loggers and templates re-interned, and the counts are
// summed. Out-of-order lines are recounted here in line order as the slices
// come in, because each slice only saw its own part. A slice may arrive with
// its rows sorted by time (SliceResult.sorted): its rows are appended as they
// are and its order says which line each row is.

import type { LogFormat } from '../formats/types.ts';
import type { EventColumns } from '../model/event-table.ts';
import { Flag } from '../model/kinds.ts';
import { newTimeOut } from '../model/time.ts';
import type { ByteSource } from './byte-source.ts';
import { iterate } from './byte-source.ts';
import { FileIngest, type FileIngestState, type SharedSinks } from './file-ingest.ts';
import type { FileStats } from './file-stats.ts';
import type { PlausibleRange } from './plausible-time.ts';
import { fileNotices, type SplitCounts } from './ingest.ts';
import type { MessageNumbering } from './message-numbers.ts';
import { readOwnedLines, sliceReadFrom, type LineOrder, type SliceResult, type SliceTask } from './slice-ingest.ts';

const SUMMED = ['lines', 'events', 'continuations', 'blank', 'malformed', 'recovered', 'elided', 'untimed'] as const;

/** Add a slice's counts to the file's. */
export function addStats(into: FileStats, s: FileStats): void {
  for (const k of SUMMED) into[k] += s[k];
  into.zoneAssumed ||= s.zoneAssumed;
  into.yearAssumed ||= s.yearAssumed;
  into.dateUnknown ||= s.dateUnknown;
  into.uptimeClock ||= s.uptimeClock;
  if (!(s.firstTime >= into.firstTime)) into.firstTime = s.firstTime;
  if (!(s.lastTime <= into.lastTime)) into.lastTime = s.lastTime;
  for (const n of s.notices) if (!into.notices.includes(n)) into.notices.push(n);
}

export class FileMerge {
  private readonly reader: FileIngest;
  private state: FileIngestState;
  private linesBefore = 0;
  private readonly counts: SplitCounts = { invalidLines: 0, longLines: 0 };
  /** The out-of-order count over the rows so far, in line order (as FileIngest counts while reading a whole file). */
  private readonly order = new LineOrderCount();
  /** Rows below this were counted. */
  private counted: number;

  constructor(
    fileIndex: number,
    format: LogFormat,
    year: number,
    private readonly stats: FileStats,
    private readonly sinks: SharedSinks,
    zoneOffsetMin: number,
    day?: number,
    plausibleTime?: PlausibleRange,
    /** Numbers the slices' messages (message-numbers.ts); without it they are only written into the messages. */
    private readonly numbering?: MessageNumbering,
    /** The latest moment a year-less date may fall on (ingest.ts fileNow). */
    now?: number,
  ) {
    this.reader = new FileIngest(fileIndex, format, { year, day, now, time: newTimeOut() }, stats, sinks, zoneOffsetMin, plausibleTime);
    this.state = this.reader.snapshot();
    this.counted = sinks.builder.length;
  }

  /**
   * Merge the next slice. An incomplete slice (it gave up looking for an
   * anchor in a huge run of lines without a time) is read again from `src`.
   */
  async merge(r: SliceResult, task: SliceTask, src: ByteSource): Promise<void> {
    const sinks = this.sinks;
    const builder = sinks.builder;
    this.reader.restore(this.state);
    for (const h of r.head) this.reader.line(h.text, h.offset, h.length, h.truncated);
    if (!r.complete) {
      // Read the whole slice here, continuing from the previous slice's state.
      const from = src.streamFrom?.(sliceReadFrom(task));
      if (!from) throw new Error('slice without anchor and no way to read it again');
      await readOwnedLines(task, iterate(from), (text, offset, length, truncated) => {
        if (truncated) this.counts.longLines++;
        else if (text.includes('\uFFFD')) this.counts.invalidLines++;
        this.reader.line(text, offset, length, truncated);
        return true;
      });
      this.state = this.reader.snapshot();
      this.linesBefore = this.state.lineNo;
      return;
    }
    this.counts.invalidLines += r.counts.invalidLines;
    this.counts.longLines += r.counts.longLines;
    const replayed = this.reader.snapshot();
    if (r.length > 0) {
      const rowBase = builder.length;
      this.countRows(rowBase);
      // Rows before the file's first time take the time of the first event that has one (FileIngest does the same).
      if (replayed.leadingUntimed.length > 0) {
        const c = builder.columns;
        const first = r.sorted ? r.order.indexOf(0) : 0;
        for (const k of replayed.leadingUntimed) {
          c.tMs[k] = r.columns.tMs[first];
          c.subNs[k] = r.columns.subNs[first];
        }
      }
      const logger = r.loggers.map((name) => builder.internLogger(name));
      const template = r.templates.map((t) => {
        const id = sinks.templater.add(t.pattern);
        sinks.templater.counts[id] += t.count - 1;
        return id;
      });
      // Sorted rows need no order: the final sort finds them in place (an order given would be checked again).
      builder.appendRows(r.columns, r.length, { logger, template, lineBase: this.linesBefore, subjects: r.subjects, order: r.sorted ? undefined : r.order });
      if (r.lineOrder) {
        this.order.sortedSlice(builder.columns, rowBase, r.length, r.lineOrder);
        this.counted = builder.length;
      }
      const msgs = sinks.messages;
      const texts = r.messageTexts;
      if (this.numbering) this.numbering.slice(rowBase, texts, r.messageIds, msgs);
      else {
        for (let i = 0; i < r.length; i++) {
          const id = r.messageIds[i];
          msgs[rowBase + i] = id < 0 ? undefined : texts[id];
        }
      }
      for (const m of texts) sinks.messageChars += m.length;
      addStats(this.stats, r.stats);
      const s = r.endState as FileIngestState;
      this.state = {
        ...s,
        lineNo: s.lineNo + this.linesBefore,
        current: s.current >= 0 ? s.current + rowBase : replayed.current,
        leadingUntimed: s.leadingUntimed.map((k) => k + rowBase),
      };
    } else this.state = replayed;
    this.linesBefore += r.lines;
    this.state.lineNo = this.linesBefore;
  }

  /** After the last slice: the reader's end-of-file work, recounted order, notices. Returns rows that never got a time. */
  finish(): readonly number[] {
    this.reader.restore(this.state);
    this.reader.end();
    this.countRows(this.sinks.builder.length);
    this.stats.outOfOrder = this.order.count;
    fileNotices(this.stats, this.counts);
    return this.reader.untimedRows;
  }

  /** Count the rows appended since the last count, up to `end`: they are in line order. */
  private countRows(end: number): void {
    const c = this.sinks.builder.columns;
    for (let i = this.counted; i < end; i++) this.order.row(c, i);
    this.counted = Math.max(this.counted, end);
  }
}

/** Lines whose time is before an earlier line's, counted as FileIngest counts them while reading. */
class LineOrderCount {
  count = 0;
  private maxMs = -Infinity;
  private maxNs = 0;

  row(c: EventColumns, i: number): void {
    if (c.flags[i] & Flag.untimed) return;
    const ms = c.tMs[i];
    const ns = c.subNs[i];
    if (ms < this.maxMs || (ms === this.maxMs && ns < this.maxNs)) this.count++;
    else {
      this.maxMs = ms;
      this.maxNs = ns;
    }
  }

  /**
   * A slice's `n` rows from `base` on, sent sorted by time, counted as if in line order: its own out-of-order
   * lines count, and of its new highs those before the latest line of the slices before it. Sorted, the rows
   * before that line come first.
   */
  sortedSlice(c: EventColumns, base: number, n: number, lines: LineOrder): void {
    this.count += lines.below;
    for (let k = 0; k < n; k++) {
      const ms = c.tMs[base + k];
      if (!(ms < this.maxMs || (ms === this.maxMs && c.subNs[base + k] < this.maxNs))) break;
      this.count += lines.newHigh[k];
    }
    for (let k = n - 1; k >= 0; k--) {
      const i = base + k;
      if (c.flags[i] & Flag.untimed) continue;
      const ms = c.tMs[i];
      const ns = c.subNs[i];
      if (ms > this.maxMs || (ms === this.maxMs && ns > this.maxNs)) {
        this.maxMs = ms;
        this.maxNs = ns;
      }
      break;
    }
  }
}
