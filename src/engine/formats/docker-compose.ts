// `docker compose logs` / `docker-compose up` output (and other source prefixes, see PREFIX): every line is prefixed
// with its service ("web-1  | ...", colours stripped), also with
// `--timestamps` ("web-1  | 2024-04-25T05:32:35.584725130Z ..."). The service
// becomes the logger (a lane per service); what follows the bar is read as
// JSON when it is JSON, else by the text runner like any plain line.
// https://docs.docker.com/reference/cli/docker/compose/logs/

import { levelFromWord } from '../model/levels.ts';
import { parseIsoAt } from '../model/time.ts';
import { isObject, mapJsonRecord } from './json-record.ts';
import { stripAnsi } from './text-line.ts';
import { LineType, type LineTypeCode, type LogFormat, type ParseEnv, type RecordOut } from './types.ts';

/**
 * "name  | rest": a service name (letter first, no spaces), padding, a bar.
 * Two more prefixes name a line's source the same way and are read alike:
 * Habitat's supervisor ("redis.default(O): rest", O or E for the stream,
 * "hab-sup(MR): rest" for its own lines) and
 * a syslog ident without its time and host ("docker[1001]: rest", as
 * journald's message column is pasted).
 */
const PREFIX = /^(?:([A-Za-z][\w.@-]{0,62}) *\| ?|([A-Za-z][\w.@-]{0,62})\([A-Z]{1,2}\): ?|([A-Za-z][\w.@/-]{0,62})\[\d{1,10}\]: ?)/;

/** Compose's own line when a container stops: it belongs to that service's lane. */
const EXITED = /^([A-Za-z][\w.@-]{0,62}) exited with code \d+/;

/**
 * A process manager's prefix inside a container's output: forego, honcho and
 * foreman run several programs in one container and prefix each line the
 * same way ("proxy_1  | nginx.1     | 2021/12/24 09:51:03 [notice] ...").
 */
const INNER = /^([A-Za-z][\w.@-]{0,62}) *\| ?/;

/**
 * The service, the process inside it (a process manager's prefix, else '')
 * and the text after the bars, or null when the line has no compose prefix.
 */
export function splitCompose(line: string): { service: string; process: string; rest: string } | null {
  const s = stripAnsi(line);
  const m = PREFIX.exec(s);
  if (!m) return null;
  const service = m[1] ?? m[2] ?? m[3];
  if (levelFromWord(service)) return null; // "INFO | msg" is a level column, not a service
  const rest = s.slice(m[0].length);
  const inner = m[1] !== undefined ? INNER.exec(rest) : null;
  if (inner && !levelFromWord(inner[1])) return { service, process: inner[1], rest: rest.slice(inner[0].length) };
  return { service, process: '', rest };
}

function parseComposeLine(line: string, out: RecordOut, env: ParseEnv): LineTypeCode {
  if (line.trim().length === 0) return LineType.blank;
  const split = splitCompose(line);
  if (!split) {
    out.text = line; // "Attaching to web-1", "web-1 exited with code 0"
    const exited = EXITED.exec(line);
    if (exited) out.logger = exited[1];
    return LineType.text;
  }
  const { service, rest } = split;
  if (rest.trim().length === 0) return LineType.blank;
  if (rest.charCodeAt(0) === 123) {
    try {
      const v: unknown = JSON.parse(rest);
      if (isObject(v)) {
        const type = mapJsonRecord(v, out, env);
        out.logger = service;
        return type;
      }
    } catch {
      // text that starts with "{"
    }
  }
  out.logger = service;
  out.text = rest;
  // `--timestamps`: Docker's own RFC 3339 time, then one space, then the line as the app wrote it
  // (kept as is, so an indented stack frame still continues its event).
  if (isDigit(rest.charCodeAt(0)) && rest.charCodeAt(10) === 84) {
    const sp = rest.indexOf(' ');
    if (sp > 0 && parseIsoAt(rest.slice(0, sp), 0, env.time) && env.time.zoned) {
      out.tMs = env.time.ms;
      out.subNs = env.time.subNs;
      out.zoned = true;
      out.text = rest.slice(sp + 1);
      if (out.text.trim().length === 0) return LineType.blank;
    }
  }
  return LineType.text;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export const dockerComposeFormat: LogFormat = {
  id: 'docker-compose',
  label: 'source-prefixed lines (docker compose, Habitat, ident[pid])',
  splittable: true,
  detect(_name, lines) {
    let hits = 0;
    let nonBlank = 0;
    const services = new Set<string>();
    for (const l of lines) {
      if (!l.trim()) continue;
      nonBlank++;
      const s = splitCompose(l);
      if (s) {
        hits++;
        services.add(s.service);
      }
    }
    if (nonBlank === 0 || hits / nonBlank < 0.6 || services.size > Math.max(3, hits / 2)) return 0;
    return 0.6 + 0.35 * (hits / nonBlank);
  },
  createParser(env) {
    return { parseLine: (line, out) => parseComposeLine(line, out, env) };
  },
  fields(raw) {
    const split = splitCompose(raw.split('\n')[0]);
    if (!split) return { raw };
    try {
      const v: unknown = JSON.parse(split.rest);
      if (isObject(v)) return { service: split.service, ...(split.process ? { process: split.process } : {}), ...v };
    } catch {
      // plain text
    }
    return { service: split.service, ...(split.process ? { process: split.process } : {}), text: split.rest };
  },
};
