// Runs the analysis on an ingested table: marks first (rules read them), then
// every rule. Pure and synchronous: the worker, the CLI and tests call it alike.

import type { IngestResult } from '../ingest/ingest.ts';
import type { Mark } from '../marks/types.ts';
import type { Finding, RuleContext } from '../rules/types.ts';

export interface Analysis {
  marks: Mark[];
  findings: Finding[];
}

export function makeContext(r: IngestResult, marks: Mark[]): RuleContext {
  return {
    table: r.table,
    files: r.files,
    templates: r.templates,
    marks,
    message: (row) => r.messages[row] ?? r.templates[r.table.template[row]]?.pattern ?? '',
  };
}

export function analyze(_r: IngestResult): Analysis {
  // Filled in by the analysis work (marks/, rules/).
  return { marks: [], findings: [] };
}
