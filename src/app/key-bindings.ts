// Every key and gesture the app answers, in one table: the `?` list is drawn
// from it and the global key handler (keyboard.ts) dispatches through it, so
// a key cannot work without being listed or be listed without working.
// `keys` are KeyboardEvent.key values, lower-cased ('shift+e' for Shift+E
// where Shift changes what the key does); `run` returns false when there was
// nothing to do (no findings, no errors), so the browser keeps the key.

import { getDataset } from '../store/dataset.ts';
import { useStore, type AppState } from '../store/store.ts';
import { navigate } from '../store/navigation.ts';
import { openSelectedMark, stepError, stepMark } from './step-keys.ts';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.15;

/** Where a binding listens: anywhere outside text fields, on the focused timeline canvas, or only in a widget / with the pointer. */
export type KeyScope = 'global' | 'canvas' | 'widget' | 'pointer';

export interface KeyBinding {
  /** What the `?` list shows in its key column. */
  label: string;
  /** What it does, as the `?` list says it. */
  does: string;
  scope: KeyScope;
  /** Keys handled here (global and canvas scopes). */
  keys: string[];
  run?: (key: string, st: AppState) => boolean;
}

function stepFinding(dir: 1 | -1, st: AppState): boolean {
  const n = getDataset().findings.length;
  if (n === 0) return false;
  const cur = st.selectedFinding;
  const next = dir === 1 ? (cur === null ? 0 : (cur + 1) % n) : cur === null ? n - 1 : (cur - 1 + n) % n;
  navigate('finding', () => st.selectFinding(next));
  return true;
}

function focusFilter(): boolean {
  const input = document.getElementById('log-filter-text');
  if (!(input instanceof HTMLInputElement)) return false;
  input.focus();
  input.select();
  return true;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  {
    label: 'W / S',
    does: 'Zoom in / out (around the pointer when it is over the timeline; Shift: bigger steps)',
    scope: 'global',
    keys: ['w', 's', 'shift+w', 'shift+s'],
    run: (k, st) => {
      const f = Math.pow(ZOOM_STEP, k.startsWith('shift+') ? 3 : 1);
      st.zoomBy(k.endsWith('w') ? f : 1 / f, st.cursor ?? undefined);
      return true;
    },
  },
  {
    label: 'A / D',
    does: 'Pan earlier / later (Shift: bigger steps)',
    scope: 'global',
    keys: ['a', 'd', 'shift+a', 'shift+d'],
    run: (k, st) => {
      st.panBy((k.endsWith('a') ? -PAN_STEP : PAN_STEP) * (k.startsWith('shift+') ? 3 : 1));
      return true;
    },
  },
  { label: 'F', does: 'Fit everything', scope: 'global', keys: ['f'], run: (_, st) => (navigate('window', () => st.fitAll()), true) },
  { label: 'Wheel, pinch', does: 'Zoom around the pointer; horizontal wheel or Shift+wheel pans', scope: 'pointer', keys: [] },
  { label: 'Drag', does: 'Pan the timeline; drag along the time axis to select a range', scope: 'pointer', keys: [] },
  {
    label: 'Alt+click, R',
    does: 'Set the reference point for relative times (R: at the pointer, else at the selected event)',
    scope: 'global',
    keys: ['r'],
    run: (_, st) => {
      const t = st.cursor ?? (st.selectedRow !== null ? getDataset().table.tMs[st.selectedRow] : null);
      st.setReference(t);
      return true;
    },
  },
  { label: 'N / P', does: 'Next / previous finding', scope: 'global', keys: ['n', 'p'], run: (k, st) => stepFinding(k === 'n' ? 1 : -1, st) },
  { label: 'E / Shift+E', does: 'Next / previous error event', scope: 'global', keys: ['e', 'shift+e'], run: (k) => stepError(k === 'e' ? 1 : -1) },
  { label: 'M / Shift+M', does: 'Next / previous mark (reload, operation, gap, burst, restart)', scope: 'global', keys: ['m', 'shift+m'], run: (k) => stepMark(k === 'm' ? 1 : -1) },
  { label: '← → on the timeline', does: 'Next / previous mark', scope: 'canvas', keys: ['arrowright', 'arrowleft'], run: (k) => stepMark(k === 'arrowright' ? 1 : -1) },
  { label: 'Enter on the timeline', does: 'Zoom to the selected mark', scope: 'canvas', keys: ['enter'], run: () => openSelectedMark() },
  { label: '/', does: 'Query the log list: words, field=value, status>=500, -word, level>=warn', scope: 'global', keys: ['/'], run: () => focusFilter() },
  { label: 'V', does: 'Open the vocabulary: your own words for timeouts, reloads, crashes…', scope: 'global', keys: ['v'], run: (_, st) => (st.setVocabularyOpen(true), true) },
  { label: 'U', does: 'Open the rules: your own rule files, with a preview of what they find', scope: 'global', keys: ['u'], run: (_, st) => (st.setRulesOpen(true), true) },
  { label: '↑ ↓ PgUp PgDn Home End', does: 'Move through the log list', scope: 'widget', keys: [] },
  { label: 'Enter in the log list', does: 'Show the selected row on the timeline', scope: 'widget', keys: [] },
  {
    label: 'Esc',
    does: 'Clear the range, then the selection',
    scope: 'global',
    keys: ['escape'],
    run: (_, st) => {
      if (st.range) st.setRange(null);
      else st.clearSelection();
      return true;
    },
  },
  { label: '?', does: 'This list', scope: 'global', keys: ['?'], run: (_, st) => (st.setHelpOpen(true), true) },
];

/** The key as the table names it: lower-cased, "shift+" before a letter typed with Shift (Shift+/ is already "?"). */
export function keyName(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): string {
  const k = e.key.toLowerCase();
  return e.shiftKey && /^[a-z]$/.test(k) ? `shift+${k}` : k;
}

/** The binding for a key in a scope (undefined: not ours). */
export function bindingFor(key: string, scope: 'global' | 'canvas'): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.scope === scope && b.keys.includes(key));
}

export function runKey(key: string, onCanvas: boolean): boolean {
  const st = useStore.getState();
  const b = (onCanvas ? bindingFor(key, 'canvas') : undefined) ?? bindingFor(key, 'global');
  return b?.run ? b.run(key, st) : false;
}
