// "This has ended" (a worker died, a pool closed, a load was aborted) as
// something calls can race. Racing a plain never-settling promise would keep
// every call's reaction, and with it every call's result (whole tables), for
// as long as that promise lives; here a call stops listening when it settles.

export class EndSignal {
  private readonly waiting = new Set<(e: unknown) => void>();
  private reason: { error: unknown } | null = null;

  /** Calls racing it now (a settled call no longer counts: it holds nothing). */
  get racing(): number {
    return this.waiting.size;
  }

  /** Whether `end` was called. */
  get ended(): boolean {
    return this.reason !== null;
  }

  /** End it: every call racing it now, or later, fails with `error` (the first one given). */
  end(error: unknown): void {
    if (this.reason) return;
    this.reason = { error };
    for (const fail of this.waiting) fail(error);
    this.waiting.clear();
  }

  /** A promise that fails with the reason this ended (or never settles, when it has not). */
  failure(): Promise<never> {
    return this.race(new Promise<never>(() => undefined));
  }

  /** `p`, unless this ends first. */
  race<T>(p: Promise<T>): Promise<T> {
    if (this.reason) {
      p.catch(() => undefined);
      return Promise.reject(this.reason.error);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      p.then(
        (v) => {
          this.waiting.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.waiting.delete(reject);
          reject(e);
        },
      );
    });
  }
}
