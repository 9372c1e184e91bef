// The open operations of one file while operations.ts pairs starts with
// ends. An end used to look for its start by walking the list of open
// operations (up to a thousand) once or twice; a Docker log full of
// operations spent half its analysis there. Here each question an end asks
// ("the oldest open one with this identifier", "the oldest of this family
// without an identifier"...) has a queue of its own, so it is answered by
// looking at the front or back of one or two queues. Closed operations stay
// in the queues and are skipped when they reach an end. The answers are those
// of the walk over the list (test/analysis/open-ops.test.ts compares both).
// While few operations are open (most logs), the walk over a short list is
// cheaper than keeping the queues (~20 ms on the 200 MB benchmark log): the
// queues are built once more than LIST_MAX are open, and kept from then on.

/** What pairing reads of an open operation. */
export interface OpenOp {
  /** Identifier, '' when it names none. */
  key: string;
  family: string;
  /** The identifier came from a subject field (authoritative). */
  fieldKey: boolean;
}

interface Entry<T> {
  op: T;
  /** Order of arrival: lower is older. */
  seq: number;
  live: boolean;
}

/** Entries in order of arrival; dead ones are dropped when they reach the front or the back. */
class Queue<T> {
  private items: Entry<T>[] = [];
  private head = 0;

  push(e: Entry<T>): void {
    this.items.push(e);
  }

  /** The oldest live entry. */
  first(): Entry<T> | undefined {
    const items = this.items;
    while (this.head < items.length && !items[this.head].live) this.head++;
    if (this.head > 64 && this.head * 2 > items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }

  /** Each live entry, oldest first. */
  forEachLive(f: (e: Entry<T>) => void): void {
    for (let i = this.head; i < this.items.length; i++) if (this.items[i].live) f(this.items[i]);
  }

  /** The newest live entry. */
  last(): Entry<T> | undefined {
    const items = this.items;
    while (items.length > this.head && !items[items.length - 1].live) items.pop();
    return items.length > this.head ? items[items.length - 1] : undefined;
  }
}

/**
 * A queue per name an operation is filed under (null: not filed here). Kept
 * only once an end asks it something, and then filled with the operations
 * still open: a log's ends ask two or three of the questions, and filing
 * every start under all of them cost more than it saved on the 200 MB
 * benchmark log.
 */
class Index<T extends OpenOp> {
  private map: Map<string, Queue<T>> | null = null;

  constructor(private readonly nameOf: (op: T) => string | null) {}

  add(e: Entry<T>): void {
    if (!this.map) return;
    const name = this.nameOf(e.op);
    if (name === null) return;
    let q = this.map.get(name);
    if (!q) this.map.set(name, (q = new Queue()));
    q.push(e);
  }

