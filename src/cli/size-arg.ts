// The CLI's size arguments (--max-decompressed=512M): bytes or K/M/G, binary units.

/** A size on the command line: bytes, or a number with K, M or G (binary units). NaN when unreadable. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([kmg]?)i?b?$/i.exec(s.trim());
  if (!m) return NaN;
  const unit = { '': 1, k: 1 << 10, m: 1 << 20, g: 1 << 30 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}
