// Candidates for the range comparison from the records' parsed fields
// (`status=503`, `upstream=-`). Fields are not columns: each row's text has
// to be read back and parsed, so the session hands over an even sample of
// the rows inside the range and of the rows outside it, and the counts here
// are counts over those samples (rank.ts scales them back and marks them).
//
// Fields that only say where a row sits in time are left out: timestamps,
// and any field present outside the range none of whose in-range values
// occurs outside (sequence numbers, request ids). Every value of such a field
// is "only in the range", which is true and says nothing.

import { fieldQueryTerm } from '../query/parse.ts';
import type { CandidateGroup, CompareCandidate } from './rank.ts';

/** Names the query language reads from columns (query/evaluate.ts): compared as columns, not as fields. */
const COLUMN_NAMES = new Set(['level', 'kind', 'source', 'file', 'logger', 'msg', 'message', 'pattern']);
/** What the query language accepts as a field name (query/parse.ts): anything else could not be filtered by. */
const QUERYABLE = /^[A-Za-z_@][\w.@-]*$/;
const TIME_NAME = /(?:^|[._@-])(?:time|timestamp|ts|date|datetime|@timestamp)$/i;
const TIME_VALUE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|^\d{1,2}\/[A-Za-z]{3}\/\d{4}:\d{2}|^\d{2}:\d{2}:\d{2}/;
/** Values longer than this are bodies and stack traces, not something to filter by. */
const MAX_VALUE_CHARS = 200;
/** Bounds the memory a sample of wide records can take. */
const MAX_PAIRS = 200_000;

type Records = readonly (readonly [string, string][])[];

function keep(field: string, value: string): boolean {
  return QUERYABLE.test(field) && value.length <= MAX_VALUE_CHARS && !COLUMN_NAMES.has(field.toLowerCase()) && !TIME_NAME.test(field) && !TIME_VALUE.test(value);
}

/** Per field, per value: how many of the records carry it (once per record). */
function countPairs(records: Records): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  let pairs = 0;
  for (const rec of records) {
    const seen = new Set<string>();
    for (const [field, value] of rec) {
      if (!keep(field, value) || seen.has(field)) continue;
      seen.add(field);
      let values = out.get(field);
      if (!values) out.set(field, (values = new Map()));
      const c = values.get(value);
      if (c !== undefined) values.set(value, c + 1);
      else if (pairs < MAX_PAIRS) {
        values.set(value, 1);
        pairs++;
      }
    }
  }
  return out;
}

/**
 * Field-value candidates of a sample of the range (`inside`) against a
 * sample of the rest (`outside`); `totalIn`/`totalRest` are the rows the
 * samples stand for.
 */
export function fieldCandidates(inside: Records, outside: Records, totalIn: number, totalRest: number): CandidateGroup {
  const inCounts = countPairs(inside);
  const restCounts = countPairs(outside);
  const candidates: CompareCandidate[] = [];
  for (const [field, values] of inCounts) {
    const rest = restCounts.get(field);
    if (rest && ![...values.keys()].some((v) => rest.has(v))) continue;
    for (const [value, a] of values) {
      candidates.push({ dimension: 'field', field, value, query: fieldQueryTerm(field, value), a, b: rest?.get(value) ?? 0 });
    }
  }
  return { candidates, nIn: inside.length, nRest: outside.length, totalIn, totalRest };
}
