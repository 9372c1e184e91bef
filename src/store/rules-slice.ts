// The user's rule files: their own (saved in localStorage) plus files a share
// link brought (active for this page, saved only when kept), which rules the
// findings on screen were made with (so the dialog can say whether Apply is
// still needed), and whether the Rules dialog is open.

import type { RuleSpec } from '../engine/rules/spec.ts';
import type { SliceCreator } from './types.ts';
import { dedupeRuleFiles, loadStoredRules, rulesKey, saveRules, specsOf, type RuleFile } from './rule-files.ts';

export interface RulesSlice {
  ruleFiles: RuleFile[];
  /** rulesKey() of the files the findings on screen were made with. */
  rulesApplied: string;
  rulesOpen: boolean;
  setRulesOpen(open: boolean): void;
  /** Add a file of the user's own; one of the same name is replaced. */
  addRuleFile(name: string, text: string): void;
  removeRuleFile(index: number): void;
  /** Save a link's file as the user's own. */
  keepRuleFile(index: number): void;
  /** Files from an opened share link replace earlier link files. */
  setLinkRules(files: readonly { name: string; text: string }[]): void;
  setRulesApplied(specs: readonly RuleSpec[]): void;
}

/** The files a share link carries: every active one, as written. */
export function activeRuleFiles(s: Pick<RulesSlice, 'ruleFiles'>): { name: string; text: string }[] {
  return s.ruleFiles.map((f) => ({ name: f.name, text: f.text }));
}

/** The specs the engine runs: every active file's rules. */
export function activeRuleSpecs(s: Pick<RulesSlice, 'ruleFiles'>): RuleSpec[] {
  return specsOf(s.ruleFiles);
}

export const createRulesSlice: SliceCreator<RulesSlice> = (set, get) => {
  const update = (list: RuleFile[]) => {
    const ruleFiles = dedupeRuleFiles(list);
    saveRules(ruleFiles.filter((f) => f.origin === 'user'));
    set({ ruleFiles });
  };
  return {
    ruleFiles: loadStoredRules().map((f) => ({ ...f, origin: 'user' as const })),
    rulesApplied: rulesKey([]),
    rulesOpen: false,
    setRulesOpen: (rulesOpen) => set({ rulesOpen }),
    addRuleFile: (name, text) => update([{ name, text, origin: 'user' }, ...get().ruleFiles.filter((f) => f.name !== name)]),
    removeRuleFile: (index) => update(get().ruleFiles.filter((_, i) => i !== index)),
    keepRuleFile: (index) => update(get().ruleFiles.map((f, i) => (i === index ? { ...f, origin: 'user' } : f))),
    setLinkRules(files) {
      const mine = get().ruleFiles.filter((f) => f.origin === 'user');
      // Not persisted: only the user's own files are saved. A link's file named like one of the user's is shown beside it.
      const named = files.map((f) => ({ ...f, name: mine.some((m) => m.name === f.name) ? `${f.name} (from the link)` : f.name, origin: 'link' as const }));
      set({ ruleFiles: dedupeRuleFiles([...mine, ...named]) });
    },
    setRulesApplied: (specs) => set({ rulesApplied: rulesKey(specs) }),
  };
};
