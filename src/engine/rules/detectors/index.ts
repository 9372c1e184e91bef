// The detectors data rules are built from, by the name a rule file gives in
// `detector.type`. Adding one means a file here and a line below; rules pick
// it up by name, and the schema lists its parameters.

import type { RuleContext } from '../types.ts';
import type { DetectorSpec, DetectorType } from '../spec.ts';
import { absence } from './absence.ts';
import { burst } from './burst.ts';
import { follows } from './follows.ts';
import { overlaps } from './overlaps.ts';
import { recurs } from './recurs.ts';
import { series } from './series.ts';
import type { Match } from './types.ts';

export const DETECTOR_TYPES: readonly DetectorType[] = ['absence', 'burst', 'follows', 'overlaps', 'recurs', 'series'];

export function detect(ctx: RuleContext, spec: DetectorSpec): Match[] {
  switch (spec.type) {
    case 'series': return series(ctx, spec);
    case 'follows': return follows(ctx, spec);
    case 'recurs': return recurs(ctx, spec);
    case 'burst': return burst(ctx, spec);
    case 'overlaps': return overlaps(ctx, spec);
    case 'absence': return absence(ctx, spec);
  }
}
