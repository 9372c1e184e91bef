// The filtered view for components: subscribes to exactly the inputs the
// filter depends on and returns the cached result (derived.ts), so the log
// list and the lane labels agree on what passes.

import { filterResult, type FilterResult } from './derived.ts';
import { useStore } from './store.ts';

export function useFilterInputs() {
  const levels = useStore((s) => s.levels);
  const kinds = useStore((s) => s.kinds);
  const sources = useStore((s) => s.sources);
  const templates = useStore((s) => s.templates);
  const text = useStore((s) => s.text);
  const searchQuery = useStore((s) => s.searchQuery);
  const searchVersion = useStore((s) => s.searchVersion);
  const laneMode = useStore((s) => s.laneMode);
  const dataVersion = useStore((s) => s.dataVersion);
  return { levels, kinds, sources, templates, text, searchQuery, searchVersion, laneMode, dataVersion };
}

export function useFilterResult(): FilterResult {
  return filterResult(useFilterInputs());
}
