// Reads the vocabulary files (vocabulary/*.json): validates each against the
// published schema, expands {{fragment}} includes, joins pattern
// alternatives, compiles the expressions, and splits the result into the
// classifying entries (ordered, handed to the classifier) and the word
// classes the rules look up by name. Every problem names the file and the
// JSON path, so a typo in a data file reads like a compiler error.

import type { KindName } from '../model/kinds.ts';
import type { KnowledgeFile } from './catalog.ts';
import schema from './schema/vocabulary.schema.json' with { type: 'json' };
import { formatProblem, validate, type JsonSchema, type SchemaProblem } from './validate.ts';
import { codeOrder } from '../model/code-order.ts';

export type ClassifyingKind = Exclude<KindName, 'plain'>;

/** A look-alike that must not match (classes) or must classify as `kind` (classifying entries). */
export interface VocabularyNegative {
  text: string;
  extra?: string;
  kind?: KindName;
  failed?: boolean;
  why: string;
}

/** One vocabulary file as written (after validation). */
export interface VocabularyFile {
  name: string;
  classifies?: ClassifyingKind;
  order?: number;
  failed?: boolean;
  start?: boolean;
  fragment?: boolean;
  caseSensitive?: boolean;
  note: string;
  pattern: string | string[];
  samples: string[];
  fieldSamples?: { text: string; extra: string }[];
  negatives: VocabularyNegative[];
}

/** A loaded vocabulary kind: the file, its expanded pattern source and its compiled expression. */
export interface VocabularyKind {
  file: string;
  spec: VocabularyFile;
  /** Pattern source with fragments expanded and alternatives joined. */
  source: string;
  re: RegExp;
}

export interface LoadedVocabulary {
  /** Every kind by name (classifying entries, classes and fragments). */
  byName: Map<string, VocabularyKind>;
  /** Classifying entries in the order the classifier tries them. */
  classifying: VocabularyKind[];
  problems: SchemaProblem[];
}

const INCLUDE = /\{\{([a-z][a-z0-9-]*)\}\}/g;

/** A pattern's source: alternatives joined as one non-capturing group. */
export function joinPattern(p: string | readonly string[]): string {
  return typeof p === 'string' ? p : p.length === 1 ? p[0] : `(?:${p.join('|')})`;
}

/** `trusted`: the shipped files, schema-checked by the test suite; a run skips the schema for them. */
export function loadVocabulary(files: readonly KnowledgeFile[], trusted = false): LoadedVocabulary {
  const problems: SchemaProblem[] = [];
  const specs: { file: string; spec: VocabularyFile }[] = [];
  for (const f of files) {
    const found = trusted ? [] : validate(f.data, schema as JsonSchema, f.file);
    if (found.length) {
      problems.push(...found);
      continue;
    }
    const spec = f.data as VocabularyFile; // shape checked by the schema just above
    const base = f.file.replace(/^.*\//, '').replace(/\.json$/, '');
    if (base !== spec.name) problems.push({ file: f.file, path: '$.name', message: `must equal the file name (${base})` });
    if (spec.classifies && spec.order === undefined) problems.push({ file: f.file, path: '$.order', message: 'is required when the entry classifies' });
    if (spec.failed && spec.classifies !== 'op-end') problems.push({ file: f.file, path: '$.failed', message: 'is only meaningful for op-end entries' });
    if (spec.start && spec.classifies !== 'restart') problems.push({ file: f.file, path: '$.start', message: 'is only meaningful for restart entries' });
    if (spec.fragment && spec.classifies) problems.push({ file: f.file, path: '$.fragment', message: 'a fragment cannot classify' });
    if (specs.some((s) => s.spec.name === spec.name)) problems.push({ file: f.file, path: '$.name', message: `"${spec.name}" is defined twice` });
    specs.push({ file: f.file, spec });
  }
  const raw = new Map(specs.map((s) => [s.spec.name, s]));
  const expanded = new Map<string, string>();
  const expand = (name: string, seen: readonly string[]): string | null => {
    const done = expanded.get(name);
    if (done !== undefined) return done;
    const s = raw.get(name);
    if (!s) return null;
    const parts = typeof s.spec.pattern === 'string' ? [s.spec.pattern] : s.spec.pattern;
    let ok = true;
    const out = parts.map((p, i) => p.replace(INCLUDE, (whole, inc: string) => {
      const at = typeof s.spec.pattern === 'string' ? '$.pattern' : `$.pattern[${i}]`;
      const target = raw.get(inc);
      if (!target?.spec.fragment || seen.includes(inc)) {
        problems.push({ file: s.file, path: at, message: !target?.spec.fragment ? `includes {{${inc}}}, which is not a fragment` : `includes {{${inc}}} in a cycle` });
        ok = false;
        return whole;
      }
      const inner = expand(inc, [...seen, inc]);
      if (inner === null) ok = false;
      return `(?:${inner ?? ''})`;
    }));
    if (!ok) return null;
    const source = joinPattern(out);
    expanded.set(name, source);
    return source;
  };
  const byName = new Map<string, VocabularyKind>();
  for (const { file, spec } of specs) {
    const source = expand(spec.name, [spec.name]);
    if (source === null) continue;
    try {
      byName.set(spec.name, { file, spec, source, re: new RegExp(source, spec.caseSensitive ? '' : 'i') });
    } catch (e) {
      problems.push({ file, path: '$.pattern', message: `is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const classifying = [...byName.values()].filter((k) => k.spec.classifies).sort((a, b) => (a.spec.order ?? 0) - (b.spec.order ?? 0) || codeOrder(a.spec.name, b.spec.name));
  return { byName, classifying, problems };
}

/** Throws with every problem, one per line: built-in knowledge that does not load is a bug. */
export function assertLoaded(problems: readonly SchemaProblem[], what: string): void {
  if (problems.length) throw new Error(`${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
}
