// Calls to a worker race its death; a call that settled must stop listening,
// or every result (whole tables) stays reachable for the worker's lifetime.
import { describe, expect, it } from 'vitest';
import { EndSignal } from '../../src/worker/end-signal.ts';

describe('end signal', () => {
  it('passes a call through and stops listening once it settles', async () => {
    const end = new EndSignal();
    const calls = [end.race(Promise.resolve(new Float64Array(8))), end.race(Promise.reject(new Error('no')))];
    expect(end.racing).toBe(2);
    const [ok, failed] = await Promise.allSettled(calls);
    expect(ok.status === 'fulfilled' && ok.value.length).toBe(8);
    expect(failed.status === 'rejected' && (failed.reason as Error).message).toBe('no');
    expect(end.racing).toBe(0);
  });

  it('fails the calls still waiting when it ends, and every later call at once, with the first reason', async () => {
    const end = new EndSignal();
    const waiting = end.race(new Promise(() => undefined));
    end.end(new Error('worker died'));
    end.end(new Error('second'));
    await expect(waiting).rejects.toThrow('worker died');
    await expect(end.race(Promise.resolve(1))).rejects.toThrow('worker died');
    await expect(end.failure()).rejects.toThrow('worker died');
    expect(end.ended).toBe(true);
    expect(end.racing).toBe(0);
  });
});
