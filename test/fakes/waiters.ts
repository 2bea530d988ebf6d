/**
 * "Resolve when this becomes true" for the fake platforms: a test awaits a condition on what the
 * fake has seen, and the fake calls `notify()` whenever it records something.
 */
type Waiter = { match: () => boolean; resolve: () => void };

export class Waiters {
  private readonly pending = new Set<Waiter>();

  /** Resolves once `match()` holds; rejects after `timeoutMs` with `describe()` (what was seen instead). */
  until(match: () => boolean, describe: () => string, timeoutMs: number): Promise<void> {
    if (match()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.pending.delete(waiter);
        reject(new Error(describe()));
      }, timeoutMs);
      this.pending.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.pending]) {
      if (waiter.match()) {
        this.pending.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
