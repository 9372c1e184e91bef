// The JSON-lines fast path must read every line exactly as the full
// JSON.parse path does: same time, level, message, logger, classifying fields
// and status, and never accept a line JSON.parse rejects. Lines come from the
// benchmark's dialect generator, the real-log accuracy corpus (test/incidents), our fixtures, and a fuzzer
// whose keys include every key json-record.ts names (read from its source, so
// a key added there is fuzzed here without anyone remembering to), plus the
// subject keys operations are paired by.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_FALLBACK, lastLineSubject, parseJsonFast } from '../../src/engine/formats/json-fast.ts';
import { lineSubject, SUBJECT_KEYS } from '../../src/engine/classify/subject.ts';
import { isObject, mapJsonRecord, MESSAGE_KEYS, TIME_KEYS } from '../../src/engine/formats/json-record.ts';
import { LineType, newRecordOut, type LineTypeCode, type ParseEnv, type RecordOut } from '../../src/engine/formats/types.ts';
import { newTimeOut } from '../../src/engine/model/time.ts';
import { logLines, rng } from '../bench/generate.ts';

const env = (): ParseEnv => ({ year: 2024, time: newTimeOut() });

/** The full path, as json-lines.ts runs it when the fast path steps aside. */
function slow(line: string): { type: LineTypeCode; out: RecordOut } {
  const out = newRecordOut();
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { type: LineType.malformed, out };
  }
  if (!isObject(v)) return { type: LineType.malformed, out };
  return { type: mapJsonRecord(v, out, env()), out };
}

interface Tally {
  fast: number;
  fallback: number;
  /** Lines whose message came with its bytes. */
  withBytes: number;
}

/** Compare both paths on one line; returns whether the fast path answered. */
function check(line: string, tally: Tally): void {
  const out = newRecordOut();
  const type = parseJsonFast(line, out, env());
  if (type === FAST_FALLBACK) {
    tally.fallback++;
    return;
  }
  tally.fast++;
  // The subject of an operation row, read from the same scan (null: the caller asks lineSubject).
  const subject = lastLineSubject();
  const ref = slow(line);
  // The message's bytes, when the fast path gives them (a request line written out: json-request.ts), are its characters.
  if (out.messageBytes !== null) {
    const codes = Array.from(out.messageBytes.subarray(out.messageStart, out.messageEnd));
    expect({ line, text: String.fromCharCode(...codes), ascii: codes.every((c) => c < 128) }).toEqual({ line, text: out.message, ascii: true });
    tally.withBytes++;
    out.messageBytes = null;
    out.messageStart = out.messageEnd = 0;
  }
  expect({ line, type, out }).toEqual({ line, type: ref.type, out: ref.out });
  if (subject !== null) expect({ line, subject }).toEqual({ line, subject: lineSubject(line) });
}

function corpusLines(): string[] {
  const lines: string[] = [];
  const dirs = [join(__dirname, '../incidents/cases'), join(__dirname, '../fixtures')];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (statSync(p).size < 8 << 20) {
        for (const l of readFileSync(p, 'utf8').split('\n')) if (l.trimStart().startsWith('{')) lines.push(l.trimStart());
      }
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return lines;
}

/** Every string literal in json-record.ts: the keys the mapping looks at. */
function mappedKeys(): string[] {
  const src = readFileSync(join(__dirname, '../../src/engine/formats/json-record.ts'), 'utf8');
  const keys = new Set<string>();
  for (const m of src.matchAll(/'([^'\\\n]{1,40})'/g)) keys.add(m[1]);
  for (const k of [...keys]) if (k.includes('.')) for (const part of k.split('.')) keys.add(part);
  // And the keys an operation's subject is read from, tracing's message, and Caddy's request (nested when fuzzed).
  for (const k of SUBJECT_KEYS) keys.add(k);
  for (const k of ['fields.message', 'request.method', 'request.uri', 'request.http.request.method', 'request.url.original']) keys.add(k);
  return [...keys];
}

