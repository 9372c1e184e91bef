// Numbers read straight from a line's bytes must be the numbers JSON.parse
// reads, including those the decimal shortcut leaves to the full conversion.
import { describe, expect, it } from 'vitest';
import { numberValue } from '../../src/engine/formats/json-values.ts';

const NUMBERS = ['0', '-0', '42', '0.1', '-273.15', '1714521600004', '1714521600.1234567', '0.000123456789012345678', '12345678901234567890', '6.02214076e23', '-1.5E-7', '1e400', '9007199254740993'];

describe('JSON numbers from bytes', () => {
  it('equal JSON.parse for plain, long, signed and exponent forms', () => {
    const enc = new TextEncoder();
    for (const n of NUMBERS) {
      const b = enc.encode(`{"v":${n}}`);
      expect(Object.is(numberValue(b, 5, 5 + n.length), JSON.parse(n) as number), n).toBe(true);
    }
  });
});
