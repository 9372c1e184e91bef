// Redaction before sharing: finds secrets and personal data (see
// redact-rules.ts) and replaces each distinct value with a numbered
// placeholder, `<ip-1>`, `<email-2>`, ... One Redactor is used for a whole
// payload, so the same address gets the same placeholder in every file, line,
// mark and finding and the correlations an investigation needs survive.
// Categories the user switched off are still counted (without replacing) so
// the dialog can say what they would catch.

import { CATEGORY_IDS, CATEGORY_LABELS, DETECTORS, type CategoryId, type Detector } from './redact-rules.ts';
import { checkUserRegex } from './regex-safety.ts';
import type { UserPattern } from '../engine/user-pattern.ts';

export interface CustomPattern {
  /** Shown in the preview and used as the placeholder prefix (letters, digits, dashes). */
  label: string;
  /** Regular expression source; if it has a capture group, only group 1 is replaced. */
  pattern: string;
}

export interface RedactOptions {
  /** Categories to apply; missing ones default to on. */
  categories?: Partial<Record<CategoryId, boolean>>;
  custom?: readonly CustomPattern[];
}

export interface CategoryReport {
  id: string;
  label: string;
  enabled: boolean;
  /** Occurrences replaced (or, when disabled, that would be). */
  count: number;
  distinct: number;
  /** A few `value -> placeholder` pairs; secrets are shown masked. */
  examples: { value: string; placeholder: string }[];
}

export interface CustomPatternProblem {
  label: string;
  error: string;
}

const MAX_EXAMPLES = 3;
const SECRET_CATEGORIES = new Set<string>(['url-password', 'jwt', 'bearer', 'cookie', 'api-key', 'hex', 'base64']);

/** Placeholder prefix from a user label: "Customer ID" -> "customer-id". */
export function labelToPrefix(label: string): string {
  const p = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 24);
  return p || 'custom';
}

/** Check custom patterns as typed; returns the problems (empty = all usable). */
export function checkCustomPatterns(custom: readonly CustomPattern[]): CustomPatternProblem[] {
  const out: CustomPatternProblem[] = [];
  for (const c of custom) {
    const r = checkUserRegex(c.pattern, 'i');
    if (!r.ok) out.push({ label: c.label, error: r.error });
  }
  return out;
}

function maskSecret(v: string): string {
  if (v.length <= 8) return '•'.repeat(v.length);
  return `${v.slice(0, 4)}…${v.slice(-2)} (${v.length} chars)`;
}

interface Stat {
  count: number;
  keys: Set<string>;
  examples: { value: string; placeholder: string }[];
}

interface Active {
  detector: Detector;
  /** A custom pattern: matched on the linear-time engine, never as a native RegExp. */
  user?: UserPattern;
  id: string;
  enabled: boolean;
}

export class Redactor {
  private readonly active: Active[] = [];
  private readonly placeholders = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly stats = new Map<string, Stat>();
  private readonly labels = new Map<string, string>();
  private readonly enabledIds = new Set<string>();
  /** Custom patterns that could not be used (bad or dangerous regex). */
  readonly problems: CustomPatternProblem[] = [];
  replaced = 0;

  constructor(options: RedactOptions = {}) {
    for (const c of options.custom ?? []) {
      const prefix = labelToPrefix(c.label);
      const check = checkUserRegex(c.pattern, 'i');
      if (!check.ok) {
        this.problems.push({ label: c.label, error: check.error });
        continue;
      }
      const id = `custom:${prefix}`;
      this.labels.set(id, c.label || prefix);
      this.enabledIds.add(id);
      // The detector's native RegExp is never run for a custom pattern (see apply).
      this.active.push({ id, enabled: true, user: check.re, detector: { category: 'api-key', prefix, re: /$^/g, group: 0 } });
    }
    for (const d of DETECTORS) {
      const enabled = options.categories?.[d.category] !== false;
      this.labels.set(d.category, CATEGORY_LABELS[d.category]);
      if (enabled) this.enabledIds.add(d.category);
      this.active.push({ id: d.category, enabled, detector: d });
    }
  }

  /** The text with every enabled category replaced. */
  text(s: string): string {
    if (s.length === 0) return s;
    let out = s;
    for (const a of this.active) {
      if (a.enabled) out = this.apply(out, a, true);
    }
    for (const a of this.active) {
      if (!a.enabled) this.apply(out, a, false);
    }
    return out;
  }

  /** Enabled categories (and custom labels) that replaced at least one value. */
  appliedCategories(): string[] {
    return [...this.enabledIds].filter((id) => (this.stats.get(id)?.count ?? 0) > 0);
  }

  /** Preview: every built-in category in order, then custom patterns. */
  report(): CategoryReport[] {
    const ids = [...new Set([...this.active.filter((a) => a.id.startsWith('custom:')).map((a) => a.id), ...CATEGORY_IDS])];
    return ids.map((id) => {
      const s = this.stats.get(id);
      return {
        id,
        label: this.labels.get(id) ?? id,
        enabled: this.enabledIds.has(id),
        count: s?.count ?? 0,
        distinct: s?.keys.size ?? 0,
        examples: s?.examples ?? [],
      };
    });
  }

  private apply(s: string, a: Active, replace: boolean): string {
    if (a.user) return this.applyUser(s, a, a.user, replace);
    const d = a.detector;
    const re = d.re;
    re.lastIndex = 0;
    let out = '';
    let last = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const span = m.indices?.[d.group];
      if (!span) continue;
      const [from, to] = span;
      const value = s.slice(from, to);
      if (d.accept && !d.accept(value, s.slice(Math.max(0, from - 24), from))) continue;
      const rep = d.within ? d.within(value, (v) => this.placeholder(a, v, replace)) : this.placeholder(a, value, replace);
      if (replace) {
        out += s.slice(last, from) + rep;
        last = to;
      }
    }
    return last === 0 ? s : out + s.slice(last);
  }

  /** A custom pattern's pass: its group 1 (else the whole match) is the value. */
  private applyUser(s: string, a: Active, pattern: UserPattern, replace: boolean): string {
    let out = '';
    let last = 0;
    for (const m of pattern.spans(s)) {
      const rep = this.placeholder(a, s.slice(m.groupStart, m.groupEnd), replace);
      if (replace) {
        out += s.slice(last, m.groupStart) + rep;
        last = m.groupEnd;
      }
    }
    return last === 0 ? s : out + s.slice(last);
  }

  /** The value's placeholder; a dry run (disabled category) only counts it. */
  private placeholder(a: Active, value: string, assign: boolean): string {
    const d = a.detector;
    const key = `${d.prefix}\u0000${d.normalize ? d.normalize(value) : value}`;
    let p = this.placeholders.get(key);
    if (p === undefined && !assign) p = '(kept)';
    else if (p === undefined) {
      const n = (this.counters.get(d.prefix) ?? 0) + 1;
      this.counters.set(d.prefix, n);
      p = `<${d.prefix}-${n}>`;
      this.placeholders.set(key, p);
    }
    let st = this.stats.get(a.id);
    if (!st) {
      st = { count: 0, keys: new Set(), examples: [] };
      this.stats.set(a.id, st);
    }
    st.count++;
    if (a.enabled) this.replaced++;
    if (!st.keys.has(key)) {
      st.keys.add(key);
      if (st.examples.length < MAX_EXAMPLES) {
        const shown = SECRET_CATEGORIES.has(a.id) || a.id.startsWith('custom:') ? maskSecret(value) : value;
        st.examples.push({ value: shown, placeholder: a.enabled ? p : '(kept)' });
      }
    }
    return p;
  }
}
