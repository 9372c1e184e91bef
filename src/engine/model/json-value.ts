// Narrowing parsed JSON (always `unknown`) to objects and reading their own
// keys, shared by the format readers and the classifier's subject finder.

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only: a record's "__proto__" or "constructor" key is just data. */
export function own(o: JsonObject, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}
