// The bundled sample incidents (public/samples/index.json). Fetched relative
// to the page, so the app works when served from any sub-path. The manifest
// is parsed as unknown and narrowed: it is data, even if it is ours.

import type { DroppedFile } from '../../bridge/engine-client.ts';

export interface SampleInfo {
  id: string;
  title: string;
  description: string;
  files: string[];
}

const SAFE_NAME = /^[A-Za-z0-9._-]+$/;

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export function parseSampleIndex(json: unknown): SampleInfo[] {
  if (!Array.isArray(json)) return [];
  const out: SampleInfo[] = [];
  for (const item of json as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as Record<string, unknown>;
    const { id, title, description, files } = o;
    if (typeof id !== 'string' || !SAFE_NAME.test(id) || !isStringArray(files)) continue;
    out.push({
      id,
      title: typeof title === 'string' ? title : id,
      description: typeof description === 'string' ? description : '',
      // Only plain file names inside the sample's folder.
      files: files.filter((f) => SAFE_NAME.test(f)),
    });
  }
  return out;
}

function samplesBase(): URL {
  return new URL('samples/', document.baseURI);
}

let index: Promise<SampleInfo[]> | null = null;

export function sampleIndex(): Promise<SampleInfo[]> {
  if (!index) {
    index = fetch(new URL('index.json', samplesBase()))
      .then((r) => (r.ok ? r.json() : []))
      .then((j: unknown) => parseSampleIndex(j))
      .catch(() => []);
  }
  return index;
}

export async function fetchSampleFiles(s: SampleInfo): Promise<DroppedFile[]> {
  const base = new URL(`${s.id}/`, samplesBase());
  return Promise.all(
    s.files.map(async (name) => {
      const r = await fetch(new URL(name, base));
      if (!r.ok) throw new Error(`sample file ${name}: HTTP ${r.status}`);
      const blob = await r.blob();
      return { name, blob, lastModified: Date.now() };
    }),
  );
}
