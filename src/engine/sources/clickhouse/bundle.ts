// A pulled window as one file the app and `timberline analyze` open like any
// other: JSON lines whose first line is the manifest (where the window came
// from, without host or credentials unless asked for; the server's density
// counts, which the gaps are judged from; the SQL that was sent), then the
// pulled records, each naming its service. Opening it splits the records back
// into one lane per service, as the pull itself does, so a bundle gives the
// same findings as the live pull.

import { iterate, bytesSource, type ByteSource } from '../../ingest/byte-source.ts';
import type { SessionSource } from '../../session/session.ts';
import { narrowProvenance, type Provenance } from './provenance.ts';
import type { Density, DensityBucket, PulledFile } from './pull.ts';
import { fileNameFor } from './rows.ts';

/** The manifest line's marker: a record no log shipper writes. */
export const BUNDLE_KEY = 'timberline-bundle';
export const BUNDLE_VERSION = 1;

export interface BundleManifest {
  provenance: Provenance;
  density: Density;
  /** Rows the server returned for this bundle (all steps). */
  rowsFetched: number;
  truncated: boolean;
  queries: string[];
}

/** The bundle's text: manifest line, then every pulled record (they already name their service). */
export function writeBundle(m: BundleManifest, files: readonly PulledFile[]): string {
  const head = JSON.stringify({ [BUNDLE_KEY]: BUNDLE_VERSION, ...m });
  return [head, ...files.map((f) => f.text.replace(/\n$/, ''))].filter(Boolean).join('\n') + '\n';
}

function narrowDensity(v: unknown): Density | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (typeof o.bucketMs !== 'number' || !Array.isArray(o.buckets)) return null;
  const buckets: DensityBucket[] = [];
  for (const b of o.buckets as unknown[]) {
    if (typeof b !== 'object' || b === null) continue;
    const r = b as Record<string, unknown>;
    if (typeof r.source !== 'string' || typeof r.bucket !== 'number' || typeof r.n !== 'number') continue;
    const count = (k: string) => (typeof r[k] === 'number' && Number.isFinite(r[k]) ? (r[k] as number) : 0);
    buckets.push({ source: r.source, bucket: r.bucket, n: r.n, errors: count('errors'), warnings: count('warnings') });
  }
  return { bucketMs: o.bucketMs, buckets, total: buckets.reduce((s, b) => s + b.n, 0) };
}

/** The manifest of a bundle's first line, or null when the line is not one. */
export function parseManifest(line: string): BundleManifest | null {
  if (!line.startsWith('{"' + BUNDLE_KEY + '"')) return null;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const provenance = narrowProvenance(o.provenance);
  const density = narrowDensity(o.density);
  if (o[BUNDLE_KEY] !== BUNDLE_VERSION || !provenance || !density) return null;
  return {
    provenance, density, rowsFetched: typeof o.rowsFetched === 'number' ? o.rowsFetched : 0, truncated: o.truncated === true,
    queries: Array.isArray(o.queries) ? o.queries.filter((q): q is string => typeof q === 'string') : [],
  };
}

async function readAll(s: ByteSource): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of iterate(s.stream())) parts.push(c);
  return new TextDecoder().decode(await new Blob(parts as BlobPart[]).arrayBuffer());
}

async function firstLine(s: ByteSource): Promise<string> {
  const dec = new TextDecoder();
  let head = '';
  for await (const c of iterate(s.stream())) {
    head += dec.decode(c, { stream: true });
    if (head.includes('\n') || head.length > 1 << 22) break;
  }
  const nl = head.indexOf('\n');
  return nl >= 0 ? head.slice(0, nl) : head;
}

export interface Unpacked {
  sources: SessionSource[];
  /** Density of every bundle opened (null: none was a bundle). */
  density: Density | null;
  manifests: BundleManifest[];
}

/** Records of a bundle split back into one file per service. */
function splitRecords(lines: readonly string[]): SessionSource[] {
  const by = new Map<string, string[]>();
  for (const line of lines) {
    if (!line) continue;
    const svc = /"service":("(?:[^"\\]|\\.)*")/.exec(line);
    let name = '';
    try {
      name = svc ? String(JSON.parse(svc[1])) : '';
    } catch {
      name = '';
    }
    let list = by.get(name);
    if (!list) by.set(name, (list = []));
    list.push(line);
  }
  return [...by.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([s, l]) => bytesSource(fileNameFor(s), l.join('\n') + '\n'));
}

/** Bundles among the sources become their per-service files; other sources pass through unread. */
export async function unpackBundles(sources: readonly SessionSource[]): Promise<Unpacked> {
  const out: SessionSource[] = [];
  const manifests: BundleManifest[] = [];
  for (const s of sources) {
    const m = s.size > 0 && /\.jsonl?$/i.test(s.name) ? parseManifest(await firstLine(s)) : null;
    if (!m) {
      out.push(s);
      continue;
    }
    manifests.push(m);
    const lines = (await readAll(s)).split('\n');
    out.push(...splitRecords(lines.slice(1)));
  }
  if (manifests.length === 0) return { sources: out, density: null, manifests };
  const bucketMs = manifests[0].density.bucketMs;
  const buckets = manifests.flatMap((m) => (m.density.bucketMs === bucketMs ? m.density.buckets : []));
  return { sources: out, density: { bucketMs, buckets, total: buckets.reduce((n, b) => n + b.n, 0) }, manifests };
}
