// Open a bundled sample (menu, empty state, or ?sample=<id> at start-up).

import { useStore } from '../../store/store.ts';
import { setSampleParam } from '../url-state.ts';
import { loadFiles } from './loader.ts';
import { fetchSampleFiles, sampleIndex, type SampleInfo } from './samples.ts';

export async function loadSample(s: SampleInfo): Promise<void> {
  try {
    useStore.getState().setLoading({ bytes: 0, totalBytes: 0, lines: 0, events: 0, elapsedMs: 0, fileName: s.title });
    const files = await fetchSampleFiles(s);
    setSampleParam(s.id);
    await loadFiles(files, `Sample: ${s.title}`);
  } catch (e) {
    useStore.getState().setLoadError(`Could not open the sample: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadSampleById(id: string): Promise<void> {
  const s = (await sampleIndex()).find((x) => x.id === id);
  if (s) await loadSample(s);
  else useStore.getState().setLoadError(`There is no sample called "${id}".`);
}
