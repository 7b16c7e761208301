/**
 * Standardized mean differences between two groups' scores, and per-interviewer score gaps. Pure and deterministic.
 */
import { studentTQuantile } from '../stats';
import { Z_95 } from './tests';

export interface GroupSummary {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator); 0 for a single value. */
  variance: number;
}

export function summarize(values: readonly number[]): GroupSummary {
  const n = values.length;
  if (n === 0) return { n: 0, mean: NaN, variance: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, variance };
}

export interface CohensD {
  /** (mean₁ − mean₂) / pooled SD. */
  d: number;
  /** Large-sample standard error √((n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂))) (Hedges & Olkin 1985). */
  se: number;
  /** 90 % interval d ± z₀.₉₅ · se. */
  low: number;
  high: number;
}

/**
 * Cohen's d of group 1 against group 2 with a 90 % interval; null when either group has fewer than 2 scores or
 * the pooled SD is 0 (no spread: no standardized difference).
 */
export function cohensD(group1: readonly number[] | GroupSummary, group2: readonly number[] | GroupSummary): CohensD | null {
  const g1 = Array.isArray(group1) ? summarize(group1) : (group1 as GroupSummary);
  const g2 = Array.isArray(group2) ? summarize(group2) : (group2 as GroupSummary);
  if (g1.n < 2 || g2.n < 2) return null;
  const pooledVariance = ((g1.n - 1) * g1.variance + (g2.n - 1) * g2.variance) / (g1.n + g2.n - 2);
  if (!(pooledVariance > 0)) return null;
  const d = (g1.mean - g2.mean) / Math.sqrt(pooledVariance);
  const se = Math.sqrt((g1.n + g2.n) / (g1.n * g2.n) + (d * d) / (2 * (g1.n + g2.n)));
  return { d, se, low: d - Z_95 * se, high: d + Z_95 * se };
}

export interface MeanGap {
  /** mean₁ − mean₂, in rating points. */
  gap: number;
  /** 90 % Welch interval. */
  low: number;
  high: number;
  df: number;
}

/**
 * Difference of two means with a 90 % Welch–Satterthwaite interval (unequal variances); null when a group has fewer
 * than 2 scores or both have no spread.
 */
export function meanGap(group1: readonly number[], group2: readonly number[]): MeanGap | null {
  const g1 = summarize(group1);
  const g2 = summarize(group2);
  if (g1.n < 2 || g2.n < 2) return null;
  const v1 = g1.variance / g1.n;
  const v2 = g2.variance / g2.n;
  const se2 = v1 + v2;
  const gap = g1.mean - g2.mean;
  if (!(se2 > 0)) return null;
  const df = (se2 * se2) / ((v1 * v1) / (g1.n - 1) + (v2 * v2) / (g2.n - 1));
  // Whole degrees of freedom (rounded down: slightly wider) keep the memoised t quantiles to a handful.
  const half = studentTQuantile(0.95, Math.max(1, Math.floor(df))) * Math.sqrt(se2);
  return { gap, low: gap - half, high: gap + half, df };
}
