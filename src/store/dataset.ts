// The loaded incident: event table, files, marks and findings. It lives
// outside Zustand on purpose (big data stays out of the UI store): a million-row table must never be
// diffed, frozen or copied by a store. The store keeps only `dataVersion`, and
// everything derived from the dataset (lanes, density, filtered rows) is cached
// here keyed by that version.

import { emptyTable, type EventTable } from '../engine/model/event-table.ts';
import type { FileStats } from '../engine/ingest/file-stats.ts';
import type { TemplateInfo } from '../engine/templates/templater.ts';
import type { Mark } from '../engine/marks/types.ts';
import type { Finding } from '../engine/rules/types.ts';
import type { Provenance } from '../engine/sources/clickhouse/provenance.ts';

export interface Dataset {
  /** Bumped on every load; derived caches compare against it. */
  version: number;
  table: EventTable;
  files: FileStats[];
  templates: TemplateInfo[];
  marks: Mark[];
  findings: Finding[];
  /**
   * The query a pulled window came from (a Connect, a dropped bundle, or a
   * link made from either); absent for files. Goes with the data, so any
   * other load clears it.
   */
  provenance?: Provenance | null;
  /** Earliest and latest event time (epoch ms); [0, 0] when empty. */
  extent: [number, number];
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

let current: Dataset = {
  version: 0,
  table: emptyTable(),
  files: [],
  templates: [],
  marks: [],
  findings: [],
  extent: [0, 0],
};

export function getDataset(): Dataset {
  return current;
}

/** Install a freshly loaded dataset; returns its version for the store. */
export function setDataset(d: Omit<Dataset, 'version' | 'extent'>): Dataset {
  const extent = datasetExtent(d.table, d.marks);
  // Most severe first, then earliest: the order an on-call engineer reads them in.
  const findings = d.findings
    .slice()
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start);
  current = { ...d, findings, extent, version: current.version + 1 };
  return current;
}

/** The extent setDataset gives a table and its marks: first to last event, widened to every mark. */
export function datasetExtent(t: EventTable, marks: readonly Mark[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  if (t.length > 0) {
    lo = t.tMs[0];
    hi = t.tMs[t.length - 1];
  }
  for (const m of marks) {
    if (m.start < lo) lo = m.start;
    if (m.end > hi) hi = m.end;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

/** Put a previous dataset back (a load that had shown snapshots was cancelled); returns it with a new version. */
export function restoreDataset(d: Dataset): Dataset {
  current = { ...d, version: current.version + 1 };
  return current;
}

/** Stable key of a finding for URLs and tests: rule id, plus "~n" for the n-th (n >= 2) finding of the same rule. */
export function findingKey(findings: readonly Finding[], index: number): string {
  const f = findings[index];
  if (!f) return '';
  let n = 0;
  for (let i = 0; i <= index; i++) if (findings[i].rule === f.rule) n++;
  return n > 1 ? `${f.rule}~${n}` : f.rule;
}

export function findingIndexByKey(findings: readonly Finding[], key: string): number {
  for (let i = 0; i < findings.length; i++) if (findingKey(findings, i) === key) return i;
  return -1;
}
