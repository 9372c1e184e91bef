// Message text for the rows on screen. The table holds no strings; the worker
// answers `messages(rows)` for the few dozen rows the log list and tooltip
// show. Requests made in one frame are batched into one worker call, answers
// land in a bounded cache, and listeners re-render when text arrives. Answers
// for an older dataset (a reload raced the request) are dropped.

import { engineClient } from './engine-client.ts';

const MAX_ENTRIES = 20_000;
const BATCH = 2_000;

type Listener = () => void;

export class MessageCache {
  private map = new Map<number, string>();
  private pending = new Set<number>();
  private inFlight = new Set<number>();
  private listeners = new Set<Listener>();
  private scheduled = false;
  private generation = 0;
  /** Bumped whenever new text arrived; components use it as a render key. */
  version = 0;

  constructor(private readonly fetchRows: (rows: number[]) => Promise<string[]>) {}

  /** Forget everything (a new dataset was loaded). */
  reset(): void {
    this.generation++;
    this.map.clear();
    this.pending.clear();
    this.inFlight.clear();
    this.version++;
    this.emit();
  }

  /** While held (a provisional snapshot is on screen) nothing is fetched: the worker cannot answer for it yet. */
  private held = false;

  hold(on: boolean): void {
    this.held = on;
    if (!on) this.schedule();
  }

  get(row: number): string | undefined {
    const v = this.map.get(row);
    if (v === undefined && !this.held && !this.inFlight.has(row)) {
      this.pending.add(row);
      this.schedule();
    }
    return v;
  }

  /** Ask for rows ahead of time (rows just outside the list's viewport). */
  prefetch(rows: Iterable<number>): void {
    if (this.held) return;
    for (const r of rows) if (!this.map.has(r) && !this.inFlight.has(r)) this.pending.add(r);
    this.schedule();
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  private schedule(): void {
    if (this.scheduled || this.held || this.pending.size === 0) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const rows = [...this.pending].slice(0, BATCH);
    for (const r of rows) {
      this.pending.delete(r);
      this.inFlight.add(r);
    }
    if (this.pending.size > 0) this.schedule();
    const gen = this.generation;
    let texts: string[] = [];
    try {
      texts = await this.fetchRows(rows);
    } catch {
      texts = rows.map(() => '');
    }
    if (gen !== this.generation) return;
    for (let i = 0; i < rows.length; i++) {
      this.inFlight.delete(rows[i]);
      this.map.set(rows[i], texts[i] ?? '');
    }
    if (this.map.size > MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest quarter.
      let drop = this.map.size - (MAX_ENTRIES * 3) / 4;
      for (const k of this.map.keys()) {
        if (drop-- <= 0) break;
        this.map.delete(k);
      }
    }
    this.version++;
    this.emit();
  }
}

/** The app's cache, answering from the engine client. */
export const messageCache = new MessageCache(async (rows) => (await engineClient()).messages(rows));
