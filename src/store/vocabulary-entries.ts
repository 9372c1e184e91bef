// The user's own classification vocabulary entries (see
// src/engine/classify/vocabulary.ts): checking a new entry, reading the saved
// list back from localStorage, and the key that says which entries a loaded
// dataset was classified with. Everything read back is untrusted (another
// tab, an extension or an old version may have written it): parsed as
// unknown, narrowed field by field, and regexes are re-checked with the same
// rules share links use, so a saved pattern can never freeze the page.

import type { VocabularyEntry } from '../engine/classify/vocabulary.ts';
import { KIND_NAMES } from '../engine/model/kinds.ts';
import { MAX_VOCABULARY, TEXT_CAPS } from '../share/limits.ts';
import { checkUserRegex } from '../share/regex-safety.ts';
import { readStored, storedList, writeStored } from './stored-text.ts';

export type VocabularyKind = VocabularyEntry['kind'];

/** Kinds an entry can give (every kind but plain). */
export const VOCABULARY_KINDS = KIND_NAMES.filter((k): k is VocabularyKind => k !== 'plain');

/** Where an entry came from: the user's own (saved), or a share link (kept for this page only until the user keeps it). */
export type EntryOrigin = 'user' | 'link';

export interface CustomEntry extends VocabularyEntry {
  origin: EntryOrigin;
}

export const VOCABULARY_STORAGE_KEY = 'timberline.vocabulary';
const STORAGE_VERSION = 1;

function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
}

/** Why a draft entry cannot be added, in words for the form, or null when it is fine. */
export function entryProblem(pattern: string, existing: readonly VocabularyEntry[] = [], kind?: VocabularyKind, failed?: boolean): string | null {
  if (pattern.trim() === '') return 'Type a regular expression.';
  if (pattern.length > TEXT_CAPS.pattern) return `The pattern is longer than ${TEXT_CAPS.pattern} characters.`;
  const check = checkUserRegex(pattern);
  if (!check.ok) return `Pattern refused: ${check.error}.`;
  if (kind && existing.some((e) => sameEntry(e, { kind, pattern, failed }))) return 'This entry is already in your vocabulary.';
  return null;
}

function sameEntry(a: Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>, b: Pick<VocabularyEntry, 'kind' | 'pattern' | 'failed'>): boolean {
  return a.kind === b.kind && a.pattern === b.pattern && !!a.failed === !!b.failed;
}

/** One entry from untrusted JSON, or null when any part of it is unusable. */
export function narrowEntry(v: unknown): VocabularyEntry | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const kind = own(v, 'kind');
  const pattern = own(v, 'pattern');
  const note = own(v, 'note') ?? '';
  const samples = own(v, 'samples') ?? [];
  const failed = own(v, 'failed');
  if (typeof kind !== 'string' || !(VOCABULARY_KINDS as readonly string[]).includes(kind)) return null;
  if (typeof pattern !== 'string' || entryProblem(pattern) !== null) return null;
  if (typeof note !== 'string' || note.length > TEXT_CAPS.note) return null;
  if (!Array.isArray(samples) || samples.length > TEXT_CAPS.samples) return null;
  if (!samples.every((s): s is string => typeof s === 'string' && s.length <= TEXT_CAPS.sample)) return null;
  if (failed !== undefined && typeof failed !== 'boolean') return null;
  const e: VocabularyEntry = { kind: kind as VocabularyKind, pattern, note, samples: [...samples] };
  if (failed) e.failed = true;
  return e;
}

/** Entries without duplicates, first wins, capped like a share link caps them. */
export function dedupeEntries<T extends VocabularyEntry>(entries: readonly T[]): T[] {
  const out: T[] = [];
  for (const e of entries) if (out.length < MAX_VOCABULARY && !out.some((o) => sameEntry(o, e))) out.push(e);
  return out;
}

/** The saved list (a JSON string from localStorage); whatever does not validate is dropped. */
export function parseStoredVocabulary(text: string | null | undefined): VocabularyEntry[] {
  const entries = storedList(text, STORAGE_VERSION, 'entries', 4 * 1024 * 1024, MAX_VOCABULARY * 2);
  return dedupeEntries(entries.map(narrowEntry).filter((e): e is VocabularyEntry => e !== null));
}

/** Plain engine entries (no origin, nothing extra), as the ingest, the storage and share links take them. */
export function plainEntries(entries: readonly VocabularyEntry[]): VocabularyEntry[] {
  return entries.map((e) => {
    const out: VocabularyEntry = { kind: e.kind, pattern: e.pattern, note: e.note, samples: [...e.samples] };
    if (e.failed) out.failed = true;
    return out;
  });
}

export function serializeVocabulary(entries: readonly VocabularyEntry[]): string {
  return JSON.stringify({ v: STORAGE_VERSION, entries: plainEntries(entries) });
}

/** Identifies a list of entries: equal keys classify the same (notes and samples do not matter). */
export function vocabularyKey(entries: readonly VocabularyEntry[]): string {
  return JSON.stringify(entries.map((e) => [e.kind, e.failed ? 1 : 0, e.pattern]));
}

export function loadStoredVocabulary(): VocabularyEntry[] {
  return parseStoredVocabulary(readStored(VOCABULARY_STORAGE_KEY));
}

export function saveVocabulary(entries: readonly VocabularyEntry[]): void {
  writeStored(VOCABULARY_STORAGE_KEY, entries.length === 0 ? null : serializeVocabulary(entries));
}
