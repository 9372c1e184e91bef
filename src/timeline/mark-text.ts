// Words for marks, shared by the tooltip and the detail panel.

import type { Mark } from '../engine/marks/types.ts';

const KIND_LABELS: Record<Mark['kind'], string> = {
  signal: 'Signal',
  operation: 'Operation',
  gap: 'Gap',
  'timeout-burst': 'Timeout burst',
  'error-burst': 'Error burst',
  restart: 'Restart',
  crash: 'Crash',
};

export function markKindLabel(m: Pick<Mark, 'kind' | 'spanEnd' | 'startup'>): string {
  if (m.kind === 'restart' && m.startup) return 'Start';
  if (m.kind === 'operation' && m.spanEnd === 'failed') return 'Failed operation';
  if (m.kind === 'operation' && m.spanEnd === 'open') return 'Unfinished operation';
  return KIND_LABELS[m.kind] ?? m.kind;
}