  /** The queue of `name`; `open` holds every open operation, in order, for filing them on first use. */
  get(name: string, open: Queue<T>): Queue<T> | undefined {
    if (!this.map) {
      this.map = new Map();
      open.forEachLive((e) => this.add(e));
    }
    return this.map.get(name);
  }
}

const pair = (key: string, family: string) => `${key}\u0000${family}`;
const older = <T>(a: Entry<T> | undefined, b: Entry<T> | undefined) => (!a ? b : !b ? a : a.seq < b.seq ? a : b);
const newer = <T>(a: Entry<T> | undefined, b: Entry<T> | undefined) => (!a ? b : !b ? a : a.seq > b.seq ? a : b);

/** Open operations searched by walking their list, up to this many. */
const LIST_MAX = 32;

/** The walk the queues stand in for: the index in `open` (oldest first) of the operation an end closes, or -1. */
function walk<T extends OpenOp>(open: readonly T[], key: string, family: string, fieldKey: boolean): number {
  if (key) {
    const i = open.findIndex((o) => o.key === key && (!family || o.family === family));
    if (i >= 0) return i;
  }
  // Identifiers read from fields on both sides are trusted: a.example.com's end never closes b's renewal.
  const other = (o: T) => fieldKey && o.fieldKey && o.key !== key;
  if (family) {
    const i = open.findIndex((o) => o.family === family && (!key || !o.key));
    if (i >= 0) return i;
    return open.findIndex((o) => o.family === family && !other(o));
  }
  for (let i = open.length - 1; i >= 0; i--) if (!other(open[i])) return i;
  return -1;
}

/** Open operations in order of arrival, at most `cap` (the oldest is forgotten past it). */
export class OpenOps<T extends OpenOp> {
  /** The open operations while they are few; null once the queues took over. */
  private list: T[] | null = [];
  private seq = 0;
  private live = 0;
  private readonly entries = new Map<T, Entry<T>>();
  private readonly all = new Queue<T>();
  // An end looks an identifier up only when it has one.
  private readonly byKey = new Index<T>((o) => (o.key !== '' ? o.key : null));
  private readonly byKeyFamily = new Index<T>((o) => (o.key !== '' ? pair(o.key, o.family) : null));
  private readonly byFamily = new Index<T>((o) => o.family);
  private readonly byFamilyNoKey = new Index<T>((o) => (o.key === '' ? o.family : null));
  /** Operations whose identifier is not from a field (all of them under ''), and by family. */
  private readonly noField = new Index<T>((o) => (o.fieldKey ? null : ''));
  private readonly byFamilyNoField = new Index<T>((o) => (o.fieldKey ? null : o.family));
  /** Operations whose identifier is from a field, by identifier (and family). */
  private readonly byKeyField = new Index<T>((o) => (o.fieldKey ? o.key : null));
  private readonly byKeyFamilyField = new Index<T>((o) => (o.fieldKey ? pair(o.key, o.family) : null));
  private readonly indexes = [this.byKey, this.byKeyFamily, this.byFamily, this.byFamilyNoKey, this.noField, this.byFamilyNoField, this.byKeyField, this.byKeyFamilyField];

  /** `listMax`: how many open operations are walked before the queues take over (tests set fewer). */
  constructor(private readonly cap: number, private readonly listMax = LIST_MAX) {}

  /** The newest open operation. */
  last(): T | undefined {
    const list = this.list;
    return list ? list[list.length - 1] : this.all.last()?.op;
  }

  add(op: T): void {
    const list = this.list;
    if (!list) return this.index(op);
    list.push(op);
    if (list.length > this.cap) list.shift();
    if (list.length <= this.listMax) return;
    this.list = null;
    for (const o of list) this.index(o);
  }

  private index(op: T): void {
    const e: Entry<T> = { op, seq: this.seq++, live: true };
    this.entries.set(op, e);
    this.all.push(e);
    for (const index of this.indexes) index.add(e);
    if (++this.live > this.cap) this.remove((this.all.first() as Entry<T>).op);
  }

  remove(op: T): void {
    const list = this.list;
    if (list) {
      const i = list.indexOf(op);
      if (i >= 0) list.splice(i, 1);
      return;
    }
    const e = this.entries.get(op);
    if (!e || !e.live) return;
    e.live = false;
    this.entries.delete(op);
    this.live--;
  }

  /**
   * Which open operation an end closes: the oldest with the same identifier
   * (and family, when the end names one); else the oldest of the family with
   * no identifier (any, when the end has none); else the oldest of the family
   * whose identifier does not contradict the end's (two identifiers from
   * fields that differ); with no family, the newest that does not.
   */
  find(key: string, family: string, fieldKey: boolean): T | undefined {
    const list = this.list;
    if (list) {
      const i = walk(list, key, family, fieldKey);
      return i >= 0 ? list[i] : undefined;
    }
    const all = this.all;
    if (key) {
      const e = family ? this.byKeyFamily.get(pair(key, family), all)?.first() : this.byKey.get(key, all)?.first();
      if (e) return e.op;
    }
    if (family) {
      const e = key ? this.byFamilyNoKey.get(family, all)?.first() : this.byFamily.get(family, all)?.first();
      if (e) return e.op;
      if (!fieldKey) return this.byFamily.get(family, all)?.first()?.op;
      return older(this.byFamilyNoField.get(family, all)?.first(), this.byKeyFamilyField.get(pair(key, family), all)?.first())?.op;
    }
    if (!fieldKey) return all.last()?.op;
    return newer(this.noField.get('', all)?.last(), this.byKeyField.get(key, all)?.last())?.op;
  }
}
