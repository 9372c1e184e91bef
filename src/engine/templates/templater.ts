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
// (structured logs repeat the same `msg` endlessly; see repeat-memo.ts), and the tree bounds the
// work for new messages to one leaf. A cluster keeps its id when its pattern
// generalises, so ids already written to the table stay valid.

import { RepeatMemo } from '../model/repeat-memo.ts';
import { isAnchor, maskMessage, WILDCARD } from './mask.ts';
import { NOT_SIMPLE, ShapeMemo, shapeHash } from './skeleton.ts';
import { LastRequests } from './request-memo.ts';
import { detachString } from '../model/table-builder.ts';

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
const MASKED_MEMO_MAX_CHARS = 1000;
const MEMO_MAX_ENTRIES = 100_000;

interface Cluster {
  id: number;
  tokens: string[];
}

interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: Cluster[];
  /** Bumped whenever a cluster of this leaf is added or widened. */
  version: number;
}

const newNode = (): TreeNode => ({ children: new Map(), clusters: [], version: 0 });

/**
 * A masked text's last answer, reused while it is still what the tree would
 * say: the leaf has not changed since, and the route to it cannot have
 * changed (it took no wildcard detour a newer child could now redirect).
 */
interface MaskedHit {
  id: number;
  leaf: TreeNode;
  version: number;
  /** The route used only exact children; else the tree must be unchanged too. */
  direct: boolean;
  treeVersion: number;
}

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
  /** Exact message -> id; null when the caller remembers ids per message itself (ingest: message-facts.ts). */
  private readonly memo: RepeatMemo<number> | null;
  /** Masked text -> last answer: messages that differ only in masked values (ids, numbers) skip the tree. */
  private readonly maskedMemo = new RepeatMemo<MaskedHit>(MASKED_MEMO_MAX_CHARS, MEMO_MAX_ENTRIES);
  /** Shape of a words-and-numbers message -> last answer for a message of that shape. */
  private readonly shapes: ShapeMemo<MaskedHit> | null;
  /** The last request lines' answers: a line that is one of them with another path has the same (request-memo.ts). */
  private readonly request: LastRequests<MaskedHit> | null;
  /** Bumped whenever a node is added (a route may change). */
  private treeVersion = 0;
  /** Set by search: the route took only exact children. */
  private direct = false;

  /** `shapes: false` masks every message (the reference the shape and request shortcuts must agree with). */
  constructor(options: { exactMemo?: boolean; shapes?: boolean } = {}) {
    this.memo = options.exactMemo === false ? null : new RepeatMemo<number>(MEMO_MAX_CHARS, MEMO_MAX_ENTRIES);
    this.shapes = options.shapes === false ? null : new ShapeMemo<MaskedHit>();
    this.request = options.shapes === false ? null : new LastRequests<MaskedHit>();
  }

  /**
   * Template id of a message (0-based; an id, once given, names its cluster for
   * the life of the templater). `b` not null: the message is also given as its
   * bytes b[start..end), one ASCII character per byte (RecordOut.messageBytes).
   */
  add(message: string, b: Uint8Array | null = null, start = 0, end = 0): number {
    const known = this.memo?.get(message);
    if (known !== undefined) {
      this.counts[known]++;
      return known;
    }
    // Words and bare numbers: a message of a shape seen before gets that shape's answer unmasked (skeleton.ts),
    // first tried against the shape of the last such message (one pass), else by the message's own shape.
    const shapes = this.shapes;
    const last = b === null ? shapes?.getLast(message) : shapes?.getLastBytes(message, b, start, end);
    if (last && this.holds(last)) {
      this.counts[last.id]++;
      this.memo?.offer(message, last.id);
      return last.id;
    }
    const request = b === null ? this.request?.get(message) : this.request?.getBytes(b, start, end);
    if (request && this.holds(request)) {
      this.counts[request.id]++;
      this.memo?.offer(message, request.id);
      return request.id;
    }
    const shape = shapes ? shapeHash(message) : NOT_SIMPLE;
    if (shapes && shape !== NOT_SIMPLE) {
      const known = shapes.get(message, shape);
      if (known && this.holds(known)) {
        this.counts[known.id]++;
        this.memo?.offer(message, known.id);
        return known.id;
      }
    }
    const masked = maskMessage(message);
    const hit = this.maskedMemo.get(masked);
    let id: number;
    if (hit && this.holds(hit)) {
      id = hit.id;
      if (shapes && shape !== NOT_SIMPLE) shapes.set(detachString(message), shape, hit);
      this.request?.set(message, hit);
    } else {
      const tokens = tokenize(masked);
      const leaf = this.search(tokens);
      const before = leaf ? leaf.version : -1;
      const tree = this.treeVersion;
      id = (leaf && this.join(leaf, tokens)) ?? this.create(tokens);
      // Only an answer that changed nothing is what the tree would say again.
      if (leaf && leaf.version === before && this.treeVersion === tree) {
        const entry: MaskedHit = { id, leaf, version: before, direct: this.direct, treeVersion: tree };
        if (hit) Object.assign(hit, entry);
        else this.maskedMemo.offer(masked, entry);
        if (shapes && shape !== NOT_SIMPLE) shapes.set(detachString(message), shape, hit ?? entry);
        this.request?.set(message, hit ?? entry);
      }
    }
    this.counts[id]++;
    this.memo?.offer(message, id);
    return id;
  }

  /** Is a remembered answer still what the tree would say (its leaf unchanged, its route unchangeable)? */
  private holds(hit: MaskedHit): boolean {
    return hit.leaf.version === hit.version && (hit.direct || hit.treeVersion === this.treeVersion);
  }

  /** One more event of a template whose id the caller remembered from add() for the same message. */
  count(id: number): void {
    this.counts[id]++;
  }

  list(): TemplateInfo[] {
    return this.patterns.map((pattern, id) => ({ id, pattern, count: this.counts[id] }));
  }

  /** Drain's tree search: the exact token's child, else the wildcard child, else no leaf. */
  private search(tokens: string[]): TreeNode | null {
    let node = this.roots.get(tokens.length);
    const depth = Math.min(PREFIX_DEPTH, tokens.length);
    this.direct = true;
    for (let i = 0; i < depth && node; i++) {
      const key = routeKey(tokens[i]);
      const exact = node.children.get(key);
      if (!exact) this.direct = false;
      node = exact ?? node.children.get(WILDCARD);
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
        else if (isAnchor(t) || isAnchor(tokens[i])) anchored = false;
      }
      if (!anchored) continue;
      const sim = same / tokens.length;
      if (sim > bestSim || (sim === bestSim && params > bestParams)) {
        best = cl;
        bestSim = sim;
        bestParams = params;
        // Every token equal (so no wildcard): no later cluster can beat it, and ties keep the first.
        if (same === tokens.length) break;
      }
    }
    if (!best) return null;
    if (same(best, tokens)) return best.id;
    if (bestSim <= SIM_THRESHOLD) return null;
    for (let i = 0; i < tokens.length; i++) if (best.tokens[i] !== tokens[i]) best.tokens[i] = WILDCARD;
    this.patterns[best.id] = best.tokens.join(' ');
    leaf.version++;
    return best.id;
  }

  /** A new cluster, on the path Drain would add: digit tokens and overflow go to the wildcard child. */
  private create(tokens: string[]): number {
    let node = this.roots.get(tokens.length);
    if (!node) {
      this.roots.set(tokens.length, (node = newNode()));
      this.treeVersion++;
    }
    const depth = Math.min(PREFIX_DEPTH, tokens.length);
    for (let i = 0; i < depth; i++) {
      let key = routeKey(tokens[i]);
      if (key !== WILDCARD && !node.children.has(key) && node.children.size >= MAX_CHILDREN) key = WILDCARD;
      let next = node.children.get(key);
      if (!next) {
        node.children.set(key, (next = newNode()));
        this.treeVersion++;
      }
      node = next;
    }
    node.version++;
    const id = this.clusters.length;
    // Tokens of their own: a token may be a slice of the message, and the message of a decoded chunk (json-values.ts).
    const cl: Cluster = { id, tokens: tokens.map(detachString) };
    this.clusters.push(cl);
    node.clusters.push(cl);
    this.patterns.push(cl.tokens.join(' '));
    this.counts.push(0);
    return id;
  }
}

/** Whitespace other than a plain space: then the regex split decides. */
const OTHER_SPACE = /[^\S ]/;

/** masked.split(/\s+/) (masked is trimmed), without the regex for the usual space-separated text. */
function tokenize(masked: string): string[] {
  if (masked.length === 0) return [''];
  if (OTHER_SPACE.test(masked)) return masked.split(/\s+/);
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const sp = masked.indexOf(' ', start);
    if (sp < 0) {
      out.push(masked.slice(start));
      return out;
    }
    if (sp > start || start === 0) out.push(masked.slice(start, sp));
    start = sp + 1;
  }
}

/** Does the cluster already cover these tokens (every non-wildcard position equal)? */
function same(cl: Cluster, tokens: string[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (cl.tokens[i] !== WILDCARD && cl.tokens[i] !== tokens[i]) return false;
  return true;
}
