import { relativeToLargest, studentTQuantile } from './stats';

/**
 * Constants of the score interval. Changing any of them changes reports: bump ALGORITHM_VERSION.
 *
 * - `level`: two-sided coverage of the interval (90%).
 * - `priorSd` (τ): prior standard deviation of one interviewer's rating of one dimension around the panel's
 *   mean for that dimension, in 4-point rating points (scaled by (max − min)/3 on other scales).
 * - `priorN` (n0): how many degrees of freedom of evidence the prior is worth.
 * - `haloPriorN` (κ): pseudo-count added to the denominator of the halo estimate, shrinking it towards 0 when few
 *   interviewers rated several replicated dimensions (a positive-part estimate is biased upwards otherwise).
 *
 * τ and n0 were fitted by simulation (interval.simulation.spec.ts and libs/calibration/README.md) so that the
 * 90% interval covers the expected panel score in 87–93% of panels in every simulated design.
 */
export const INTERVAL_METHOD = Object.freeze({
  level: 0.9 as const,
  priorSd: 0.5,
  priorN: 0.5,
  haloPriorN: 8,
});

/** What the interval needs to know about the panel, in a fixed (canonical) order. */
export interface IntervalPanel {
  /** Effective weight of each dimension (canonical order); dimensions with weight ≤ 0 are ignored. */
  weights: readonly number[];
  /**
   * Per dimension: one value per distinct interviewer who rated it (an interviewer's several ratings of the
   * dimension averaged), adjusted or raw. Empty = not rated.
   */
  values: ReadonlyArray<readonly number[]>;
  /**
   * Per dimension, aligned with `values`: the index of the interviewer behind each value (any stable numbering).
   * Optional: without it the halo term is left out (0).
   */
  raters?: ReadonlyArray<readonly number[]>;
  /** The panel score: Σ w·mean / Σ w over rated, positively weighted dimensions. */
  score: number;
  /** Distinct interviewers with at least one rating of a positively weighted dimension. */
  interviewers: number;
  scaleMin: number;
  scaleMax: number;
}

export interface IntervalDetail {
  low: number;
  high: number;
  /** Where the variance came from: replicated dimensions, the spread across dimensions (fallback), or the prior only. */
  source: 'within_dimension' | 'between_dimension' | 'prior';
  /** Residual sum of squares and its degrees of freedom, before pooling with the prior. */
  sumOfSquares: number;
  panelDegreesOfFreedom: number;
  /** Variance of one rating after pooling with the prior. */
  pooledVariance: number;
  /** Σ w̃_d² / c_d: the variance of the score is pooledVariance × this, plus the halo term. */
  designFactor: number;
  /** Estimated halo variance η² (an interviewer's error shared across the dimensions they rate), ≥ 0. */
  haloVariance: number;
  /** η² · (Σ_i a_i² − Σ_d w̃_d²/c_d), a_i = Σ over i's dimensions of w̃_d/c_d: the halo's extra variance of the score. */
  haloTerm: number;
  standardError: number;
  degreesOfFreedom: number;
  halfWidth: number;
}

/**
 * 90% interval around the panel score.
 *
 * The score is a weighted mean of per-dimension means, score = Σ_d w̃_d ȳ_d (w̃ normalised over the rated,
 * positively weighted dimensions), each ȳ_d the mean of c_d interviewers' values. Interviewers are the units
 * (an interviewer's several scorecards are averaged per dimension first, so one person is one value). With
 * rating errors of common variance σ², independent between interviewers, its variance is the textbook variance of
 * a weighted sum of independent means (e.g. Cochran, Sampling Techniques, 3rd ed., §5.3, eq. 5.6 for a stratified
 * mean: V(ȳ_st) = Σ W_h² S_h² / n_h, here with a common S² pooled across strata):
 *
 *   V(score) = σ² · Σ_d w̃_d² / c_d
 *
 * σ² is estimated by pooling the within-dimension residuals of every dimension rated by ≥ 2 interviewers, as in a
 * one-way ANOVA (SS = Σ_d Σ_i (y_id − ȳ_d)², df = Σ_d (c_d − 1)), and shrunk towards a prior τ² worth n0 degrees
 * of freedom:
 *
 *   v    = (SS + τ² · n0) / (df + n0)
 *   SE   = √(v · Σ_d w̃_d² / c_d)
 *   half = t₀.₉₅(df + n0) · SE
 *
 * A dimension rated by a single interviewer keeps its place in the score and contributes w̃_d² · v (it is not
 * dropped).
 *
 * Halo. An interviewer's errors on one candidate may share a component h_i (variance η²) across the dimensions they
 * rate. Then V(score) = σ_ε² Σ_d w̃_d²/c_d + η² Σ_i a_i² with a_i = Σ_{d rated by i} w̃_d/c_d; since v estimates
 * σ_ε² + η², the extra term is η² (Σ_i a_i² − Σ_d w̃_d²/c_d) ≥ 0. η² is a moment estimate from the products of one
 * interviewer's residuals on two different replicated dimensions (E[r_id r_id'] = η²(1 − 1/c_d)(1 − 1/c_d') when
 * only i's own halo is counted): η² = max(0, Σ_i Σ_{d≠d'} r_id r_id' / (Σ_i Σ_{d≠d'} (1 − 1/c_d)(1 − 1/c_d') + κ)), 0 when
 * no interviewer rated two replicated dimensions. With no halo it stays near 0 (coverage about 1 point higher); with
 * a halo of sd 0.3 it lifts the coverage of 3-rater panels from about 79 % back to 86–89 % (simulation spec). When no dimension is replicated (df = 0) but one interviewer among several rated two or more
 * dimensions, the spread of the dimension means around the score is used instead (SS = Σ_d (ȳ_d − ȳ)², df = D − 1
 * over rated dimensions): conservative, since it also contains the candidate's true differences between
 * dimensions. A panel of one interviewer uses the prior alone (df = n0, very wide): one person's consistency across
 * dimensions says nothing about how another interviewer would rate.
 *
 * [low, high] = [score − half, score + half] clamped to the scale; the score itself is always within the scale
 * (adjusted ratings are clamped), so the interval contains it.
 */
