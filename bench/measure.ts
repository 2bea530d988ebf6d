/** Timing helpers: percentiles, sequential and concurrent loops, and an RSS sampler. */
export type Stats = { count: number; p50: number; p95: number; p99: number; mean: number; min: number; max: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest-rank: p99 of 100 samples is the 99th value, never an interpolation below the data.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1)),
    min: round(sorted[0] ?? Number.NaN),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * Runs up to `total` calls of fn(i) (fewer when `budgetMs` runs out) with at most `concurrency` in
 * flight; returns each call's latency,
 * the wall time and the throughput (calls/s).
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<{ samples: number[]; wallMs: number; perSecond: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  // Past the time budget no new call starts once every worker has done a few.
  const overBudget = () => performance.now() - started > budgetMs && next >= concurrency * 3;
  const worker = async () => {
    while (next < total && !overBudget()) {
      const i = next++;
      const callStarted = performance.now();
      await fn(i);
      samples.push(performance.now() - callStarted);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const wallMs = performance.now() - started;
  return { samples, wallMs, perSecond: Math.round((samples.length / wallMs) * 1000 * 10) / 10 };
}

/** Samples the resident set every intervalMs (memoryUsage.rss(): the full memoryUsage() also walks the heap, measurable CPU at 100 Hz); peak() is the highest value seen, in MB. */
export function startRssSampler(intervalMs = 20): { peakMb(): number; stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  timer.unref();
  const peakMb = () => Math.round((Math.max(peak, process.memoryUsage.rss()) / 1048576) * 10) / 10;
  return {
    peakMb,
    stop: () => {
      clearInterval(timer);
      return peakMb();
    },
  };
}

/**
 * Percentiles of a query mix in which every class is equally frequent, whatever number of samples
 * each class happened to collect within its time budget (each sample weighs 1/n of its class).
 */
export function summarizeMix(groups: number[][]): Stats {
  const weighted = groups.filter((group) => group.length > 0).flatMap((group) => group.map((value) => ({ value, weight: 1 / group.length })));
  if (weighted.length === 0) return summarize([]);
  weighted.sort((a, b) => a.value - b.value);
  const total = weighted.reduce((sum, entry) => sum + entry.weight, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const entry of weighted) {
      seen += entry.weight;
      if (seen >= (p / 100) * total - 1e-9) return entry.value;
    }
    return weighted.at(-1)!.value;
  };
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    count: weighted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    mean: round(weighted.reduce((sum, entry) => sum + entry.value * entry.weight, 0) / total),
    min: round(weighted[0]!.value),
    max: round(weighted.at(-1)!.value),
  };
}
