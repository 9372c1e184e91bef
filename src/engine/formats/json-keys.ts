// The keys the JSON fast path (json-fast.ts) looks for, as a table of nodes:
// a node is a key name under a parent node (-1: the record itself), so
// `{"err":{"message":"x"}}` reaches node (err, message). A key the mapping
// names with dots is looked up the way json-record.ts's pick() does it: the
// dotted name as a flat key first ("log.level": ECS), else its head as an
// object holding the rest, which is again tried flat first, then split. Each
// dotted key therefore compiles to its nodes in that order (keyPaths), and
// the first one present in a line is the key's value.
//
// Lookups hash the key's length and three of its bytes with the parent node
// and confirm byte by byte, so collisions cost time, never correctness.

/** Parent node of the record itself. */
export const TOP = -1;

const NAMES: string[] = [];
const PARENT: number[] = [];
const byName = new Map<string, number>();

/** The node for `name` under `parent`, made on first use. */
export function node(parent: number, name: string): number {
  const id = `${parent}\u0000${name}`;
  let n = byName.get(id);
  if (n === undefined) {
    n = NAMES.length;
    NAMES.push(name);
    PARENT.push(parent);
    byName.set(id, n);
  }
  return n;
}

/** Top-level nodes for a list of keys (no dotted lookups). */
export const topNodes = (keys: readonly string[]) => Int32Array.from(keys, (k) => node(TOP, k));

/**
 * The nodes that may hold `key` under `base`, in the order pick(base, key)
 * tries them: "a.b.c" -> a.b.c, then a / b.c, then a / b / c.
 */
export function keyPaths(base: number, key: string): Int32Array {
  const out = [node(base, key)];
  const dot = key.indexOf('.');
  if (dot > 0) for (const n of keyPaths(node(base, key.slice(0, dot)), key.slice(dot + 1))) out.push(n);
  return Int32Array.from(out);
}

/**
 * keyPaths for each key of a list, in list order (json-record's firstOf),
 * flattened for the per-line loop: [count, nodes..., count, nodes..., ...].
 */
export function keyList(base: number, keys: readonly string[]): Int32Array {
  const out: number[] = [];
  for (const k of keys) {
    const paths = keyPaths(base, k);
    out.push(paths.length, ...paths);
  }
  return Int32Array.from(out);
}

/** Every node a flattened key list names. */
export function listNodes(list: Int32Array): number[] {
  const out: number[] = [];
  for (let k = 0; k < list.length; k += 1 + list[k]) for (let j = 1; j <= list[k]; j++) out.push(list[k + j]);
  return out;
}

// ---- the frozen table: call seal() once every node is made

let TABLE = 0;
let tNode = new Int32Array(0);
let tHash = new Int32Array(0);
/** Node names' bytes (all ASCII), node n at NAME_AT[n]..NAME_AT[n + 1]. */
let NAME_BYTES = new Uint8Array(0);
let NAME_AT = new Int32Array(0);
/** 1 where some node has this node as its parent: an object there is scanned, not skipped. */
export let HAS_CHILDREN = new Uint8Array(0);
export let NODES = 0;

function sampleHash(b: Uint8Array, start: number, len: number, parent: number): number {
  let h = (len * 31 + b[start] + parent * 7919) | 0;
  h = (Math.imul(h, 31) + b[start + (len >> 1)]) | 0;
  return (Math.imul(h, 31) + b[start + len - 1]) | 0;
}

export function seal(): void {
  NODES = NAMES.length;
  NAME_BYTES = new TextEncoder().encode(NAMES.join(''));
  NAME_AT = new Int32Array(NODES + 1);
  for (let n = 0; n < NODES; n++) NAME_AT[n + 1] = NAME_AT[n] + NAMES[n].length;
  if (NAME_BYTES.length !== NAME_AT[NODES]) throw new Error('json-keys: key names must be ASCII');
  HAS_CHILDREN = new Uint8Array(NODES);
  for (const p of PARENT) if (p >= 0) HAS_CHILDREN[p] = 1;
  TABLE = 1 << Math.ceil(Math.log2(NODES * 4));
  tNode = new Int32Array(TABLE).fill(-1);
  tHash = new Int32Array(TABLE);
  for (let n = 0; n < NODES; n++) {
    const h = sampleHash(NAME_BYTES, NAME_AT[n], NAMES[n].length, PARENT[n]);
    let idx = h & (TABLE - 1);
    while (tNode[idx] >= 0) idx = (idx + 1) & (TABLE - 1);
    tNode[idx] = n;
    tHash[idx] = h;
  }
}

/** The node for the key b[start..end) under `parent`, or -1 when nothing looks for it. */
export function lookupKey(b: Uint8Array, start: number, end: number, parent: number): number {
  const len = end - start;
  if (len === 0) return -1;
  const h = sampleHash(b, start, len, parent);
  for (let idx = h & (TABLE - 1); tNode[idx] >= 0; idx = (idx + 1) & (TABLE - 1)) {
    if (tHash[idx] !== h) continue;
    const n = tNode[idx];
    const at = NAME_AT[n];
    if (NAME_AT[n + 1] - at !== len || PARENT[n] !== parent) continue;
    let k = 0;
    while (k < len && NAME_BYTES[at + k] === b[start + k]) k++;
    if (k === len) return n;
  }
  return -1;
}

/** Byte hash of a short value, used by json-fast's string interning (same mix as the key table). */
export function bytesHash(b: Uint8Array, start: number, len: number): number {
  return sampleHash(b, start, len, 0);
}
