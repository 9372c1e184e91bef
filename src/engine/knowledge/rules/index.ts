// The built-in rules written as data: each JSON file in this folder, listed
// once (an explicit list works in the Vite worker, the CLI and Node alike; a
// test fails when a file here is not listed). They are checked by the same
// loader as user rules, so a broken built-in rule fails loudly at start-up
// (the CLI's: when its bundle is built).

import type { RuleSpec } from '../../rules/spec.ts';
import { vetPatterns } from '../../rules/detectors/pattern.ts';
import { compileOnly, loadRuleValue } from '../rule-loader.ts';
import errorBurst from './error-burst.json';
import errorBurstAfterDeploy from './error-burst-after-deploy.json';
import operationNeverFinished from './operation-never-finished.json';
import restartLoop from './restart-loop.json';
import roleFlap from './role-flap.json';

/** File name -> parsed JSON, as listed. */
export const BUILTIN_RULE_FILES: Record<string, unknown> = {
  'error-burst.json': errorBurst,
  'error-burst-after-deploy.json': errorBurstAfterDeploy,
  'operation-never-finished.json': operationNeverFinished,
  'restart-loop.json': restartLoop,
  'role-flap.json': roleFlap,
};

/**
 * Set in the CLI's bundle, whose build loads these files through the same
 * loader first (src/cli/build.mjs): a broken rule fails the build, and every
 * run skips checking them again (~5 ms of a one-line file's run). The loader
 * gives back a valid file's rules as they are, so they are taken as they are.
 */
declare const TIMBERLINE_RULES_CHECKED: boolean | undefined;

function load(): RuleSpec[] {
  const out: RuleSpec[] = [];
  const checked = typeof TIMBERLINE_RULES_CHECKED === 'boolean' && TIMBERLINE_RULES_CHECKED;
  for (const [name, value] of Object.entries(BUILTIN_RULE_FILES)) {
    if (checked) {
      out.push(...((Array.isArray(value) ? value : [value]) as RuleSpec[]));
      continue;
    }
    const r = loadRuleValue(value, compileOnly);
    if (r.errors.length) throw new Error(`built-in rule ${name}: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    out.push(...r.rules);
  }
  return out;
}

/** Every `match` pattern in a rule, wherever it sits (selector, between, hypotheses' evidence). */
function matchPatterns(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) matchPatterns(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'match' && typeof v === 'string') out.push(v);
      else matchPatterns(v, out);
    }
  }
  return out;
}

export const BUILTIN_RULE_SPECS: readonly RuleSpec[] = load();
vetPatterns(matchPatterns(BUILTIN_RULE_SPECS));
