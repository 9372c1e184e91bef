// The user's rule files as the app keeps them: name and text (so errors can
// always be shown against the file's own lines), where each came from, and
// what the loader makes of it. Everything read back from localStorage or a
// share link is untrusted: narrowed from unknown, size-capped, and checked
// by the same loader and linear-time pattern check as a pasted file; a file
// that no longer loads is dropped rather than half-applied.

import { loadRuleText, MAX_RULE_FILE_BYTES, userPatternCheck, type LoadedRules } from '../engine/knowledge/rule-loader.ts';
import type { RuleSpec } from '../engine/rules/spec.ts';
import { readStored, storedList, writeStored } from './stored-text.ts';

/** Where a file came from: the user's own (saved), or a share link (this page only, until kept). */
export type RuleFileOrigin = 'user' | 'link';

export interface RuleFile {
  name: string;
  text: string;
  origin: RuleFileOrigin;
}

export const RULES_STORAGE_KEY = 'timberline.rules';
const STORAGE_VERSION = 1;
/** Rule files at most, kept or carried by a link. */
export const MAX_RULE_FILES = 10;
export const MAX_RULE_FILE_NAME = 200;

const cache = new Map<string, LoadedRules>();

/** The loader's verdict on a text, remembered (the dialog asks on every render). */
export function checkRuleText(text: string): LoadedRules {
  let r = cache.get(text);
  if (!r) {
    r = loadRuleText(text, userPatternCheck);
    if (cache.size > 50) cache.clear();
    cache.set(text, r);
  }
  return r;
}

/** The specs of the files, first file wins when two define the same id. */
export function specsOf(files: readonly Pick<RuleFile, 'text'>[]): RuleSpec[] {
  const out: RuleSpec[] = [];
  for (const f of files) for (const s of checkRuleText(f.text).rules) if (!out.some((o) => o.id === s.id)) out.push(s);
  return out;
}

/** Identifies a list of rules: equal keys analyse the same. */
export function rulesKey(specs: readonly RuleSpec[]): string {
  return JSON.stringify(specs);
}

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** One { name, text } from untrusted JSON that loads without errors, or null. */
export function narrowRuleFile(v: unknown): { name: string; text: string } | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const name = own(v, 'name');
  const text = own(v, 'text');
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_RULE_FILE_NAME) return null;
  if (typeof text !== 'string' || text.length > MAX_RULE_FILE_BYTES) return null;
  const r = checkRuleText(text);
  return r.errors.length === 0 && r.rules.length > 0 ? { name, text } : null;
}

/** Files without a second copy of the same name, capped. */
export function dedupeRuleFiles<T extends { name: string }>(files: readonly T[]): T[] {
  const out: T[] = [];
  for (const f of files) if (out.length < MAX_RULE_FILES && !out.some((o) => o.name === f.name)) out.push(f);
  return out;
}

export function parseStoredRules(text: string | null | undefined): { name: string; text: string }[] {
  const files = storedList(text, STORAGE_VERSION, 'files', MAX_RULE_FILES * MAX_RULE_FILE_BYTES * 2, MAX_RULE_FILES * 2);
  return dedupeRuleFiles(files.map(narrowRuleFile).filter((f): f is { name: string; text: string } => f !== null));
}

export function loadStoredRules(): { name: string; text: string }[] {
  return parseStoredRules(readStored(RULES_STORAGE_KEY));
}

export function saveRules(files: readonly RuleFile[]): void {
  writeStored(RULES_STORAGE_KEY, files.length === 0 ? null : JSON.stringify({ v: STORAGE_VERSION, files: files.map((f) => ({ name: f.name, text: f.text })) }));
}
