// Logs pasted as a Markdown quote: every line behind "> ". Read without the
// marks, they are the records they quote (times, levels, a header's indented
// message); a log where only a banner starts with ">" is read as written.
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources } from '../../src/engine/ingest/ingest.ts';
import { isQuotedPaste, unquote } from '../../src/engine/formats/quote-marks.ts';
import { Level } from '../../src/engine/model/levels.ts';

describe('quote marks', () => {
  it('takes a file as a quote only when nearly all its first lines are quoted', () => {
    expect(isQuotedPaste(['> a', '> b', '', '> c'])).toBe(true);
    expect(isQuotedPaste(['> > a', '>', '> b'])).toBe(true);
    expect(isQuotedPaste(['> app@1.0.0 start', '> node server.js', 'listening', 'ready', 'up'])).toBe(false);
    expect(isQuotedPaste(['> only one'])).toBe(false);
    expect(isQuotedPaste(['>not a quote mark', '>nor this'])).toBe(false);
  });

  it('drops each mark with the one space after it, so indents stay', () => {
    expect(unquote('>   accept: Invalid argument')).toBe('  accept: Invalid argument');
    expect(unquote('> > 2024-05-01T10:00:00Z ERROR x')).toBe('2024-05-01T10:00:00Z ERROR x');
    expect(unquote('>')).toBe('');
    expect(unquote('plain')).toBe('plain');
  });
});

describe('a quoted paste', () => {
  it('reads JSON lines and timed text behind the marks, every line accounted for', async () => {
    const text = [
      '> {"time":"2024-05-01T10:00:00Z","level":"error","msg":"dial tcp 10.0.0.5:5432: connect: connection refused"}',
      '> {"time":"2024-05-01T10:00:01Z","level":"info","msg":"retrying"}',
      '>',
      '> 2024-05-01T10:00:02Z WARN pool at 90%',
    ].join('\n') + '\n';
    const r = await ingestSources([bytesSource('quoted.log', text)]);
    const f = r.files[0];
    expect([f.lines, f.events, f.blank, f.untimed]).toEqual([4, 3, 1, 0]);
    expect(Array.from(r.table.level.slice(0, 3))).toEqual([Level.error, Level.info, Level.warn]);
  });

  it('leaves a log whose banner alone starts with ">" as written', async () => {
    const text = '> app@1.0.0 start\n2024-05-01T10:00:00Z INFO listening\n2024-05-01T10:00:01Z INFO ready\n2024-05-01T10:00:02Z INFO up\n';
    const r = await ingestSources([bytesSource('npm.log', text)]);
    expect(r.messages?.[0] ?? '').toContain('> app@1.0.0 start');
  });
});
