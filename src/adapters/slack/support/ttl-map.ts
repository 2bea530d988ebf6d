/**
 * What a map may hold in all, by a measure of its values (bytes of the files a reply carries):
 * a count limit alone lets 2,000 cached exports of 50 MB each take the process down.
 */
export type WeightBudget<V> = { weigh: (value: V) => number; max: number };

/** A bounded map whose entries expire: for dedupe sets, profile caches and short-lived tokens. */
export class TtlMap<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number; weight: number }>();
  private totalWeight = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
    private readonly budget?: WeightBudget<V>,
  ) {}

  /** The sum of the live entries' weights (0 without a budget). */
  get weight(): number {
    return this.totalWeight;
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.budget ? this.budget.weigh(value) : 0;
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs, weight });
    this.totalWeight += weight;
    // Maps iterate in insertion order: the first keys are the oldest. A value heavier than the
    // whole budget evicts everything else and then itself: it is not kept.
    while (this.entries.size > this.maxEntries || (this.budget && this.totalWeight > this.budget.max)) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalWeight -= entry.weight;
    this.entries.delete(key);
  }

  /** Returns the existing value, or stores and returns `create()`; `created` tells which. */
  getOrCreate(key: K, create: () => V): { value: V; created: boolean } {
    const existing = this.get(key);
    if (existing !== undefined) return { value: existing, created: false };
    const value = create();
    this.set(key, value);
    return { value, created: true };
  }
}
