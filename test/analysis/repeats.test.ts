// A line Kubernetes folded ("(x11 over 23m)") stands for its count when a rule
// asks for a run of failures; any other line stands for one.
import { describe, expect, it } from 'vitest';
import { occurrences, repeatsOf } from '../../src/engine/rules/repeats.ts';

describe('folded event counts', () => {
  it('reads kubectl\'s count, and 1 for an ordinary line', () => {
    expect(repeatsOf('Warning  FailedMount  2m (x11 over 23m)  kubelet  Unable to attach or mount volumes')).toBe(11);
    expect(repeatsOf('12m (x3 over 14m)   Warning   BackOff   pod/api-0   Back-off restarting failed container')).toBe(3);
    expect(repeatsOf('Warning  FailedMount  2m  kubelet  MountVolume.SetUp failed')).toBe(1);
    expect(repeatsOf('resized image to 1920x1080 over 3 passes')).toBe(1);
  });

  it('adds them up, stopping once there are enough', () => {
    const lines = ['a (x5 over 10m)', 'b', 'c (x2 over 1m)'];
    expect(occurrences([0, 1, 2], (r) => lines[r])).toBe(8);
    expect(occurrences([0, 1, 2], (r) => lines[r], 3)).toBe(5);
  });
});