const STRINGS = ['', 'info', 'WARN', 'eror', 'Information', 'context canceled', 'handled request', 'received request', '2024-05-01T10:00:00.123456789Z', '2024-05-01 10:00:00', '1714557600', '1714557600123', '1714557600123456', 'Jan  2 15:04:05', 'Mon, 02 Jan 2006 15:04:05 MST', '200', '503', '42', 'héllo wörld', 'tab\there', 'quote " inside', 'back\\slash', 'line\nbreak', '\u2028', '😀 emoji', '\ud800', 'renewing certificate', '{"nested":"json"}', 'fatal error: concurrent map writes', ' padded '];
const NUMBERS = ['0', '-0', '30', '50', '1714557600.123456', '1714557600123', '1.5e9', '1E3', '-12', '0.1', '1e999', '404'];

function fuzzValue(r: () => number, depth: number): string {
  const x = r();
  if (x < 0.45) {
    const s = STRINGS[Math.floor(r() * STRINGS.length)];
    return r() < 0.1 ? '"' + [...s].map((ch) => (r() < 0.3 ? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0') : JSON.stringify(ch).slice(1, -1))).join('') + '"' : JSON.stringify(s);
  }
  if (x < 0.65) return NUMBERS[Math.floor(r() * NUMBERS.length)];
  if (x < 0.72) return ['true', 'false', 'null'][Math.floor(r() * 3)];
  if (depth > 2) return '1';
  if (x < 0.86) return fuzzObject(r, depth + 1, 3);
  return '[' + Array.from({ length: Math.floor(r() * 3) }, () => fuzzValue(r, depth + 1)).join(r() < 0.5 ? ',' : ' , ') + ']';
}

let KEYS: string[] = [];
function fuzzObject(r: () => number, depth: number, maxKeys: number): string {
  const n = Math.floor(r() * maxKeys) + (depth === 0 ? 1 : 0);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = r() < 0.8 ? KEYS[Math.floor(r() * KEYS.length)] : `k${Math.floor(r() * 20)}`;
    const sp = r() < 0.1 ? ' ' : '';
    parts.push(key.includes('.') && r() < 0.5 ? nested(key, r, depth) : `${JSON.stringify(key)}${sp}:${sp}${fuzzValue(r, depth)}`);
  }
  // Most top-level records carry a time and a message somewhere, as log records do.
  if (depth === 0 && r() < 0.85) {
    const at = (s: string) => parts.splice(Math.floor(r() * (parts.length + 1)), 0, s);
    at(`${JSON.stringify(TIME_KEYS[Math.floor(r() * TIME_KEYS.length)])}:${JSON.stringify(['2024-05-01T10:00:00.123Z', '2024-05-01 10:00:00,5', '1714557600123456'][Math.floor(r() * 3)])}`);
    at(`${JSON.stringify(MESSAGE_KEYS[Math.floor(r() * MESSAGE_KEYS.length)])}:${fuzzValue(r, 3)}`);
  }
  return '{' + parts.join(r() < 0.1 ? ', ' : ',') + '}';
}

/**
 * A dotted key written as nested objects, as a `"key":value` member: split at
 * a random dot and maybe again ("http.response.status_code" ->
 * "http":{"response.status_code":v} or "http":{"response":{"status_code":v}}),
 * sometimes with a sibling key beside it.
 */
function nested(key: string, r: () => number, depth: number): string {
  const parts = key.split('.');
  const cut = 1 + Math.floor(r() * (parts.length - 1));
  const head = parts.slice(0, cut).join('.');
  const rest = parts.slice(cut).join('.');
  const inner = rest.includes('.') && r() < 0.5 ? nested(rest, r, depth + 1) : `${JSON.stringify(rest)}:${fuzzValue(r, depth + 1)}`;
  const sibling = r() < 0.3 ? `,${JSON.stringify(KEYS[Math.floor(r() * KEYS.length)])}:${fuzzValue(r, depth + 2)}` : '';
  return `${JSON.stringify(head)}:{${r() < 0.5 ? inner + sibling : sibling.slice(1) + (sibling ? ',' : '') + inner}}`;
}

/** Ways a line stops being valid JSON (or becomes valid in a surprising way). */
function mutate(line: string, r: () => number): string {
  const i = Math.floor(r() * line.length);
  switch (Math.floor(r() * 9)) {
    case 0: return line.slice(0, i);
    case 1: return line + (r() < 0.5 ? ' x' : ',');
    case 2: return line.slice(0, i) + '\t' + line.slice(i);
    case 3: return line.slice(0, i) + '\\' + line.slice(i);
    case 4: return line.replace(/,"/, ',,"');
    case 5: return line.replace(/:(\d)/, ':0$1');
    case 6: return line.replace('}', ',}');
    case 7: return line.slice(0, i) + '\u0001' + line.slice(i);
    default: return line + '   ';
  }
}

describe('JSON-lines fast path', () => {
  it('reads the benchmark dialects (slog, zap, pino, logrus, zerolog, CLEF, ECS) exactly like JSON.parse, without falling back', () => {
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    let n = 0;
    for (const line of logLines(7)) {
      if (++n > 20000) break;
      if (line.startsWith('{')) check(line, tally);
    }
    expect(tally.fast).toBeGreaterThan(15000);
    // Only pino error lines with a nested `err` object and the like may need the full path.
    expect(tally.fallback / (tally.fast + tally.fallback)).toBeLessThan(0.05);
  });

  it('reads Docker json-file envelopes (JSON and text inside, stdout and stderr) like the full path', () => {
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    const r = rng(21);
    let n = 0;
    for (const line of logLines(5)) {
      if (++n > 4000) break;
      const time = new Date(Date.UTC(2024, 4, 1) + n * 1000).toISOString();
      const inner = r() < 0.15 ? ['goroutine 1 [running]:', '\tmain.main()', '  {"not":"closed"', 'plain text \u00e9', ''][Math.floor(r() * 5)] : line;
      const log = inner + (r() < 0.1 ? '\r\n' : '\n');
      const envelope: Record<string, unknown> = r() < 0.5 ? { log, stream: r() < 0.8 ? 'stdout' : 'stderr', time } : { time, stream: 'stdout', log };
      if (r() < 0.05) delete envelope.time;
      check(JSON.stringify(envelope), tally);
    }
    // Escapes the inner line is unescaped from: \u (BMP, a surrogate pair, a lone surrogate), \t, \/, and a leading space or BOM.
    for (const inner of ['{\\"time\\":\\"2024-05-01T00:00:00Z\\",\\"msg\\":\\"caf\\u00e9 \\ud83d\\ude00 \\u2603 a\\/b\\"}', ' {\\"ts\\":1714521600,\\"msg\\":\\"x\\"}', '{\\"ts\\":1714521600,\\"msg\\":\\"\\ud800\\"}', '\\ufeff{\\"ts\\":1714521600,\\"msg\\":\\"bom\\"}', 'tab\\there \\u00e9', '\\u00a0{\\"ts\\":1714521600,\\"msg\\":\\"nbsp\\"}',
      // Surrogate halves out of order or alone (only a high one right before a low one is a character), and inner records
      // with string values under keys nothing looks for, and a `log` of their own (read from the bytes the envelope's was unescaped into).
      '{\\"ts\\":1714521600,\\"msg\\":\\"\\ud83d\\u0041\\"}', '{\\"ts\\":1714521600,\\"msg\\":\\"\\ud83dx\\"}', '{\\"ts\\":1714521600,\\"msg\\":\\"\\ude00\\"}',
      '{\\"ts\\":1714521600,\\"msg\\":\\"\\ud83d\\ud83d\\ude00\\"}', '{\\"ts\\":1714521600,\\"msg\\":\\"end \\ud83d\\"}',
      '{\\"level\\":30,\\"ts\\":1714521600,\\"reqId\\":\\"req-348290\\",\\"user\\":\\"alice\\",\\"msg\\":\\"processed batch 290194\\"}',
      '{\\"level\\":50,\\"ts\\":1714521600,\\"log\\":\\"inner log text\\",\\"msg\\":\\"has a log key\\"}']) {
      check(`{"log":"${inner}\\n","stream":"stdout","time":"2024-05-01T00:00:01Z"}`, tally);
    }
    expect(tally.fast).toBeGreaterThan(3000);
  });

  it('reads GCP LogEntry records (jsonPayload, textPayload, resource labels) like the full path', () => {
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    const r = rng(33);
    const pickOf = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
    for (let i = 0; i < 6000; i++) {
      const time = new Date(Date.UTC(2024, 4, 1) + i * 997).toISOString();
      const payload: Record<string, unknown> = {};
      if (r() < 0.8) payload[pickOf(['message', 'msg', 'event', 'text'])] = pickOf(['renewing certificate', 'request failed', 'handled request', '', 'job 42 done']);
      if (r() < 0.3) payload[pickOf(['severity', 'level', 'log.level'])] = pickOf(['ERROR', 'info', 40, null]);
      if (r() < 0.3) payload[pickOf(['error', 'err', 'reason', 'cause'])] = pickOf(['EOF', 'context canceled', 503, null, { message: 'nested' }]);
      if (r() < 0.2) payload.timestamp = time;
      if (r() < 0.2) payload.logger = pickOf(['app.db', '']);
      if (r() < 0.2) payload.identifier = 'a.example.com';
      const entry: Record<string, unknown> = {};
      const add = (k: string, v: unknown) => {
        if (r() < 0.85) entry[k] = v;
      };
      add('insertId', `x${i}`);
      if (r() < 0.8) entry.jsonPayload = r() < 0.95 ? payload : 'not an object';
      else entry.textPayload = pickOf(['panic: boom', 'GET /x 200', '']);
      add('timestamp', time);
      add('severity', pickOf(['INFO', 'WARNING', 'ERROR', 'DEFAULT']));
      add('logName', 'projects/p/logs/app');
      if (r() < 0.5) entry.resource = { type: 'k8s_container', labels: r() < 0.7 ? { container_name: 'api', pod_name: 'api-1' } : { service_name: 'run' } };
      if (r() < 0.2) entry.error = pickOf(['upstream timeout', 7]);
      if (r() < 0.1) entry.labels = { app: 'x' };
      check(JSON.stringify(entry), tally);
    }
    expect(tally.fast).toBeGreaterThan(3000);
  });

  it('builds request lines ("handled request: GET /x 200") like the full path, and their bytes when every part is ASCII text', () => {
    const r = rng(5);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
    const methods = [undefined, 'GET', 'POST', 'g\u00e9t', 'g\\u00e9t', 'G\\"T', 7, true, null, ''];
    const paths = [undefined, '/api/items/881?page=2', '/caf\u00e9', '/caf\\u00e9', '/a\\\\b', '/a\\/b', 12, '', 'relative/path', '/with space'];
    const statuses = [undefined, 200, 503, '404', '5x3', 200.5, 0];
    const flags = [undefined, '-', 'UF,URX', 'U\u00c9', 'U\\u00c9', 3, ''];
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    for (let i = 0; i < 4000; i++) {
      const member = (k: string, v: unknown) => (v === undefined ? [] : [`${JSON.stringify(k)}:${typeof v === 'string' ? `"${v}"` : JSON.stringify(v)}`]);
      const method = pick(methods);
      const path = pick(paths);
      const inRequest = r() < 0.7;
      const request = [...member('method', method), ...member(pick(['uri', 'path', 'url']), path)];
      const fields = [
        '"level":"info"', '"ts":1714521600.5', `"msg":"${pick(['handled request', 'received request'])}"`,
        ...(inRequest ? [`"request":{${request.join(',')}}`] : request),
        ...member('status', pick(statuses)), ...member('response_flags', pick(flags)),
      ];
      check(`{${fields.join(',')}}`, tally);
    }
    expect(tally.fast).toBeGreaterThan(2000);
    expect(tally.withBytes).toBeGreaterThan(300);
    expect(tally.withBytes).toBeLessThan(tally.fast);
  });

  it('agrees with JSON.parse on every JSON line of the corpus and the fixtures', () => {
    const lines = corpusLines();
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    for (const l of lines) check(l, tally);
    if (lines.length > 0) expect(tally.fast).toBeGreaterThan(0);
  });

  it('agrees on fuzzed records using every mapped key, odd values, escapes and duplicates', () => {
    KEYS = mappedKeys();
    expect(KEYS).toContain('msg');
    expect(KEYS).toContain('log.level');
    const r = rng(42);
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    for (let i = 0; i < 30000; i++) {
      const line = fuzzObject(r, 0, 8);
      if (process.env.SHOW_FUZZ && i < 40) console.log(line);
      check(line, tally);
    }
    expect(tally.fast).toBeGreaterThan(3000);
  });

  it('reads each key as written when the line before had another key in its place (keys are guessed from the line before)', () => {
    KEYS = mappedKeys();
    const r = rng(5);
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    // Near misses of a key: one byte longer, shorter or different, escaped, non-ASCII, quoted at the guessed length.
    const variants = (k: string): string[] => [k + 'x', k.slice(0, -1), k.slice(0, -1) + (k.endsWith('a') ? 'b' : 'a'), '\\u' + k.charCodeAt(0).toString(16).padStart(4, '0') + k.slice(1), k + 'é', 'é' + k.slice(1), k + '\\"'];
    let renamed = 0;
    for (let i = 0; i < 3000; i++) {
      const line = fuzzObject(r, 0, 8);
      const keys = [...line.matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => m[1]).filter((k) => k.length > 1);
      if (keys.length === 0) continue;
      const key = keys[Math.floor(r() * keys.length)];
      for (const v of variants(key)) {
        check(line, tally); // primes the guesses with this line's keys
        const other = line.replace(`"${key}":`, `"${v}":`);
        let valid = true;
        try {
          JSON.parse(other);
        } catch {
          valid = false;
        }
        if (valid) check(other, tally);
        else expect({ other, type: parseJsonFast(other, newRecordOut(), env()) }).toEqual({ other, type: FAST_FALLBACK });
        renamed++;
      }
      // The same keys in another order: each position's guess is wrong.
      check(line, tally);
      const members = line.slice(1, -1);
      if (!members.includes('{') && !members.includes('[')) check('{' + members.split(',').reverse().join(',') + '}', tally);
    }
    expect(renamed).toBeGreaterThan(10000);
    expect(tally.fast).toBeGreaterThan(3000);
  });

  it('never accepts a line JSON.parse rejects, and agrees on mutated lines it accepts', () => {
    KEYS = mappedKeys();
    const r = rng(9);
    const tally: Tally = { fast: 0, fallback: 0, withBytes: 0 };
    let invalid = 0;
    let n = 0;
    const lines: string[] = [];
    for (const line of logLines(11)) {
      if (++n > 5000) break;
      if (line.startsWith('{')) lines.push(line);
    }
    for (let i = 0; i < 20000; i++) lines.push(fuzzObject(r, 0, 6));
    for (const line of lines) {
      const bad = mutate(line, r);
      let valid = true;
      try {
        JSON.parse(bad);
      } catch {
        valid = false;
      }
      if (!bad.startsWith('{')) continue;
      // The good line first: the bad one's keys are then guessed from it, and a guess must not hide the damage.
      parseJsonFast(line, newRecordOut(), env());
      if (!valid) {
        invalid++;
        expect({ bad, type: parseJsonFast(bad, newRecordOut(), env()) }).toEqual({ bad, type: FAST_FALLBACK });
      } else check(bad, tally);
    }
    expect(invalid).toBeGreaterThan(10000);
  });
});
