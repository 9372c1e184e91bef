// Global keys (when no text field has focus): W/S zoom around the pointer (or
// the centre), A/D pan, F fits all, R sets the reference point, N/P step
// through findings, / focuses the filter, V opens the vocabulary, Escape
// clears the selection, ? opens the key list. E / Shift+E step through errors,
// M / Shift+M through marks (step-keys.ts); with the timeline focused, ← → do
// the same for marks and Enter zooms to the selected one. Other arrow keys
// belong to the focused widget (the log list).

import { getDataset } from '../store/dataset.ts';
import { useStore } from '../store/store.ts';
import { navigate } from '../store/navigation.ts';
import { openSelectedMark, stepError, stepMark } from './step-keys.ts';

const ZOOM_STEP = 1.5;
const PAN_STEP = 0.15;

function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.isContentEditable) return true;
  const tag = t.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (t as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file'].includes(type);
  }
  return false;
}

export function handleKey(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return false;
  if (e.target instanceof Element && e.target.closest('dialog')) return false;
  const st = useStore.getState();
  const big = e.shiftKey ? 3 : 1;
  const onCanvas = e.target instanceof Element && e.target.classList.contains('tl-canvas');
  if (onCanvas && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) return stepMark(e.key === 'ArrowRight' ? 1 : -1);
  if (onCanvas && e.key === 'Enter') return openSelectedMark();
  switch (e.key.toLowerCase()) {
    case 'e':
      return stepError(e.shiftKey ? -1 : 1);
    case 'm':
      return stepMark(e.shiftKey ? -1 : 1);
    case 'w':
      st.zoomBy(Math.pow(ZOOM_STEP, big), st.cursor ?? undefined);
      return true;
    case 's':
      st.zoomBy(1 / Math.pow(ZOOM_STEP, big), st.cursor ?? undefined);
      return true;
    case 'a':
      st.panBy(-PAN_STEP * big);
      return true;
    case 'd':
      st.panBy(PAN_STEP * big);
      return true;
    case 'f':
      navigate('window', () => st.fitAll());
      return true;
    case 'r': {
      const t = st.cursor ?? (st.selectedRow !== null ? getDataset().table.tMs[st.selectedRow] : null);
      st.setReference(t);
      return true;
    }
    case 'n':
    case 'p': {
      const n = getDataset().findings.length;
      if (n === 0) return false;
      const cur = st.selectedFinding;
      const next = e.key.toLowerCase() === 'n' ? (cur === null ? 0 : (cur + 1) % n) : cur === null ? n - 1 : (cur - 1 + n) % n;
      navigate('finding', () => st.selectFinding(next));
      return true;
    }
    case '/': {
      const input = document.getElementById('log-filter-text');
      if (input instanceof HTMLInputElement) {
        input.focus();
        input.select();
        return true;
      }
      return false;
    }
    case '?':
      st.setHelpOpen(true);
      return true;
    case 'v':
      st.setVocabularyOpen(true);
      return true;
    case 'escape':
      if (st.range) st.setRange(null);
      else st.clearSelection();
      return true;
    default:
      return false;
  }
}

export function startKeyboard(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    if (handleKey(e)) e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
