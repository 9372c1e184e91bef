// Words for event kinds, shared by the log filters and the Vocabulary dialog
// so a kind is called the same everywhere.

import type { KindName } from '../engine/model/kinds.ts';

export const KIND_LABELS: Record<KindName, string> = {
  plain: 'Plain lines',
  signal: 'Signals / reloads',
  'op-start': 'Operation starts',
  'op-end': 'Operation ends',
  timeout: 'Timeouts',
  'health-fail': 'Health failures',
  restart: 'Restarts',
  crash: 'Crashes',
};
