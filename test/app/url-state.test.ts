// The view in the query string: parsed strictly (it is untrusted), and written back so that
// parsing what was written gives the same view.
import { describe, expect, it } from 'vitest';
import { parseUrlView, viewToSearch } from '../../src/app/url-state.ts';
import { parseSampleIndex } from '../../src/app/load/samples.ts';
import { useStore } from '../../src/store/store.ts';

describe('URL view', () => {
  it('reads window, finding, filters, zone and grouping', () => {
    const v = parseUrlView('?from=2024-05-14T02:12:00.000Z&to=2024-05-14T02:14:00.000Z&finding=stall-after-reload&q=%2Fupstream%2F&level=warn,error,bogus&kind=crash&source=file%3Aa.log&source=file%3Ab.log&tz=local&lanes=logger');
    expect(v.window).toEqual([Date.parse('2024-05-14T02:12:00.000Z'), Date.parse('2024-05-14T02:14:00.000Z')]);
    expect(v.finding).toBe('stall-after-reload');
    expect(v.text).toBe('/upstream/');
    expect(v.levels).toEqual(['warn', 'error']);
    expect(v.kinds).toEqual(['crash']);
    expect(v.sources).toEqual(['file:a.log', 'file:b.log']);
    expect(v.tz).toBe('local');
    expect(v.lanes).toBe('logger');
  });

  it('ignores nonsense: reversed windows, unknown values, absurd lengths', () => {
    const v = parseUrlView(`?from=2024-05-14T03:00:00Z&to=2024-05-14T02:00:00Z&tz=mars&lanes=<img>&q=${'x'.repeat(5000)}`);
    expect(v.window).toBeUndefined();
    expect(v.tz).toBeUndefined();
    expect(v.lanes).toBeUndefined();
    expect(v.text).toBeUndefined();
  });

  it('writes what it reads, keeps unrelated parameters and never touches the fragment', () => {
    useStore.setState({ dataVersion: 1, window: [1000, 61000], text: 'a b', levels: ['error'], kinds: [], sources: ['file:x y.log'], timeZone: 'local', laneMode: 'file', selectedFinding: null });
    const search = viewToSearch(useStore.getState(), '?sample=crash&from=1');
    const p = new URLSearchParams(search);
    expect(p.get('sample')).toBe('crash');
    const back = parseUrlView(search);
    expect(back.window).toEqual([1000, 61000]);
    expect(back.text).toBe('a b');
    expect(back.sources).toEqual(['file:x y.log']);
    expect(search).not.toContain('#');
  });

  it('carries the pattern filter (template ids) and ignores anything but small integers', () => {
    useStore.setState({ dataVersion: 1, window: [1000, 61000], templates: [3, 17] });
    const search = viewToSearch(useStore.getState(), '');
    expect(new URLSearchParams(search).get('tpl')).toBe('3,17');
    expect(parseUrlView(search).templates).toEqual([3, 17]);
    expect(parseUrlView('?tpl=-1,1e3,__proto__,4').templates).toEqual([4]);
    expect(parseUrlView('?tpl=x').templates).toBeUndefined();
    useStore.setState({ templates: [] });
  });
});

describe('log-list columns in the URL', () => {
  it('writes the chosen columns in order and reads them back, names with commas and markup as they are', () => {
    useStore.setState({ dataVersion: 1, window: [1000, 61000] });
    useStore.getState().setColumns(['status', 'http.host', 'a,b', '<img src=x>']);
    const search = viewToSearch(useStore.getState(), '?sample=crash');
    expect(new URLSearchParams(search).getAll('col')).toEqual(['status', 'http.host', 'a,b', '<img src=x>']);
    expect(parseUrlView(search).columns).toEqual(['status', 'http.host', 'a,b', '<img src=x>']);
    useStore.getState().setColumns([]);
    expect(new URLSearchParams(viewToSearch(useStore.getState(), search)).has('col')).toBe(false);
  });

  it('drops empty, repeated and overlong names and keeps at most eight columns', () => {
    const many = Array.from({ length: 12 }, (_, i) => `col=f${i}`).join('&');
    expect(parseUrlView(`?col=&col=status&col=status&col=${'x'.repeat(201)}&${many}`).columns).toEqual(['status', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect(parseUrlView('?col=').columns).toBeUndefined();
  });

  it('toggles a column on and off from the store', () => {
    const st = useStore.getState();
    st.setColumns([]);
    st.toggleColumn('method');
    st.toggleColumn('status');
    expect(useStore.getState().columns).toEqual(['method', 'status']);
    useStore.getState().toggleColumn('method');
    expect(useStore.getState().columns).toEqual(['status']);
    useStore.getState().setColumns([]);
  });
});

describe('sample manifest', () => {
  it('keeps well-formed entries and refuses paths that leave the samples folder', () => {
    const list = parseSampleIndex([
      { id: 'crash', title: 'Crash', description: 'd', files: ['a.log', '../../etc/passwd', 'b.log.gz'] },
      { id: '../x', title: 'bad', files: [] },
      { id: '__proto__', files: 'nope' },
      null,
    ]);
    expect(list).toEqual([{ id: 'crash', title: 'Crash', description: 'd', files: ['a.log', 'b.log.gz'] }]);
    expect(parseSampleIndex({ not: 'a list' })).toEqual([]);
  });
});
