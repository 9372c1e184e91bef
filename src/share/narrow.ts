// Tiny narrowing helpers for JSON parsed as `unknown`: each either returns a
// value of the promised type or throws NarrowError naming the path, so a
// validator reads like the schema it checks. Only own properties are read,
// so "__proto__" or "constructor" keys in a link are never mistaken for
// (or turned into) anything but missing fields.

export class NarrowError extends Error {
  constructor(path: string, what: string) {
    super(`${path} ${what}`);
    this.name = 'NarrowError';
  }
}

export type Obj = Record<string, unknown>;

export function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new NarrowError(path, 'is not an object');
  return v as Obj;
}

/** Own property or undefined. */
export function field(o: Obj, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function arr(v: unknown, path: string, max: number): unknown[] {
  if (!Array.isArray(v)) throw new NarrowError(path, 'is not a list');
  if (v.length > max) throw new NarrowError(path, `has ${v.length} entries (at most ${max})`);
  return v;
}

export function num(v: unknown, path: string, min = -Number.MAX_VALUE, max = Number.MAX_VALUE): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new NarrowError(path, 'is not a finite number');
  if (v < min || v > max) throw new NarrowError(path, `is out of range (${min}..${max})`);
  return v;
}

export function int(v: unknown, path: string, min: number, max: number): number {
  const n = num(v, path, min, max);
  if (!Number.isInteger(n)) throw new NarrowError(path, 'is not a whole number');
  return n;
}

export function str(v: unknown, path: string, maxLen: number): string {
  if (typeof v !== 'string') throw new NarrowError(path, 'is not text');
  if (v.length > maxLen) throw new NarrowError(path, `is longer than ${maxLen} characters`);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new NarrowError(path, 'is not true/false');
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new NarrowError(path, `is not one of ${allowed.join(', ')}`);
  return v as T;
}

export function optional<T>(v: unknown, read: (v: unknown) => T): T | undefined {
  return v === undefined ? undefined : read(v);
}

export function nullable<T>(v: unknown, read: (v: unknown) => T): T | null {
  return v === null || v === undefined ? null : read(v);
}

export function strList(v: unknown, path: string, maxItems: number, maxLen: number): string[] {
  return arr(v, path, maxItems).map((s, i) => str(s, `${path}[${i}]`, maxLen));
}
