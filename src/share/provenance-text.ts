// A pulled window's provenance as one sentence, the same words in the Files
// panel (sender and receiver), the opened link's notice and the Markdown
// export: "Pulled from ClickHouse table otel_logs, window …, services …,
// where …". The parts are listed once here so the three cannot drift; each
// caller decides how a value is shown (React text, or a Markdown code span).

import type { SharedProvenance } from './payload.ts';
import { toIso } from '../engine/model/time.ts';

/** A validated ISO time as the rest of the page writes times ("2024-05-14 02:00:00.000 UTC"). */
const utc = (iso: string) => toIso(Date.parse(iso)).replace('T', ' ').replace('Z', ' UTC');

export interface ProvenancePart {
  /** Our words before the value ("table", "where"). */
  label: string;
  /** The value, from the query (untrusted text: shown as text or code, never as markup). */
  value: string;
}

/** The sentence's parts after "Pulled from ClickHouse". */
export function provenanceParts(p: SharedProvenance): ProvenancePart[] {
  const out: ProvenancePart[] = [{ label: 'table', value: p.database ? `${p.database}.${p.table}` : p.table }];
  out.push({ label: 'window', value: `${utc(p.from)} → ${utc(p.to)}` });
  if (p.sources?.length) out.push({ label: p.sources.length === 1 ? 'service' : 'services', value: p.sources.join(', ') });
  if (p.where) out.push({ label: 'where', value: p.where.replace(/\s+/g, ' ').trim() });
  if (p.mapping) out.push({ label: 'column mapping', value: p.mapping });
  if (p.host) out.push({ label: 'server', value: p.host });
  return out;
}

/** Plain text, for React text nodes and notices; `lead` starts the sentence. */
export function provenanceText(p: SharedProvenance, lead = 'Pulled from'): string {
  return `${lead} ClickHouse ${provenanceParts(p).map((x) => `${x.label} ${x.value}`).join(', ')}`;
}
