/**
 * Pearson and Spearman correlations over paired observations.
 */

export interface PairedSample {
  readonly x: readonly number[];
  readonly y: readonly number[];
}

function assertPaired(x: readonly number[], y: readonly number[]): void {
  if (x.length !== y.length) throw new RangeError(`correlation: x has ${x.length} values, y has ${y.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`correlation: value ${i} is not a finite number`);
  }
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (n - 1));
}

/**
 * Pearson's r; `null` when it is undefined (fewer than 3 pairs or a constant variable): a correlation that
 * cannot be computed is absent, never 0.
 */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  assertPaired(x, y);
  const n = x.length;
  if (n < 3) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Ranks 1..n with ties given the mean of the ranks they span (the "fractional" ranking Spearman needs). */
export function averageRanks(values: readonly number[]): number[] {
  // A native numeric sort of a typed copy, then one average rank per distinct value: about ten times faster than
  // sorting indices with a comparator, which matters for reports over tens of thousands of hires.
  const sorted = Float64Array.from(values).sort();
  const rankOf = new Map<number, number>();
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    rankOf.set(sorted[i], (i + j) / 2 + 1);
    i = j + 1;
  }
  return values.map((v) => rankOf.get(v)!);
}

/** Spearman's ρ with ties: Pearson's r of the average ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  assertPaired(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}
