// Failure signatures (signatures/*.json) validated against their published
// schema and compiled once: each pattern must compile, name a known family,
// match every one of its samples and none of its negatives. A broken data
// file fails loudly naming the signature and what is wrong, rather than
// silently matching nothing: in the tests for the shipped files, at load for
// anyone else's.

import { FAMILIES, type Family } from '../rules/types.ts';
import schema from './schema/signatures.schema.json' with { type: 'json' };
import { validate, type JsonSchema } from './validate.ts';

export interface SignatureHypothesisSpec {
  id: string;
  statement: string;
  supports?: string;
  /** Tested on the failure lines themselves: the line names this mechanism. */
  says?: string;
  /** Failure lines that name the mechanism (says must match each) and look-alikes that do not (it must match none). */
  saysSamples?: string[];
  saysNegatives?: string[];
  check: string;
}

export type Gravity = 'grave' | 'serious' | 'mild';

export interface SignatureSpec {
  id: string;
  family: string;
  title: string;
  match: string;
  decisive?: boolean;
  /** Routine once (a wrong password): a warning only from a run of MIN_QUIET_MATCHES lines, even in a pasted excerpt. */
  routineOnce?: boolean;
  /** The product logs this failure at INFO: such lines count as a warning's would. */
  infoCounts?: boolean;
  /** A line of the same file matching this says the failures are background noise (a scanner). */
  noiseWhen?: string;
  /** Damage that does not heal (I/O errors, hardware): small runs spread over hours still warn. */
  chronicWarns?: boolean;
  /** How bad it is beside other failures in the same log (first-failure names the gravest). */
  gravity?: Gravity;
  samples: string[];
  negatives: string[];
  hypotheses: SignatureHypothesisSpec[];
  next: string;
}

export interface Signature {
  spec: SignatureSpec;
  family: Family;
  re: RegExp;
  hypotheses: { spec: SignatureHypothesisSpec; supports: RegExp | null; says: RegExp | null }[];
  noise: RegExp | null;
}

/**
 * `trusted`: the data files shipped with the engine, which the test suite loads
 * with every check. A run skips the schema and the samples for them: testing
 * ~100 patterns on their samples compiles every one of them, ~30 ms of each
 * start in each thread, for patterns most logs never reach.
 */
export function loadSignatures(files: readonly { name: string; data: unknown }[], trusted = false): { signatures: Signature[]; problems: string[] } {
  const problems: string[] = [];
  const signatures: Signature[] = [];
  const ids = new Set<string>();
  for (const f of files) {
    const found = trusted ? [] : validate(f.data, schema as JsonSchema, f.name);
    if (found.length) {
      problems.push(...found.map((p) => `${p.file} ${p.path}: ${p.message}`));
      continue;
    }
    for (const spec of (f.data as { signatures: SignatureSpec[] }).signatures) {
      const where = `${f.name} ${spec.id}`;
      if (ids.has(spec.id)) problems.push(`${where}: duplicate id`);
      ids.add(spec.id);
      if (!(FAMILIES as readonly string[]).includes(spec.family)) problems.push(`${where}: unknown family "${spec.family}"`);
      if (spec.decisive && spec.routineOnce) problems.push(`${where}: a signature cannot be both decisive and routine once`);
      let re: RegExp;
      try {
        re = new RegExp(spec.match, 'i');
      } catch (e) {
        problems.push(`${where}: match is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
      if (!trusted) {
        for (const s of spec.samples) if (!re.test(s)) problems.push(`${where}: does not match its sample ${JSON.stringify(s)}`);
        for (const s of spec.negatives) if (re.test(s)) problems.push(`${where}: matches its negative ${JSON.stringify(s)}`);
      }
      const compile = (h: SignatureHypothesisSpec, key: 'supports' | 'says'): RegExp | null => {
        const source = h[key];
        if (!source) return null;
        try {
          return new RegExp(source, 'i');
        } catch {
          problems.push(`${where}: hypothesis ${h.id} ${key} is not a valid regular expression`);
          return null;
        }
      };
      const hypotheses = spec.hypotheses.map((h) => ({ spec: h, supports: compile(h, 'supports'), says: compile(h, 'says') }));
      if (!trusted) {
        for (const h of hypotheses) {
          if ((h.spec.saysSamples?.length || h.spec.saysNegatives?.length) && !h.says) problems.push(`${where}: hypothesis ${h.spec.id} has says samples but no says pattern`);
          if (!h.says) continue;
          for (const s of h.spec.saysSamples ?? []) if (!h.says.test(s)) problems.push(`${where}: hypothesis ${h.spec.id} says does not match its sample ${JSON.stringify(s)}`);
          for (const s of h.spec.saysNegatives ?? []) if (h.says.test(s)) problems.push(`${where}: hypothesis ${h.spec.id} says matches its negative ${JSON.stringify(s)}`);
        }
      }
      let noise: RegExp | null = null;
      try {
        noise = spec.noiseWhen ? new RegExp(spec.noiseWhen, 'i') : null;
      } catch {
        problems.push(`${where}: noiseWhen is not a valid regular expression`);
      }
      signatures.push({ spec, family: spec.family as Family, re, hypotheses, noise });
    }
  }
  return { signatures, problems };
}
