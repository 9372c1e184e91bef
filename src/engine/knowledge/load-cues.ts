// Family cues (cues/family-cues.json): words that point at an incident family
// in a failure line no signature knows ("insufficient space to compact",
// "Timed out waiting for responses"). Validated against their schema and
// compiled once. The tests hold every entry to its samples (it must be the
// first entry to match each) and its negatives (it must match none).

import { FAMILIES, type Family } from '../rules/types.ts';
import type { KnowledgeFile } from './catalog.ts';
import schema from './schema/cues.schema.json' with { type: 'json' };
import { joinPattern } from './load-vocabulary.ts';
import { formatProblem, validate, type JsonSchema } from './validate.ts';

export interface CueSpec {
  family: string;
  reads: string;
  pattern: string | string[];
  samples: string[];
  negatives: { text: string; why: string }[];
}

export interface Cue {
  spec: CueSpec;
  family: Family;
  re: RegExp;
}

/** `trusted`: the shipped file, which the test suite validates; a run skips the schema for it. */
export function loadCues(file: KnowledgeFile, trusted = false): { cues: Cue[]; problems: string[] } {
  const problems = trusted ? [] : validate(file.data, schema as JsonSchema, file.file).map(formatProblem);
  if (problems.length) return { cues: [], problems };
  const specs = (file.data as { cues: CueSpec[] }).cues; // shape checked by the schema just above
  const cues: Cue[] = [];
  specs.forEach((spec, i) => {
    const where = `${file.file} $.cues[${i}]`;
    if (!(FAMILIES as readonly string[]).includes(spec.family)) {
      problems.push(`${where}.family: "${spec.family}" is not an incident family`);
      return;
    }
    try {
      cues.push({ spec, family: spec.family as Family, re: new RegExp(joinPattern(spec.pattern), 'i') });
    } catch (e) {
      problems.push(`${where}.pattern: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return { cues, problems };
}

/** The first cue whose words a line carries, or undefined. */
export function cueOf(cues: readonly Cue[], text: string): Cue | undefined {
  return cues.find((c) => c.re.test(text));
}
