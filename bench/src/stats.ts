/** Pure statistics helpers for the benchmarks (no I/O). */

/**
 * The p-th percentile (0–100) of the values, nearest-rank method: the smallest value such that at least p % of the
 * values are ≤ it. NaN for an empty list. The input is not modified.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0–100, got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** count, p50, p95, p99, max and mean of a list of latencies (ms); NaN everywhere but count for an empty list. */
export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]);
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1],
    mean: sorted.length === 0 ? Number.NaN : sorted.reduce((s, v) => s + v, 0) / sorted.length,
  };
}

/** value / ceiling, or null when either is missing, not finite or the ceiling is not positive. */
export function ratio(value: number | null | undefined, ceiling: number | null | undefined): number | null {
  if (value === null || value === undefined || ceiling === null || ceiling === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(ceiling) || ceiling <= 0) return null;
  return value / ceiling;
}

/** Rounds to `digits` decimals (half away from zero); non-finite values are returned unchanged. */
export function round(value: number, digits = 0): number {
  if (!Number.isFinite(value)) return value;
  const f = 10 ** digits;
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}
