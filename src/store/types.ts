// The store's full shape, kept apart from the slices so each slice can type
// `set`/`get` against the whole state without importing the others.

import type { StateCreator } from 'zustand';
import type { ViewSlice } from './view-slice.ts';
import type { SelectionSlice } from './selection-slice.ts';
import type { FilterSlice } from './filter-slice.ts';
import type { PanelSlice } from './panel-slice.ts';
import type { LoadSlice } from './load-slice.ts';
import type { VocabularySlice } from './vocabulary-slice.ts';
import type { RulesSlice } from './rules-slice.ts';
import type { CompareSlice } from './compare-slice.ts';
import type { FlowSlice } from './flow-slice.ts';
import type { ColumnSlice } from './column-slice.ts';

export type AppState = ViewSlice & SelectionSlice & FilterSlice & PanelSlice & LoadSlice & VocabularySlice & RulesSlice & CompareSlice & FlowSlice & ColumnSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;

/** A time interval in epoch ms, start <= end. */
export type Interval = readonly [number, number];
