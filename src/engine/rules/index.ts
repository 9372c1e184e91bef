// The rule registry: the rules that stay code (one file each under this
// folder, listed once) and the rules written as data (src/engine/knowledge/
// rules/*.json, turned into rules by data-rule.ts), sorted by id. An explicit
// list (not import.meta.glob) so the same module works in the Vite worker,
// the CLI under tsx and Node tests; test/analysis/rule-registry.test.ts fails
// when a rule file exists that is not listed. Files starting with "_" (the
// skeleton) are examples, not rules.

import type { Rule } from './types.ts';
import type { RuleSpec } from './spec.ts';
import { failureSignature } from './failure-signature.ts';
import { crash } from './crash.ts';
import { firstFailure } from './first-failure.ts';
import { dataRule } from './data-rule.ts';
import { periodicFreeze } from './periodic-freeze.ts';
import { stallAfterReload } from './stall-after-reload.ts';
import { stall } from './stall.ts';
import { BUILTIN_RULE_SPECS } from '../knowledge/rules/index.ts';
import { codeOrder } from '../model/code-order.ts';

export const CODE_RULES: readonly Rule[] = [crash, failureSignature, firstFailure, periodicFreeze, stall, stallAfterReload];

const byId = (a: Rule, b: Rule) => codeOrder(a.id, b.id);

export const RULES: readonly Rule[] = [...CODE_RULES, ...BUILTIN_RULE_SPECS.map(dataRule)].sort(byId);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** The built-in rules plus the user's (a user rule with a built-in id replaces it). */
export function withUserRules(specs: readonly RuleSpec[]): Rule[] {
  const user = specs.map(dataRule).map((r): Rule => ({ ...r, run: (ctx) => r.run(ctx).map((f) => ({ ...f, userRule: true })) }));
  const ids = new Set(user.map((r) => r.id));
  return [...RULES.filter((r) => !ids.has(r.id)), ...user].sort(byId);
}
