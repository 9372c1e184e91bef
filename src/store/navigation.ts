// Deliberate navigation (open a finding, zoom to a range, apply a filter, fit
// all, add or remove a list column) versus the continuous kind (wheel, drag,
// W/S/A/D). Only the first kind deserves its own browser history entry, and only the caller knows which it
// is, so callers wrap such changes in `navigate`. The app's history module
// (src/app/history.ts) installs the navigator; without one (tests, the CLI)
// the change simply runs. Lives in store/ so timeline/ and app/ can both call it.

/** Text edits coalesce into one entry while the user keeps typing. */
export type NavKind = 'finding' | 'window' | 'filter' | 'text' | 'columns';

export type Navigator = (kind: NavKind, change: () => void) => void;

let navigator: Navigator | null = null;

export function setNavigator(n: Navigator | null): void {
  navigator = n;
}

/** Run a view change the user asked for, recording it as a step Back can undo. */
export function navigate(kind: NavKind, change: () => void): void {
  if (navigator) navigator(kind, change);
  else change();
}
