// Putting rows into their sorted order (order[newRow] = oldRow), column by
// column. Where the order is nearly the identity — slices that each arrive
// sorted (slice-ingest.ts) and overlap only where their times do — only the
// stretches that move are rewritten, in place, instead of copying every row
// of every column through the permutation (~115 ms for twelve columns of a
// million rows, all of it after the last slice was parsed).

/** A typed column of the event table (or one carried along with it: message numbers). */
export type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int32Array;

/**
 * dst[i] = src[order[i]]. One loop per element type: a single loop fed all
 * twelve columns goes megamorphic and runs ~20x slower (a 1M-row snapshot
 * took half a second in Chromium), so each type gets a loop of its own.
 */
export function permute(src: Column, dst: Column, order: Uint32Array, n: number): void {
  if (src instanceof Float64Array) permuteF64(src, dst as Float64Array, order, 0, n, 0);
  else if (src instanceof Uint32Array) permuteU32(src, dst as Uint32Array, order, 0, n, 0);
  else if (src instanceof Uint16Array) permuteU16(src, dst as Uint16Array, order, 0, n, 0);
  else if (src instanceof Int32Array) permuteI32(src, dst as Int32Array, order, 0, n, 0);
  else permuteU8(src, dst as Uint8Array, order, 0, n, 0);
}

// dst[i] = src[order[i] - base] for i in [from, to).
function permuteF64(src: Float64Array, dst: Float64Array, order: Uint32Array, from: number, to: number, base: number): void {
  for (let i = from; i < to; i++) dst[i] = src[order[i] - base];
}

function permuteU32(src: Uint32Array, dst: Uint32Array, order: Uint32Array, from: number, to: number, base: number): void {
  for (let i = from; i < to; i++) dst[i] = src[order[i] - base];
}

function permuteU16(src: Uint16Array, dst: Uint16Array, order: Uint32Array, from: number, to: number, base: number): void {
  for (let i = from; i < to; i++) dst[i] = src[order[i] - base];
}

function permuteI32(src: Int32Array, dst: Int32Array, order: Uint32Array, from: number, to: number, base: number): void {
  for (let i = from; i < to; i++) dst[i] = src[order[i] - base];
}

function permuteU8(src: Uint8Array, dst: Uint8Array, order: Uint32Array, from: number, to: number, base: number): void {
  for (let i = from; i < to; i++) dst[i] = src[order[i] - base];
}

/** Past this share of the rows in windows, a whole permutation is as cheap (and simpler). */
const WINDOW_SHARE = 4;

/**
 * The stretches [start, end) where `order` is not the identity, as flat
 * pairs; each is mapped onto itself (the rows before it stay put). Null when
 * they cover more than a quarter of the rows: permute the whole column then.
 */
export function movedWindows(order: Uint32Array, n: number): Uint32Array | null {
  const out: number[] = [];
  let covered = 0;
  for (let i = 0; i < n; ) {
    if (order[i] === i) {
      i++;
      continue;
    }
    // Rows before i stay where they are, so the rows here come from i on: the window ends where they reach.
    const start = i;
    let reach = order[i];
    while (i <= reach) {
      if (order[i] > reach) reach = order[i];
      i++;
    }
    out.push(start, i);
    covered += i - start;
    if (covered * WINDOW_SHARE > n) return null;
  }
  return Uint32Array.from(out);
}

/** Permute `col` in place within `windows` (movedWindows), through a copy of each window. */
export function permuteWindows(col: Column, order: Uint32Array, windows: Uint32Array): void {
  for (let w = 0; w < windows.length; w += 2) {
    const start = windows[w];
    const end = windows[w + 1];
    const src = col.slice(start, end);
    if (col instanceof Float64Array) permuteF64(src as Float64Array, col, order, start, end, start);
    else if (col instanceof Uint32Array) permuteU32(src as Uint32Array, col, order, start, end, start);
    else if (col instanceof Uint16Array) permuteU16(src as Uint16Array, col, order, start, end, start);
    else if (col instanceof Int32Array) permuteI32(src as Int32Array, col, order, start, end, start);
    else permuteU8(src as Uint8Array, col, order, start, end, start);
  }
}

/** The same for side data carried along with the rows (messages). */
export function permuteListWindows<T>(list: T[], order: Uint32Array, windows: Uint32Array): void {
  for (let w = 0; w < windows.length; w += 2) {
    const start = windows[w];
    const end = windows[w + 1];
    const src = list.slice(start, end);
    for (let i = start; i < end; i++) list[i] = src[order[i] - start];
  }
}
