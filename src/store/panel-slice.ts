// Which panels and dialogs are open, which tab the log panel shows (events
// or message patterns) and how patterns are sorted, and the colour theme. The theme choice
// is remembered in localStorage; "system" follows prefers-color-scheme.

import type { SliceCreator } from './types.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type LogTab = 'events' | 'patterns';
/** Patterns by count in the window, first seen inside the window, or how bursty they are. */
export type PatternSort = 'count' | 'new' | 'bursty';

export interface PanelSlice {
  theme: ThemeChoice;
  filesOpen: boolean;
  pasteOpen: boolean;
  helpOpen: boolean;
  vocabularyOpen: boolean;
  logTab: LogTab;
  patternSort: PatternSort;
  /** Text narrowing the Patterns list (not the log list). */
  patternQuery: string;
  setTheme(t: ThemeChoice): void;
  setFilesOpen(open: boolean): void;
  setPasteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  setVocabularyOpen(open: boolean): void;
  setLogTab(tab: LogTab): void;
  setPatternSort(sort: PatternSort): void;
  setPatternQuery(q: string): void;
}

const THEME_KEY = 'timberline.theme';

export function storedTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export const createPanelSlice: SliceCreator<PanelSlice> = (set) => ({
  theme: storedTheme(),
  filesOpen: true,
  pasteOpen: false,
  helpOpen: false,
  vocabularyOpen: false,
  logTab: 'events',
  patternSort: 'count',
  patternQuery: '',
  setTheme(theme) {
    try {
      if (theme === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
      else globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    set({ theme });
  },
  setFilesOpen: (filesOpen) => set({ filesOpen }),
  setPasteOpen: (pasteOpen) => set({ pasteOpen }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setVocabularyOpen: (vocabularyOpen) => set({ vocabularyOpen }),
  setLogTab: (logTab) => set({ logTab }),
  setPatternSort: (patternSort) => set({ patternSort }),
  setPatternQuery: (patternQuery) => set({ patternQuery }),
});