export function scoreInterval(panel: IntervalPanel): IntervalDetail {
  const { weights, values, score, interviewers, scaleMin, scaleMax } = panel;
  const { priorN, level } = INTERVAL_METHOD;
  const priorSd = INTERVAL_METHOD.priorSd * ((scaleMax - scaleMin) / 3);

  // Relative to the largest rated weight, so that the total stays finite (weights are relative).
  const ratedWeights = relativeToLargest(weights.map((w, d) => (w > 0 && values[d].length > 0 ? w : 0)));
  let totalWeight = 0;
  for (const w of ratedWeights) totalWeight += w;

  let ss = 0;
  let df = 0;
  let designFactor = 0;
  let rated = 0;
  let meanSum = 0;
  const means: number[] = [];
  for (let d = 0; d < weights.length; d++) {
    const v = values[d];
    const c = v.length;
    if (weights[d] <= 0 || c === 0) continue;
    let sum = 0;
    for (let i = 0; i < c; i++) sum += v[i];
    const mean = sum / c;
    for (let i = 0; i < c; i++) ss += (v[i] - mean) * (v[i] - mean);
    df += c - 1;
    const share = ratedWeights[d] / totalWeight;
    designFactor += (share * share) / c;
    rated++;
    meanSum += mean;
    means.push(mean);
  }

  // Halo: per interviewer, Σ r and Σ r² of residuals on replicated dimensions, Σ f and Σ f² of f = 1 − 1/c, and a_i.
  let haloVariance = 0;
  let haloTerm = 0;
  const raterIds: ReadonlyArray<readonly number[]> | undefined = panel.raters;
  if (raterIds !== undefined && interviewers >= 2) {
    // Plain arrays indexed by interviewer number: this runs for every report.
    let size = 0;
    for (let d = 0; d < weights.length; d++) for (const id of raterIds[d]) if (id + 1 > size) size = id + 1;
    const sumR = new Array<number>(size).fill(0);
    const sumR2 = new Array<number>(size).fill(0);
    const sumF = new Array<number>(size).fill(0);
    const sumF2 = new Array<number>(size).fill(0);
    const reach = new Array<number>(size).fill(0);
    for (let d = 0; d < weights.length; d++) {
      const v = values[d];
      const who: readonly number[] = raterIds[d];
      const c = v.length;
      if (weights[d] <= 0 || c === 0) continue;
      const share = ratedWeights[d] / totalWeight;
      let sum = 0;
      for (let i = 0; i < c; i++) sum += v[i];
      const mean = sum / c;
      const f = 1 - 1 / c;
      for (let i = 0; i < c; i++) {
        const id = who[i];
        reach[id] += share / c;
        if (c < 2) continue;
        const r = v[i] - mean;
        sumR[id] += r;
        sumR2[id] += r * r;
        sumF[id] += f;
        sumF2[id] += f * f;
      }
    }
    let num = 0;
    let den = 0;
    let reachSquares = 0;
    for (let id = 0; id < size; id++) {
      num += sumR[id] * sumR[id] - sumR2[id];
      den += sumF[id] * sumF[id] - sumF2[id];
      reachSquares += reach[id] * reach[id];
    }
    if (den > 1e-12 && num > 0) haloVariance = num / (den + INTERVAL_METHOD.haloPriorN);
    haloTerm = haloVariance * Math.max(0, reachSquares - designFactor);
  }

  let source: IntervalDetail['source'] = 'within_dimension';
  if (interviewers <= 1) {
    source = 'prior';
    ss = 0;
    df = 0;
  } else if (df === 0) {
    if (rated >= 2) {
      source = 'between_dimension';
      const grand = meanSum / rated;
      ss = 0;
      for (const m of means) ss += (m - grand) * (m - grand);
      df = rated - 1;
    } else {
      source = 'prior';
    }
  }

  const degreesOfFreedom = df + priorN;
  const pooledVariance = (ss + priorSd * priorSd * priorN) / degreesOfFreedom;
  const standardError = Math.sqrt(pooledVariance * designFactor + haloTerm);
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom) * standardError;

  const low = Math.min(score, Math.max(scaleMin, score - halfWidth));
  const high = Math.max(score, Math.min(scaleMax, score + halfWidth));
  return {
    low,
    high,
    source,
    sumOfSquares: ss,
    panelDegreesOfFreedom: df,
    pooledVariance,
    designFactor,
    haloVariance,
    haloTerm,
    standardError,
    degreesOfFreedom,
    halfWidth,
  };
}
