// Where a mark sits: which source lanes a gap shades, and the CSS-pixel box
// of any mark. Shared by drawing and hit-testing so they never disagree.

import type { Mark } from '../engine/marks/types.ts';
import type { LaneModel } from '../store/lanes.ts';

/**
 * Source lanes a gap belongs to: its file's lane, or in logger mode the lane
 * of its logger (logger 0 = the whole file, every lane of that file).
 * A gap with no valid file shades every lane.
 */
export function gapLanes(model: LaneModel, m: Mark): number[] {
  const out: number[] = [];
  const any = m.file < 0 || !model.lanes.some((l) => l.file === m.file);
  model.lanes.forEach((l, i) => {
    if (any) out.push(i);
    else if (l.file === m.file && (l.logger < 0 || m.logger === 0 || l.logger === m.logger)) out.push(i);
  });
  return out;
}
