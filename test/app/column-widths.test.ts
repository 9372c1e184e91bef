// Dragged column widths: kept by field name in a Map (field names come from the
// log, so "__proto__" is just a name), within bounds, and removed on reset.
import { describe, expect, it } from 'vitest';
import { useStore } from '../../src/store/store.ts';
import { MAX_COLUMN_PX, MIN_COLUMN_PX } from '../../src/store/column-slice.ts';
import { columnCss } from '../../src/app/log/list-columns.ts';

describe('column widths', () => {
  it('keeps each dragged width within bounds, by any field name, and forgets it on reset', () => {
    const s = () => useStore.getState();
    s().setColumnWidth('status', 123.6);
    s().setColumnWidth('__proto__', 5);
    s().setColumnWidth('constructor', 99_999);
    expect(s().columnWidths.get('status')).toBe(124);
    expect(s().columnWidths.get('__proto__')).toBe(MIN_COLUMN_PX);
    expect(s().columnWidths.get('constructor')).toBe(MAX_COLUMN_PX);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    const before = s().columnWidths;
    s().setColumnWidth('status', 124);
    expect(s().columnWidths).toBe(before);
    s().setColumnWidth('status', null);
    expect(s().columnWidths.has('status')).toBe(false);
    s().setSourceWidth(10);
    expect(s().sourceWidth).toBe(MIN_COLUMN_PX);
    s().setSourceWidth(null);
    expect(s().sourceWidth).toBeNull();
  });

  it('a dragged width wins over the width of the values', () => {
    expect(columnCss({ field: 'status', auto: false, chars: 6, px: null })).toBe('6ch');
    expect(columnCss({ field: 'status', auto: false, chars: 6, px: 80 })).toBe('80px');
  });
});
