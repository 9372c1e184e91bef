// Global keys, when no text field or dialog has focus. What each key does is
// the table in key-bindings.ts (which also draws the `?` list); this only
// decides whether a key is ours: not while typing, not inside a dialog, and
// ← → Enter only on the focused timeline canvas (other arrow keys belong to
// the focused widget, the log list).

import { keyName, runKey } from './key-bindings.ts';

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
  const onCanvas = e.target instanceof Element && e.target.classList.contains('tl-canvas');
  return runKey(keyName(e), onCanvas);
}

export function startKeyboard(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented) return;
    if (handleKey(e)) e.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
