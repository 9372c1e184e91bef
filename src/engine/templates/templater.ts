// Message templates, Drain-style (He et al., "Drain: An Online Log Parsing
// Approach with Fixed Depth Tree", ICWS 2017,
// https://jiemingzhu.github.io/pub/pjhe_icws2017.pdf). A masked message (see
// mask.ts) is routed by its token count, then by its first PREFIX_DEPTH tokens,
// to a leaf holding a few clusters; it joins the most similar cluster when at
// more than SIM_THRESHOLD of its tokens agree, and the positions that disagree
// become <*>. So "this message appeared 400 times in 20 s and never before"
// can be said per template, and the UI lists patterns with counts.
//
// It runs per event during ingest: an exact-message memo answers repeats
// (structured logs repeat the same `msg` endlessly), and the tree bounds the
// work for new messages to one leaf. A cluster keeps its id when its pattern
// generalises, so ids already written to the table stay valid.

import { ANCHOR, maskMessage, WILDCARD } from './mask.ts';

export { maskMessage } from './mask.ts';

export interface TemplateInfo {
  id: number;
  pattern: string;
  count: number;
}

/** A message joins a cluster when MORE than this fraction of its tokens are equal. Drain's paper tunes
 * 0.4-0.7 per data set; "more than half" merges "renewing certificate for <host>" variants but keeps
 * two-word messages that differ in a word ("cache hit" / "cache miss") apart. */
export const SIM_THRESHOLD = 0.5;
/** Tokens after the length level used to route (Drain's depth minus two). Drain3 uses two; one lets
 * "worker alpha finished" and "worker beta finished" meet, at the cost of scanning bigger leaves. */
const PREFIX_DEPTH = 1;
/** Children per tree node before new tokens fall into the wildcard child (Drain's maxChild). */
const MAX_CHILDREN = 100;
/** Clusters compared per leaf; beyond this the leaf stops growing and new shapes open new clusters unsearched. */
const MAX_LEAF_SCAN = 200;
/** The exact-message memo holds short messages only, and only so many. */
const MEMO_MAX_CHARS = 300;
const MEMO_MAX_ENTRIES = 100_000;

interface Cluster {
  id: number;
  tokens: string[];
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: Cluster[];
}

const newNode = (): TreeNode => ({ children: new Map(), clusters: [] });

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Tokens that vary (digits, wildcards) route through the wildcard child, as in Drain. */
function routeKey(token: string): string {
  return token === WILDCARD || hasDigit(token) ? WILDCARD : token;
}

export class Templater {
  readonly patterns: string[] = [];
  readonly counts: number[] = [];
  private readonly clusters: Cluster[] = [];
  private readonly roots = new Map<number, TreeNode>();
  private readonly memo = new Map<string, number>();

  /** Template id of a message (0-based, stable for the life of the templater). */
  add(message: string): number {
    const short = message.length <= MEMO_MAX_CHARS;
    if (short) {
      const hit = this.memo.get(message);
      if (hit !== undefined) {
        this.counts[hit]++;
        return hit;
      }
    }
    const masked = maskMessage(message);
    const tokens = masked.length ? masked.split(/\s+/) : [''];
    const found = this.search(tokens);
    const id = (found && this.join(found, tokens)) ?? this.create(tokens);
    this.counts[id]++;
    if (short && this.memo.size < MEMO_MAX_ENTRIES) this.memo.set(message, id);
    return id;
  }

  list(): TemplateInfo[] {
    return this.patterns.map((pattern, id) => ({ id, pattern, count: this.counts[id] }));
  }

  /** Drain's tree search: the exact token's child, else the wildcard child, else no leaf. */
  private search(tokens: string[]): TreeNode | null {
    let node = this.roots.get(tokens.length);
    const depth = Math.min(PREFIX_DEPTH, tokens.length);
    for (let i = 0; i < depth && node; i++) {
      const key = routeKey(tokens[i]);
      node = node.children.get(key) ?? node.children.get(WILDCARD);
    }
    return node ?? null;
  }

  /** Join the most similar cluster of a leaf (widening its pattern), or null when none is similar enough. */
  private join(leaf: TreeNode, tokens: string[]): number | null {
    let best: Cluster | null = null;
    let bestSim = -1;
    let bestParams = -1;
    const scan = Math.min(leaf.clusters.length, MAX_LEAF_SCAN);
    for (let c = 0; c < scan; c++) {
      const cl = leaf.clusters[c];
      let same = 0;
      let params = 0;
      let anchored = true;
      for (let i = 0; i < tokens.length; i++) {
        const t = cl.tokens[i];
        if (t === WILDCARD) params++;
        else if (t === tokens[i]) same++;
        else if (ANCHOR.test(t) || ANCHOR.test(tokens[i])) anchored = false;
      }
      if (!anchored) continue;
      const sim = same / tokens.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = cl;
        bestSim = sim;
        bestParams = params;
      }
    }
    if (!best) return null;
    if (same(best, tokens)) return best.id;
    if (bestSim <= SIM_THRESHOLD) return null;
    for (let i = 0; i < tokens.length; i++) if (best.tokens[i] !== tokens[i]) best.tokens[i] = WILDCARD;
    this.patterns[best.id] = best.tokens.join(' ');
    return best.id;
  }

  /** A new cluster, on the path Drain would add: digit tokens and overflow go to the wildcard child. */
  private create(tokens: string[]): number {
    let node = this.roots.get(tokens.length);
    if (!node) this.roots.set(tokens.length, (node = newNode()));
    const depth = Math.min(PREFIX_DEPTH, tokens.length);
    for (let i = 0; i < depth; i++) {
      let key = routeKey(tokens[i]);
      if (key !== WILDCARD && !node.children.has(key) && node.children.size >= MAX_CHILDREN) key = WILDCARD;
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = newNode()));
      node = next;
    }
    const id = this.clusters.length;
    const cl: Cluster = { id, tokens: tokens.slice() };
    this.clusters.push(cl);
    node.clusters.push(cl);
    this.patterns.push(cl.tokens.join(' '));
    this.counts.push(0);
    return id;
  }
}

/** Does the cluster already cover these tokens (every non-wildcard position equal)? */
function same(cl: Cluster, tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (cl.tokens[i] !== WILDCARD && cl.tokens[i] !== tokens[i]) return false;
  return true;
}
