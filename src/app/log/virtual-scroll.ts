// Fixed-height virtual scrolling that survives millions of rows. Browsers cap
// an element's height (~33 M px in Chromium), so past MAX_SCROLL_PX the
// scrollbar is scaled: scrollTop maps proportionally onto the real offset.

export const MAX_SCROLL_PX = 8_000_000;

export interface Viewport {
  /** Height of the scrollable content (capped). */
  scrollHeight: number;
  /** First row drawn, and how far it is shifted up (px). */
  first: number;
  shift: number;
  /** Rows drawn (viewport plus one). */
  visible: number;
}

export function viewport(count: number, rowH: number, viewH: number, scrollTop: number): Viewport {
  const total = count * rowH;
  const scrollHeight = Math.min(total, MAX_SCROLL_PX);
  const real = realOffset(count, rowH, viewH, scrollTop);
  const first = Math.max(0, Math.min(count - 1, Math.floor(real / rowH)));
  const shift = real - first * rowH;
  const visible = Math.max(0, Math.min(count - first, Math.ceil(viewH / rowH) + 1));
  return { scrollHeight, first, shift, visible };
}

/** The real pixel offset (into count * rowH) for a scrollTop. */
export function realOffset(count: number, rowH: number, viewH: number, scrollTop: number): number {
  const total = count * rowH;
  if (total <= MAX_SCROLL_PX) return scrollTop;
  const maxReal = total - viewH;
  const maxScroll = MAX_SCROLL_PX - viewH;
  return maxScroll > 0 ? (scrollTop / maxScroll) * maxReal : 0;
}

/** scrollTop that puts row `index` at `frac` of the viewport height (0 top, 0.5 middle). */
export function scrollTopFor(index: number, count: number, rowH: number, viewH: number, frac = 0.4): number {
  return scrollTopAt(index, count, rowH, viewH, (viewH - rowH) * frac);
}

/** scrollTop that puts the top of row `index` `offsetPx` below the viewport's top (as near as the ends allow). */
export function scrollTopAt(index: number, count: number, rowH: number, viewH: number, offsetPx: number): number {
  const total = count * rowH;
  const real = Math.max(0, Math.min(total - viewH, index * rowH - offsetPx));
  if (total <= MAX_SCROLL_PX) return real;
  const maxReal = total - viewH;
  const maxScroll = MAX_SCROLL_PX - viewH;
  return maxReal > 0 ? (real / maxReal) * maxScroll : 0;
}
