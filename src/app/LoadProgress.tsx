// Parsing progress: a real progressbar (bytes), with lines, events and MB/s,
// and a Cancel button. Lives in a fixed-size slot of the header so nothing
// moves while it appears and disappears.

import { useStore } from '../store/store.ts';
import { formatBytes, formatInt } from '../ui/format.ts';
import { cancelLoad } from './load/loader.ts';

export function LoadProgress() {
  const p = useStore((s) => s.progress);
  if (!p) return null;
  const pct = p.totalBytes > 0 ? Math.min(100, (100 * p.bytes) / p.totalBytes) : 0;
  const mbs = p.elapsedMs > 0 ? p.bytes / 1048576 / (p.elapsedMs / 1000) : 0;
  // A .gz file: the text it inflated to, and how many times its compressed size that is (a bomb shows as 1000×).
  const inflated = p.decompressedBytes ? ` (${formatBytes(p.decompressedBytes)} decompressed${inflation(p.decompressedBytes, p.bytes)})` : '';
  // A pull from a server has no total size: rows and bytes received instead.
  const text = p.totalBytes > 0
    ? `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)}${inflated}, ${formatInt(p.lines)} lines, ${mbs.toFixed(1)} MB/s`
    : `${formatInt(p.lines)} rows, ${formatBytes(p.bytes)} received`;
  return (
    <div className="load-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={`Reading ${p.fileName}`}
        aria-valuemin={0}
        aria-valuemax={p.totalBytes}
        aria-valuenow={p.bytes}
        aria-valuetext={text}
      >
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <div className="load-progress-text">
        <span className="ellipsis">{p.fileName}</span>
        <span className="muted">{text}</span>
      </div>
      <button type="button" className="btn" onClick={() => void cancelLoad()}>Cancel</button>
    </div>
  );
}

/** Decompressed over compressed bytes, as ", 340×" (nothing before the first compressed byte is counted). */
function inflation(decompressed: number, compressed: number): string {
  if (compressed <= 0) return '';
  const r = decompressed / compressed;
  return `, ${r < 10 ? r.toFixed(1) : formatInt(r)}×`;
}
