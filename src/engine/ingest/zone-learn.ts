// The zone of a file's zone-less times, when the file itself tells it.
// journald and syslog print the host's local clock without a zone, while the
// program inside often writes its own zoned time (`Oct 04 08:07:36 host
// app[1]: 2023-10-04T08:07:36+08:00 ERROR ...`); `systemctl status` names the
// zone (`since Thu 2017-08-10 09:20:02 CST`) above journal lines that do not.
// Reading the zone-less lines as UTC would put them hours away from the
// zoned ones of the same file. When every offset the first lines show is
// the same one (and not UTC), the zone-less times are read at it, as if the
// user had set the file's zone; a notice says so. Conflicting offsets teach
// nothing: the lines stay UTC, flagged, for the user to set.

import { TextReader } from '../formats/text-line.ts';
import { newRecordOut, resetRecord } from '../formats/types.ts';
import { newTimeOut } from '../model/time.ts';
import type { FileStats } from './file-stats.ts';

/** Minutes east of UTC for the file's zone-less times, or null when its lines do not tell one. */
export function learnZoneOffset(lines: readonly string[], year: number): number | null {
  const reader = new TextReader({ year, time: newTimeOut() });
  const out = newRecordOut();
  for (const line of lines) {
    resetRecord(out);
    reader.read(line, out);
  }
  if (reader.zoneless === 0 || reader.zoneEvidence.size !== 1) return null;
  const [offset] = reader.zoneEvidence.keys();
  return offset === 0 ? null : offset;
}

/** "+08:00", "-05:30". */
export function formatOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * Minutes east of UTC for a file's zone-less times: the user's zone for the
 * file (`set`), else the one its first lines show (recorded on stats).
 */
export function fileZoneOffset(set: number | undefined, firstLines: readonly string[], year: number, stats: FileStats): number {
  if (set !== undefined) return set;
  const learned = learnZoneOffset(firstLines, year);
  if (learned === null) return 0;
  stats.zoneLearnedMin = learned;
  return learned;
}

/** What the file's notices say about its zone-less times. */
export function zoneNotice(learnedMin: number | undefined): string {
  return learnedMin === undefined
    ? 'timestamps without a time zone were read as UTC'
    : `timestamps without a time zone were read at ${formatOffset(learnedMin)}, the offset the file's zoned times show`;
}
