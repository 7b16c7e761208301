import { studentTQuantile } from './stats';

/**
 * Constants of the score interval. Changing any of them changes reports: bump ALGORITHM_VERSION.
 *
 * - `level`: two-sided coverage of the interval (90%).
 * - `priorSd` (τ): prior standard deviation, in rating points, of one interviewer's overall (weighted)
 *   score around the panel's consensus: about half a rating point. It keeps tiny panels from looking
 *   certain just because they happened to agree. Calibrated against the default policy: a unanimous panel
 *   of 3 has a half-width of 0.48 (inside the default 0.5 margin), a unanimous panel of 2 has 0.75 and a
 *   single interviewer 1.61 (never inside it).
 * - `priorN` (n0): how many interviewers' worth of evidence the prior is worth.
 */
export const INTERVAL_METHOD = Object.freeze({
  level: 0.9 as const,
  priorSd: 0.55,
  priorN: 2,
  scaleMin: 1,
  scaleMax: 4,
});

/** What the interval needs to know about the panel, in a fixed (canonical) order. */
export interface IntervalPanel {
  /** Effective weight of each dimension (canonical order). */
  weights: readonly number[];
  /** Per dimension: sum of the (adjusted) ratings. */
  sums: readonly number[];
  /** Per dimension: number of ratings. */
  counts: readonly number[];
  /** Per interviewer who rated at least one positively weighted dimension: the dimension indexes and values rated. */
  raters: ReadonlyArray<{ dims: readonly number[]; values: readonly number[] }>;
  /** The panel score: Σ w·mean / Σ w over rated, positively weighted dimensions. */
  score: number;
}

export interface IntervalDetail {
  low: number;
  high: number;
  /** Interviewers used as units. */
  n: number;
  /** Per-interviewer variance estimated from the panel (jackknife), before shrinkage; 0 when n = 1. */
  panelVariance: number;
  /** Variance after pooling with the prior. */
  pooledVariance: number;
  standardError: number;
  degreesOfFreedom: number;
  halfWidth: number;
}

/**
 * 90% interval around the panel score.
 *
 * Units are interviewers (their ratings of one candidate are correlated, so dimensions are not independent
 * evidence). The score is a weighted mean of per-dimension means and interviewers may rate different subsets
 * of dimensions, so the spread between interviewers is measured with a leave-one-interviewer-out jackknife:
 *
 *   θ₍ᵢ₎  = panel score recomputed without interviewer i (same renormalisation rule),
 *   s²    = (n − 1) · Σᵢ (θ₍ᵢ₎ − θ̄)²              (= n · jackknife variance; equals the ordinary sample variance
 *                                                    of the interviewers' own weighted scores when everyone
 *                                                    rated every dimension), s² = 0 when n = 1.
 *
 * That variance is pooled with a prior variance τ² worth n0 interviewers (a conjugate-style shrinkage, so
 * one or two interviewers cannot produce a falsely narrow interval):
 *
 *   v    = (s² · (n − 1) + τ² · n0) / (n − 1 + n0)
 *   SE   = √(v / n)
 *   half = t₀.₉₅(df = n − 1 + n0) · SE
 *   [low, high] = [score − half, score + half], clamped to the 1–4 scale, then widened if needed so that it
 *   always contains `score` (possible only when leniency adjustment pushes the score off the scale).
 *
 * Deterministic (no sampling), defined for n = 1 (v = τ², df = n0: wide), and for a consistent panel it
 * narrows as interviewers are added: both SE (through v/n) and the t quantile (through df) shrink.
 */
export function scoreInterval(panel: IntervalPanel): IntervalDetail {
  const { weights, sums, counts, raters, score } = panel;
  const n = raters.length;
  const { priorSd, priorN, scaleMin, scaleMax, level } = INTERVAL_METHOD;

  let panelVariance = 0;
  if (n >= 2) {
    const dimCount = weights.length;
    // Plain arrays: for a handful of elements they are cheaper to allocate than typed arrays.
    const removed: number[] = new Array<number>(dimCount).fill(0);
    const mark: number[] = new Array<number>(dimCount).fill(0);
    const replicates: number[] = new Array<number>(n).fill(0);
    let replicateSum = 0;
    for (let i = 0; i < n; i++) {
      const r = raters[i];
      for (let j = 0; j < r.dims.length; j++) {
        mark[r.dims[j]] = 1;
        removed[r.dims[j]] = r.values[j];
      }
      let num = 0;
      let den = 0;
      for (let d = 0; d < dimCount; d++) {
        const w = weights[d];
        if (w <= 0) continue;
        const c = counts[d] - mark[d];
        if (c <= 0) continue;
        num += (w * (sums[d] - (mark[d] ? removed[d] : 0))) / c;
        den += w;
      }
      for (let j = 0; j < r.dims.length; j++) mark[r.dims[j]] = 0;
      // den > 0 always holds: every other rater rated at least one positively weighted dimension.
      replicates[i] = den > 0 ? num / den : score;
      replicateSum += replicates[i];
    }
    const mean = replicateSum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (replicates[i] - mean) ** 2;
    panelVariance = (n - 1) * ss;
  }

  const degreesOfFreedom = n - 1 + priorN;
  const pooledVariance = (panelVariance * (n - 1) + priorSd * priorSd * priorN) / degreesOfFreedom;
  const standardError = Math.sqrt(pooledVariance / n);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom) * standardError;

  const low = Math.min(score, Math.max(scaleMin, score - halfWidth));
  const high = Math.max(score, Math.min(scaleMax, score + halfWidth));
  return { low, high, n, panelVariance, pooledVariance, standardError, degreesOfFreedom, halfWidth };
}
