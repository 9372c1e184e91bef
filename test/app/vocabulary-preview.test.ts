// The Vocabulary dialog's preview, answered by the engine session: how many
// loaded events a draft pattern matches, how many would change kind, a few
// of the matching messages, and a refusal (not a freeze) for a bad pattern.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { EngineSession } from '../../src/engine/session/session.ts';
import { vocabularyPreviewApi } from '../../src/worker/vocabulary-preview.ts';

const log = [
  '2024-05-01T10:00:00Z INFO starting proxy',
  '2024-05-01T10:00:01Z WARN gave up waiting for backend a',
  '2024-05-01T10:00:02Z WARN gave up waiting for backend b',
  '2024-05-01T10:00:03Z INFO request ok',
  '2024-05-01T10:00:04Z ERROR request timed out after 30s',
].join('\n');

describe('vocabulary preview', () => {
  it('counts matches, kind changes and shows matching messages', async () => {
    const session = new EngineSession();
    await session.load([bytesSource('proxy.log', log)]);
    const api = vocabularyPreviewApi(session);
    const [giveUp, timedOut, none, bad] = await api.previewVocabulary([
      { kind: 'timeout', pattern: 'gave up waiting' },
      { kind: 'timeout', pattern: 'timed out' },
      { kind: 'crash', pattern: 'no such line' },
      { kind: 'crash', pattern: '(x+)\\1y' },
    ]);
    expect(giveUp).toMatchObject({ error: null, matches: 2, changes: 2 });
    expect(giveUp.samples).toEqual(['gave up waiting for backend a', 'gave up waiting for backend b']);
    // The built-in vocabulary already calls this a timeout: nothing would change.
    expect(timedOut).toMatchObject({ matches: 1, changes: 0 });
    expect(none).toMatchObject({ matches: 0, changes: 0, samples: [] });
    expect(bad.error).toMatch(/backreference/);
  });
});
