// The `?` list and the key handler are one table: every key it lists changes
// what the user sees on a loaded incident (the reload-stall sample), and a
// key that is not in the table does nothing. `/` (focus the filter box) needs
// a page and is checked by the keyboard-only end-to-end test.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EngineSession } from '../../src/engine/session/session.ts';
import { bytesSource } from '../../src/engine/ingest/byte-source.ts';
import { getDataset, setDataset } from '../../src/store/dataset.ts';
import { useStore } from '../../src/store/store.ts';
import { KEY_BINDINGS, keyName, runKey } from '../../src/app/key-bindings.ts';
import { Level } from '../../src/engine/model/levels.ts';

const SAMPLE = new URL('../../public/samples/reload-stall/', import.meta.url);

function seen() {
  const s = useStore.getState();
  return JSON.stringify({
    window: s.window,
    row: s.selectedRow,
    mark: s.selectedMark,
    finding: s.selectedFinding,
    reference: s.reference,
    range: s.range,
    dialogs: [s.helpOpen, s.vocabularyOpen, s.rulesOpen],
  });
}

const MARK_KEYS = new Set(['m', 'shift+m', 'arrowleft', 'arrowright', 'enter']);

/**
 * A busy view every key can act on: zoomed in, a range brushed, no dialog
 * open, and selected the middle error event (or, for the mark keys, the
 * middle mark in time), so there is a next and a previous one.
 */
function busyView(key = ''): void {
  const s = useStore.getState();
  const d = getDataset();
  const [lo, hi] = s.limits;
  const span = hi - lo;
  s.setHelpOpen(false);
  s.setVocabularyOpen(false);
  s.setRulesOpen(false);
  s.clearSelection();
  s.setWindow(lo + span * 0.45, lo + span * 0.5);
  s.setRange([lo + span * 0.46, lo + span * 0.47]);
  s.setReference(null);
  if (MARK_KEYS.has(key)) {
    const order = d.marks.map((m, i) => [m.start, i]).sort((a, b) => a[0] - b[0]);
    s.selectMark(order[Math.floor(order.length / 2)][1]);
  } else {
    const errors = [...d.table.level.keys()].filter((r) => d.table.level[r] >= Level.error);
    s.selectRow(errors[Math.floor(errors.length / 2)]);
  }
}

beforeAll(async () => {
  const session = new EngineSession();
  const read = (name: string) => bytesSource(name, new Uint8Array(readFileSync(new URL(name, SAMPLE))));
  const summary = await session.load([read('centauri.log'), read('access.log')]);
  const ds = setDataset({ table: summary.table, files: summary.files, templates: summary.templates, marks: summary.analysis.marks, findings: summary.analysis.findings });
  const s = useStore.getState();
  s.setDataExtent(ds.extent, null);
  s.setLoaded(ds.version, summary.files, 'reload-stall', {});
  expect(ds.findings.length).toBeGreaterThan(0);
  expect(ds.marks.length).toBeGreaterThan(2);
  expect([...ds.table.level].filter((l) => l >= Level.error).length).toBeGreaterThan(2);
});

describe('the key table', () => {
  const keyed = KEY_BINDINGS.flatMap((b) => b.keys.filter((k) => k !== '/').map((k) => ({ b, k })));

  it.each(keyed.map(({ b, k }) => [b.label, k, b.scope] as const))('%s: "%s" changes the view', (_label, key, scope) => {
    busyView(key);
    const before = seen();
    expect(runKey(key, scope === 'canvas')).toBe(true);
    expect(seen()).not.toBe(before);
  });

  it('lists every key it handles, and only table keys do anything', () => {
    const listed = new Set(KEY_BINDINGS.flatMap((b) => b.keys));
    for (const k of 'abcdefghijklmnopqrstuvwxyz0123456789'.split('').flatMap((c) => [c, `shift+${c}`])) {
      busyView(k);
      const before = seen();
      const handled = runKey(k, false) || runKey(k, true);
      expect({ k, handled, changed: seen() !== before }).toEqual({ k, handled: listed.has(k), changed: listed.has(k) });
    }
    // Every binding the handler runs has a line in the list; pointer and widget lines name no keys here.
    for (const b of KEY_BINDINGS) {
      expect(b.label.length).toBeGreaterThan(0);
      expect(b.does.length).toBeGreaterThan(0);
      expect(b.run !== undefined).toBe(b.keys.length > 0);
    }
  });

  it('names Shift+letter apart from the letter', () => {
    expect(keyName({ key: 'E', shiftKey: true })).toBe('shift+e');
    expect(keyName({ key: 'e', shiftKey: false })).toBe('e');
    expect(keyName({ key: '?', shiftKey: true })).toBe('?');
    expect(keyName({ key: 'ArrowRight', shiftKey: false })).toBe('arrowright');
  });
});
