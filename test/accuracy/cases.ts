// The accuracy corpus on disk (test/incidents/): each case's verdict, read and
// checked against the format the README fixes, and the split into halves.
// Shared by the runner, the split procedure and the vitest guard so that all
// three read a case the same way.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILIES, type Family } from '../../src/engine/rules/types.ts';

export const INCIDENTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../incidents');
export const CASES_DIR = join(INCIDENTS_DIR, 'cases');
export const SPLIT_FILE = join(INCIDENTS_DIR, 'split.json');
export const SCORES_FILE = join(INCIDENTS_DIR, 'scores.json');

export type Half = 'tuning' | 'checking';

export interface Verdict {
  kind: 'incident' | 'healthy';
  family?: Family;
  alsoAccept?: Family[];
  /** Epoch ms, only when the log's zone is known. */
  window?: { start: number; end: number };
  why: string;
}

export interface Case {
  id: string;
  dir: string;
  /** The excerpt: log.txt, or the one file whose name starts with "log.". */
  logPath: string;
  verdict: Verdict;
}

export interface Split {
  seed: number;
  tuning: string[];
  checking: string[];
}

export interface Scores {
  tuning: number;
  checking: number;
  tuningRight: number;
  checkingRight: number;
  healthyWarnings: number;
}

const isFamily = (v: unknown): v is Family => typeof v === 'string' && (FAMILIES as readonly string[]).includes(v);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseTime(v: unknown, where: string): number {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms) || typeof v !== 'string' || !/(Z|[+-]\d\d:\d\d)$/.test(v)) {
    throw new Error(`${where}: window times must be ISO 8601 with a zone, got ${JSON.stringify(v)}`);
  }
  return ms;
}

/** Reads expected.json as `unknown` and narrows it; any deviation from the README's format is an error naming the case. */
export function parseVerdict(json: unknown, id: string): Verdict {
  if (!isObject(json)) throw new Error(`${id}: expected.json is not an object`);
  const { kind, family, alsoAccept, window, why } = json;
  if (typeof why !== 'string' || !why.trim()) throw new Error(`${id}: "why" is required`);
  if (kind === 'healthy') {
    if (family !== undefined || alsoAccept !== undefined || window !== undefined) throw new Error(`${id}: a healthy case has no family, alsoAccept or window`);
    return { kind, why };
  }
  if (kind !== 'incident') throw new Error(`${id}: kind must be "incident" or "healthy"`);
  if (!isFamily(family)) throw new Error(`${id}: family ${JSON.stringify(family)} is not one of FAMILIES`);
  const verdict: Verdict = { kind, family, why };
  if (alsoAccept !== undefined) {
    if (!Array.isArray(alsoAccept) || !alsoAccept.every(isFamily)) throw new Error(`${id}: alsoAccept must list FAMILIES`);
    verdict.alsoAccept = alsoAccept;
  }
  if (window !== undefined) {
    if (!isObject(window)) throw new Error(`${id}: window must be { start, end }`);
    const start = parseTime(window.start, id);
    const end = parseTime(window.end, id);
    if (end < start) throw new Error(`${id}: window ends before it starts`);
    verdict.window = { start, end };
  }
  return verdict;
}

function logFile(dir: string, id: string): string {
  const names = readdirSync(dir).filter((n) => n === 'log.txt' || /^log\.[a-z0-9.]+$/.test(n));
  if (names.length !== 1) throw new Error(`${id}: needs exactly one log file (log.txt or log.<ext>), found ${names.length}`);
  return join(dir, names[0]);
}

/** Every case under cases/, in id order. */
export function loadCases(): Case[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((id) => {
      const dir = join(CASES_DIR, id);
      if (!existsSync(join(dir, 'source.txt'))) throw new Error(`${id}: source.txt is missing`);
      const verdict = parseVerdict(JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as unknown, id);
      return { id, dir, logPath: logFile(dir, id), verdict };
    });
}

export function readSplit(): Split | null {
  if (!existsSync(SPLIT_FILE)) return null;
  const json = JSON.parse(readFileSync(SPLIT_FILE, 'utf8')) as unknown;
  if (!isObject(json) || typeof json.seed !== 'number') throw new Error('split.json: needs a numeric seed');
  const ids = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : null);
  const tuning = ids(json.tuning);
  const checking = ids(json.checking);
  if (!tuning || !checking) throw new Error('split.json: tuning and checking must be lists of case ids');
  return { seed: json.seed, tuning, checking };
}

export function readScores(): Scores {
  const json = JSON.parse(readFileSync(SCORES_FILE, 'utf8')) as unknown;
  if (!isObject(json)) throw new Error('scores.json is not an object');
  const num = (v: unknown, k: string) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`scores.json: ${k} must be a number`);
    return v;
  };
  return {
    tuning: num(json.tuning, 'tuning'),
    checking: num(json.checking, 'checking'),
    tuningRight: num(json.tuningRight, 'tuningRight'),
    checkingRight: num(json.checkingRight, 'checkingRight'),
    healthyWarnings: num(json.healthyWarnings, 'healthyWarnings'),
  };
}

export function halfOf(split: Split, id: string): Half | null {
  if (split.tuning.includes(id)) return 'tuning';
  if (split.checking.includes(id)) return 'checking';
  return null;
}
