// One golden harness for every format (speedscope style: each fixture beside its expected output):
// each fixture test/fixtures/<format>/<name>.<ext> is parsed and compared with
// its reviewed dump <name>.expected.json (file accounting + the first events),
// then parsed again under the name "unknown" (detection must not depend on the
// name) and again in 7-byte chunks (lines split across chunks must not change
// anything). The folder name is the format the file must be detected as.
//
// Regenerate dumps with UPDATE_GOLDEN=1 npx vitest run test/engine/golden.test.ts,
// then read every changed dump: it must be right, not merely what the code says.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FORMATS } from '../../src/engine/formats/index.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { ingestSources, type IngestResult } from '../../src/engine/ingest/ingest.ts';
import { plausibleYears } from '../../src/engine/ingest/plausible-time.ts';
import { COLUMN_NAMES } from '../../src/engine/model/event-table.ts';
import { KIND_NAMES } from '../../src/engine/model/kinds.ts';
import { LEVEL_NAMES } from '../../src/engine/model/levels.ts';
import { toIso } from '../../src/engine/model/time.ts';
import { clockIso } from '../../src/engine/model/time-of-day.ts';

// The dumps pin the reference mapping (json-record.ts). The JSON fast path is
// held to that same mapping by test/perf/json-fast.test.ts over these fixtures.
vi.mock('../../src/engine/formats/json-fast.ts', () => ({ FAST_FALLBACK: -1, parseJsonFast: () => -1 }));

const ROOT = join(__dirname, '../fixtures');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Events kept in a dump: enough to review by eye. */
const MAX_EVENTS = 40;
/** Year for year-less timestamps, so dumps do not change with the calendar. */
const YEAR = 2024;
/** Years a time may fall in, fixed for the same reason (the default ends next year). */
const PLAUSIBLE = plausibleYears(1990, 2027);

interface Dump {
  file: {
    format: string;
    lines: number;
    events: number;
    continuations: number;
    blank: number;
    malformed: number;
    untimed: number;
    outOfOrder: number;
    zoneAssumed: boolean;
    error: string | null;
    notices: string[];
    /** Only when set, so dumps of files without them stay as they were. */
    recovered?: number;
    elided?: number;
    dateUnknown?: boolean;
  };
  events: { time: string; level: string; kind: string; logger: string; line: number; lineCount: number; message: string }[];
}

function dump(r: IngestResult): Dump {
  const f = r.files[0];
  const t = r.table;
  const events: Dump['events'] = [];
  for (let i = 0; i < Math.min(t.length, MAX_EVENTS); i++) {
    events.push({
      time: clockIso(t.tMs[i], t.subNs[i], toIso),
      level: LEVEL_NAMES[t.level[i]],
      kind: KIND_NAMES[t.kind[i]],
      logger: t.loggers[t.logger[i]],
      line: t.line[i],
      lineCount: t.lineCount[i],
      message: r.messages[i] ?? '',
    });
  }
  return {
    file: {
      format: f.format,
      lines: f.lines,
      events: f.events,
      continuations: f.continuations,
      blank: f.blank,
      malformed: f.malformed,
      untimed: f.untimed,
      outOfOrder: f.outOfOrder,
      zoneAssumed: f.zoneAssumed,
      error: f.error,
      notices: f.notices,
      ...(f.recovered ? { recovered: f.recovered } : {}),
      ...(f.elided ? { elided: f.elided } : {}),
      ...(f.dateUnknown ? { dateUnknown: true } : {}),
    },
    events,
  };
}

function parse(name: string, bytes: Uint8Array, chunk?: number): Promise<IngestResult> {
  return ingestSources([bytesSource(name, bytes, chunk)], { year: YEAR, plausibleTime: PLAUSIBLE });
}

/** Fixture files under the folders named after a format, each with its expected dump. */
function fixtures(): { format: string; name: string; path: string; expected: string }[] {
  const out: { format: string; name: string; path: string; expected: string }[] = [];
  for (const format of FORMATS.map((f) => f.id)) {
    const dir = join(ROOT, format);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith('.expected.json') || name.endsWith('.md')) continue;
      const expected = join(dir, name.replace(/\.[^.]+$/, '') + '.expected.json');
      if (existsSync(expected) || UPDATE) out.push({ format, name, path: join(dir, name), expected });
    }
  }
  return out;
}

const ALL = fixtures();

describe('golden fixtures', () => {
  it('has fixtures for every registered format', () => {
    const covered = new Set(ALL.map((f) => f.format));
    for (const f of FORMATS) expect(covered, f.id).toContain(f.id);
  });

  for (const fx of ALL) {
    it(`${fx.format}/${fx.name}`, async () => {
      const bytes = new Uint8Array(readFileSync(fx.path));
      const r = await parse(fx.name, bytes);
      const got = dump(r);
      if (UPDATE) writeFileSync(fx.expected, JSON.stringify(got, null, 2) + '\n');
      const want = JSON.parse(readFileSync(fx.expected, 'utf8')) as Dump;
      expect(got).toEqual(want);

      // Detected from content, as the folder says.
      expect(got.file.format).toBe(fx.format);
      // Nothing is lost.
      const f = r.files[0];
      expect(f.lines).toBe(f.events + f.continuations + f.blank);

      // The name is never needed.
      const anon = await parse('unknown', bytes);
      expect(dump(anon)).toEqual(got);

      // Tiny chunks: every column identical, not just the dump.
      const tiny = await parse(fx.name, bytes, 7);
      for (const c of COLUMN_NAMES) expect(Array.from(tiny.table[c]), c).toEqual(Array.from(r.table[c]));
      expect(tiny.messages).toEqual(r.messages);
      expect(tiny.files[0]).toEqual(r.files[0]);
    });
  }
});
