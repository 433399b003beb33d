/**
 * Small statistics for the benchmarks: percentiles of a sample and the best of repeated
 * measurements. Samples are plain number arrays; nothing here is on a measured path.
 */

/** The `q` quantile (0 ≤ q ≤ 1) of `values` by the nearest-rank method; NaN for no values. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** The median of `values` (the 0.5 quantile by nearest rank). */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** p50, p95, p99 and max of `values`. */
export function summarize(values: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  return { p50: percentile(values, 0.5), p95: percentile(values, 0.95), p99: percentile(values, 0.99), max: percentile(values, 1) };
}

/** Runs `measure` `times` times and keeps the highest figure (throughput: noise only ever slows a run down). */
export function bestOf(times: number, measure: () => number): number {
  let best = -Infinity;
  for (let i = 0; i < times; i++) best = Math.max(best, measure());
  return best;
}
