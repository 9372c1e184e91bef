// The one Zustand store, assembled from its slices. Components read it with
// narrow selectors (`useStore((s) => s.window)`); the canvas renderer reads it
// with `useStore.getState()` and `subscribe`, never through React renders.

import { create } from 'zustand';
import type { AppState } from './types.ts';
import { createViewSlice } from './view-slice.ts';
import { createSelectionSlice } from './selection-slice.ts';
import { createFilterSlice } from './filter-slice.ts';
import { createPanelSlice } from './panel-slice.ts';
import { createLoadSlice } from './load-slice.ts';
import { createVocabularySlice } from './vocabulary-slice.ts';
import { createRulesSlice } from './rules-slice.ts';
import { createCompareSlice } from './compare-slice.ts';
import { createFlowSlice } from './flow-slice.ts';
import { createColumnSlice } from './column-slice.ts';

export const useStore = create<AppState>()((...a) => ({
  ...createViewSlice(...a),
  ...createSelectionSlice(...a),
  ...createFilterSlice(...a),
  ...createPanelSlice(...a),
  ...createLoadSlice(...a),
  ...createVocabularySlice(...a),
  ...createRulesSlice(...a),
  ...createCompareSlice(...a),
  ...createFlowSlice(...a),
  ...createColumnSlice(...a),
}));

export type { AppState, Interval } from './types.ts';
