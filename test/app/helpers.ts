// Small event tables for the UI-logic tests, built through the engine's own
// TableBuilder so they have exactly the shape the app receives.

import { TableBuilder } from '../../src/engine/model/table-builder.ts';
import type { EventTable } from '../../src/engine/model/event-table.ts';
import type { FileStats } from '../../src/engine/ingest/file-stats.ts';
import { newFileStats } from '../../src/engine/ingest/file-stats.ts';

export interface Row {
  t: number;
  level?: number;
  kind?: number;
  file?: number;
  logger?: string;
  template?: number;
}

export function table(rows: Row[]): EventTable {
  const b = new TableBuilder(16);
  rows.forEach((r, i) => {
    b.push({
      tMs: r.t, subNs: 0, level: r.level ?? 3, kind: r.kind ?? 0, flags: 0, file: r.file ?? 0,
      logger: b.internLogger(r.logger ?? ''), line: i + 1, lineCount: 1, byteOffset: 0, byteLength: 0, template: r.template ?? 0,
    });
  });
  return b.finish().table;
}

export function files(...names: string[]): FileStats[] {
  return names.map((n) => newFileStats(n, 0));
}
