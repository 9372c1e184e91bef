// The incident sets the browser tests drop: every bundled sample (from
// public/samples/index.json), a small fixture set while no samples exist, and
// any extra logs named in TIMBERLINE_E2E_LOGS (comma-separated paths; several
// files of one set joined with '+'), so the same checks run on logs the
// suite has never seen. For each set the expected findings come from the
// engine itself, run in Node on the same files: the page must show what the
// engine finds.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ingestSources } from '../../../src/engine/ingest/ingest.ts';
import { analyze } from '../../../src/engine/analysis/analyze.ts';
import { fileSource } from '../../../src/cli/node-source.ts';
import { ROOT } from './browser.ts';

export interface IncidentSet {
  id: string;
  title: string;
  paths: string[];
}

const FIXTURE_DIR = resolve(ROOT, 'test/fixtures/e2e');

export function sampleSets(): IncidentSet[] {
  const index = resolve(ROOT, 'public/samples/index.json');
  if (!existsSync(index)) return [];
  const list = JSON.parse(readFileSync(index, 'utf8')) as unknown;
  if (!Array.isArray(list)) return [];
  return list.flatMap((s: unknown) => {
    const o = s as { id?: unknown; title?: unknown; files?: unknown };
    if (typeof o.id !== 'string' || !Array.isArray(o.files)) return [];
    const paths = (o.files as unknown[]).filter((f): f is string => typeof f === 'string').map((f) => resolve(ROOT, 'public/samples', o.id as string, f));
    return [{ id: o.id, title: typeof o.title === 'string' ? o.title : o.id, paths }];
  });
}

export function fixtureSet(): IncidentSet {
  return {
    id: 'fixture-stall',
    title: 'Fixture: stall after reload',
    paths: ['proxy.jsonl', 'worker.log.gz', 'db-local-time.log'].map((f) => resolve(FIXTURE_DIR, f)),
  };
}

export function extraSets(): IncidentSet[] {
  const env = process.env.TIMBERLINE_E2E_LOGS;
  if (!env) return [];
  return env.split(',').filter(Boolean).map((group, i) => ({ id: `extra-${i + 1}`, title: group, paths: group.split('+').map((p) => resolve(p)) }));
}

/** Every set the suite checks: samples (or the fixture while there are none), then extras. */
export function incidentSets(): IncidentSet[] {
  const samples = sampleSets();
  return [...(samples.length ? samples : [fixtureSet()]), ...extraSets()];
}

export interface Expected {
  /** "severity:rule" of every finding, sorted. */
  findings: string[];
  files: string[];
  events: number;
}

export async function expectedFor(set: IncidentSet): Promise<Expected> {
  const sources = await Promise.all(set.paths.map((p) => fileSource(p)));
  const result = await ingestSources(sources);
  const { findings } = analyze(result);
  return {
    findings: findings.map((f) => `${f.severity}:${f.rule}`).sort(),
    files: result.files.map((f) => f.name),
    events: result.table.length,
  };
}
