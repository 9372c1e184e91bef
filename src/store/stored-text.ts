// localStorage that never throws: private mode, a full quota or a blocked
// storage make what the user keeps last for this page only. What comes back
// is untrusted text; the callers narrow it.

export function readStored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Store the text, or remove the key when `text` is null. */
export function writeStored(key: string, text: string | null): void {
  try {
    if (text === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, text);
  } catch {
    // Private mode or a full quota: kept for this page only.
  }
}

/**
 * The list under `field` of a stored `{ "v": version, field: [...] }`, at most
 * `maxItems` of it, or [] when the text is too long, not JSON or another version.
 */
export function storedList(text: string | null | undefined, version: number, field: string, maxChars: number, maxItems: number): unknown[] {
  if (!text || text.length > maxChars) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [];
  const o = json as Record<string, unknown>;
  if (!Object.hasOwn(o, 'v') || o.v !== version || !Object.hasOwn(o, field)) return [];
  const list = o[field];
  return Array.isArray(list) ? list.slice(0, maxItems) : [];
}
