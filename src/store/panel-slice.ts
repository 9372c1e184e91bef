// Which panels and dialogs are open, and the colour theme. The theme choice
// is remembered in localStorage; "system" follows prefers-color-scheme.

import type { SliceCreator } from './types.ts';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface PanelSlice {
  theme: ThemeChoice;
  filesOpen: boolean;
  pasteOpen: boolean;
  helpOpen: boolean;
  setTheme(t: ThemeChoice): void;
  setFilesOpen(open: boolean): void;
  setPasteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
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
});
