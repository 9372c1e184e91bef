// The `texts()` a share needs, read from an engine session: the message and
// the raw lines of each row. The worker builds the Share dialog's payload
// with it (src/worker/share-api.ts), and tests build payloads from a real ingest.

import type { EngineSession } from '../engine/session/session.ts';
import type { EventText } from './build.ts';
import { MAX_SHARED_RAW_CHARS } from './limits.ts';

/** Bytes read per raw event: enough for MAX_SHARED_RAW_CHARS characters of UTF-8. */
const RAW_BYTES = MAX_SHARED_RAW_CHARS * 4;

export async function sessionTexts(session: EngineSession, rows: readonly number[]): Promise<EventText[]> {
  const [messages, raws] = await Promise.all([session.messages(rows), session.raws(rows, RAW_BYTES)]);
  return rows.map((_, i) => ({ message: messages[i] ?? '', raw: raws[i] }));
}
