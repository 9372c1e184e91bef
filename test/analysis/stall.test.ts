// The stall rule reads the figure a stall line ends on; the figures come in
// many spellings (a bare ms count, a decimal with a space, Go's compound
// durations down to nanoseconds, words).
import { describe, expect, it } from 'vitest';
import { stallMs } from '../../src/engine/rules/stall.ts';

describe('stall figures', () => {
  it.each([
    ['pause of approximately 49738ms', 49738],
    ['Total: 29592.655825 ms', 29592.655825],
    ['housekeeper delta=35m51s954ms609µs641ns', 35 * 60_000 + 51_000 + 954 + 0.609 + 0.000641],
    ['threads were stopped: 12.5 seconds', 12_500],
    ['Running 5019ms', 5019],
    ['blocked for 2 minutes', 120_000],
  ])('%s', (text, ms) => {
    expect(stallMs(text)).toBeCloseTo(ms, 3);
  });

  it('gives NaN when the text does not end on a figure', () => {
    expect(stallMs('slept well')).toBeNaN();
  });
});
