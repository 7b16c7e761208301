/**
 * Significance tests for a difference between two selection rates: Fisher's exact test (two-sided, computed as R's
 * `fisher.test` does) and the two-proportion z-test. Pure and deterministic.
 */
import { logGamma } from '../stats';

/** A 2×2 table: `a` selected / `b` not selected in the focal group, `c` selected / `d` not selected in the reference. */
export interface TwoByTwo {
  a: number;
  b: number;
  c: number;
  d: number;
}

/** R's relative tolerance: tables as likely as the observed one, up to rounding, count as "as extreme". */
export const FISHER_RELATIVE_TOLERANCE = 1e-7;

function assertCounts(t: TwoByTwo): void {
  for (const [name, v] of Object.entries(t)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
}

/**
 * Two-sided p-value of Fisher's exact test: the sum of the hypergeometric probabilities (margins fixed) of every
 * table no more likely than the observed one, `d ≤ d_obs · (1 + 1e-7)` — R's `fisher.test` method exactly.
 */
export function fisherExactTwoSided(table: TwoByTwo): number {
  assertCounts(table);
  const { a, b, c, d } = table;
  const m = a + c; // first column (selected)
  const n = b + d; // second column (not selected)
  const k = a + b; // first row (focal group)
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  if (hi === lo) return 1;
  const logChoose = (N: number, r: number) => logGamma(N + 1) - logGamma(r + 1) - logGamma(N - r + 1);
  const logD: number[] = [];
  for (let x = lo; x <= hi; x++) logD.push(logChoose(m, x) + logChoose(n, k - x));
  // A loop, not Math.max(...logD): large groups have more feasible tables than a call can take arguments.
  let max = -Infinity;
  for (const v of logD) if (v > max) max = v;
  const dens = logD.map((v) => Math.exp(v - max));
  const total = dens.reduce((s, v) => s + v, 0);
  const observed = dens[a - lo];
  const limit = observed * (1 + FISHER_RELATIVE_TOLERANCE);
  let tail = 0;
  for (const v of dens) if (v <= limit) tail += v;
  return Math.min(1, tail / total);
}

/** Regularised upper incomplete gamma Q(s, x) (Numerical Recipes §6.2: series below s + 1, continued fraction above). */
function upperGamma(s: number, x: number): number {
  if (x <= 0) return 1;
  const gln = logGamma(s);
  if (x < s + 1) {
    let ap = s;
    let sum = 1 / s;
    let del = sum;
    for (let i = 0; i < 1000; i++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - sum * Math.exp(-x + s * Math.log(x) - gln);
  }
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + s * Math.log(x) - gln) * h;
}

/** P(Z > z) for a standard normal Z, through erfc(x) = Q(½, x²); accurate to about 1e-15 relative. */
export function normalUpperTail(z: number): number {
  if (z < 0) return 1 - normalUpperTail(-z);
  return 0.5 * upperGamma(0.5, (z * z) / 2);
}

/** The 0.95 quantile of the standard normal: the half-width multiplier of a two-sided 90 % interval. */
export const Z_95 = 1.6448536269514722;

export interface ZTestResult {
  /** Focal rate minus reference rate over the pooled standard error; null when the pooled rate is 0 or 1. */
  z: number | null;
  /** Two-sided p-value; 1 when z is undefined (no difference can be tested). */
  p: number;
}

/**
 * Two-proportion z-test with the pooled rate under the null hypothesis (equal rates); z² equals Pearson's χ²
 * without continuity correction (R `prop.test(…, correct = FALSE)`).
 */
export function twoProportionZTest(table: TwoByTwo): ZTestResult {
  assertCounts(table);
  const { a, b, c, d } = table;
  const n1 = a + b;
  const n2 = c + d;
  if (n1 === 0 || n2 === 0) return { z: null, p: 1 };
  const pooled = (a + c) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { z: null, p: 1 };
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = (a / n1 - c / n2) / se;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}
