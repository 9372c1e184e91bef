// All marks of a table, in time order: what the swimlanes draw besides raw
// events and what the rules reason about. Each kind lives in its own module;
// this only runs them and sorts. Linear in the table (a few typed-array passes).

import type { EventTable } from '../model/event-table.ts';
import type { Mark, TextNumbers } from './types.ts';
import { buildSourceIndex, type SourceIndex } from './sources.ts';
import { pointMarks } from './points.ts';
import { operationMarks } from './operations.ts';
import { gapMarks } from './gaps.ts';
import { burstMarks } from './bursts.ts';

export interface MarkInput {
  table: EventTable;
  fileCount: number;
  message(row: number): string;
  /** Reuse an index built elsewhere. */
  sources?: SourceIndex;
  /** The rows' texts numbered (rules/text-ids.ts), for reading each distinct operation message once. */
  texts?: TextNumbers;
}

const ORDER: Record<Mark['kind'], number> = { signal: 0, operation: 1, gap: 2, 'timeout-burst': 3, 'error-burst': 4, crash: 5, restart: 6 };

export function computeMarks(input: MarkInput): Mark[] {
  const sources = input.sources ?? buildSourceIndex(input.table, input.fileCount);
  const marks = [
    ...pointMarks(input.table, sources, input.message),
    ...operationMarks({ table: input.table, sources, message: input.message, texts: input.texts }),
    ...gapMarks(input.table, sources),
    ...burstMarks(input.table, sources),
  ];
  return marks.sort((a, b) => a.start - b.start || ORDER[a.kind] - ORDER[b.kind] || a.file - b.file);
}
