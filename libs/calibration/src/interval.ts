import { interviewerSumOfSquares, satterthwaiteDegreesOfFreedom } from './interval-components';
import { relativeToLargest, studentTQuantile } from './stats';

/**
 * Constants of the score interval. Changing any of them changes reports: bump ALGORITHM_VERSION.
 *
 * - `level`: two-sided coverage of the interval (90%).
 * - `priorSd` (τ): prior standard deviation of one interviewer's rating of one dimension around the panel's
 *   mean for that dimension, in 4-point rating points (scaled by (max − min)/3 on other scales).
 * - `priorN` (n0): how many degrees of freedom of evidence the prior is worth.
 * - `dfResolution`: Satterthwaite's degrees of freedom are rounded down to this step (conservative, and it keeps the
 *   memo of t quantiles small).
 *
 * τ and n0 were fitted by simulation (interval.simulation.spec.ts and libs/calibration/README.md) so that the
 * 90% interval covers the expected panel score in 87–93% of panels in every simulated design without rater bias.
 */
export const INTERVAL_METHOD = Object.freeze({
  level: 0.9 as const,
  priorSd: 0.5,
  priorN: 0.5,
  dfResolution: 0.01,
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
  /**
   * Interviewer sum of squares adjusted for dimensions, R(b | μ), over the replicated dimensions, and its degrees of
   * freedom (0 and 0 without interviewer identities or replicated dimensions).
   */
  interviewerSumOfSquares: number;
  interviewerDegreesOfFreedom: number;
  /** Estimated rater variance η² (an interviewer's error shared across the dimensions they rate: halo, leniency), ≥ 0. */
  haloVariance: number;
  /** η² · (Σ_i a_i² − Σ_d w̃_d²/c_d), a_i = Σ over i's dimensions of w̃_d/c_d: the halo's extra variance of the score. */
  haloTerm: number;
  standardError: number;
  /** Of the t quantile: df + n0, or Satterthwaite's effective degrees of freedom when the halo term is not 0. */
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
 *   SE   = √(v · Σ_d w̃_d² / c_d + halo term)
 *   half = t₀.₉₅(ν) · SE,   ν = df + n0 when the halo term is 0
 *
 * A dimension rated by a single interviewer keeps its place in the score and contributes w̃_d² · v (it is not
 * dropped).
 *
 * Rater effects (halo, leniency). An interviewer's errors on one candidate may share a component b_i of variance η²
 * across the dimensions they rate: y_id = μ_d + b_i + e_id. Then V(score) = σ_e² Σ_d w̃_d²/c_d + η² Σ_i a_i² with
 * a_i = Σ_{d rated by i} w̃_d/c_d (the interviewers are the clusters of the score: Cochran, §10 and §11, two-stage
 * sampling); since v estimates σ_e² + η² (E[SS] = (σ_e² + η²)·df for any layout), the extra term is
 * η² (Σ_i a_i² − Σ_d w̃_d²/c_d) ≥ 0. η² is estimated from the interviewer sum of squares adjusted for dimensions
 * (Henderson's Method 3; interval-components.ts): with R = R(b | μ) on r_b degrees of freedom, the residual variance
 * of the additive model s² = (SS − R + τ²·n0) / (df − r_b + n0) and MS_b = R / r_b,
 *
 *   E[MS_b] = σ_e² + k η²,  k = df / r_b,   so   η² = max(0, (MS_b − s²) / k)
 *
 * (0 when MS_b ≤ s², when no interviewer rated two replicated dimensions with others, or without interviewer
 * identities). When η² > 0 the halo term is estimated from r_b between-interviewer degrees of freedom only, so the t
 * quantile takes Satterthwaite's effective degrees of freedom of the sum (Satterthwaite 1946):
 *
 *   ν = (v·Σ w̃²/c + halo)² / ((v·Σ w̃²/c)² / (df + n0) + halo² / r_b),  rounded down to 0.01, at most df + n0
 *
 * which falls towards r_b as the rater term dominates (the cap: both terms are estimated from the same df residuals,
 * so the sum holds no more degrees of freedom than they do). When no dimension is replicated (df = 0) but one interviewer
 * among several rated two or more dimensions, the spread of the dimension means around the score is used instead
 * (SS = Σ_d (ȳ_d − ȳ)², df = D − 1 over rated dimensions): conservative, since it also contains the candidate's true
 * differences between dimensions, and it contains part of the rater variance too; no halo term is added there (it
 * made panels without rater effects over-cover, see the README). A panel of one interviewer uses the prior alone
 * (df = n0, very wide): one person's consistency across dimensions says nothing about how another interviewer would
 * rate.
 *
 * [low, high] = [score − half, score + half] clamped to the scale; the score itself is always within the scale
 * (adjusted ratings are clamped), so the interval contains it.
 */
export function scoreInterval(panel: IntervalPanel): IntervalDetail {
  const { weights, values, score, interviewers, scaleMin, scaleMax } = panel;
  const { priorN, level, dfResolution } = INTERVAL_METHOD;
  const priorSd = INTERVAL_METHOD.priorSd * ((scaleMax - scaleMin) / 3);
  const priorSs = priorSd * priorSd * priorN;

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

  // Rater term: only with interviewer identities and replicated dimensions (the within-dimension source).
  let interviewerSs = 0;
  let interviewerDf = 0;
  let haloVariance = 0;
  let haloTerm = 0;
  const raterIds: ReadonlyArray<readonly number[]> | undefined = panel.raters;
  if (raterIds !== undefined && source === 'within_dimension') {
    const adjusted = interviewerSumOfSquares(values, raterIds, (d) => weights[d] > 0);
    interviewerSs = Math.min(adjusted.sumOfSquares, ss);
    interviewerDf = adjusted.degreesOfFreedom;
    if (interviewerDf > 0) {
      const residualVariance = (ss - interviewerSs + priorSs) / (df - interviewerDf + priorN);
      const interviewerMeanSquare = interviewerSs / interviewerDf;
      if (interviewerMeanSquare > residualVariance) {
        haloVariance = ((interviewerMeanSquare - residualVariance) * interviewerDf) / df;
        // a_i = Σ over i's dimensions of w̃_d / c_d, every rated dimension counted.
        const reach: number[] = [];
        for (let d = 0; d < weights.length; d++) {
          const c = values[d].length;
          if (weights[d] <= 0 || c === 0) continue;
          const part = ratedWeights[d] / totalWeight / c;
          for (const id of raterIds[d]) reach[id] = (reach[id] ?? 0) + part;
        }
        let reachSquares = 0;
        for (const a of reach) if (a !== undefined) reachSquares += a * a;
        haloTerm = haloVariance * Math.max(0, reachSquares - designFactor);
      }
    }
  }

  const pooledVariance = (ss + priorSs) / (df + priorN);
  const pooledTerm = pooledVariance * designFactor;
  let degreesOfFreedom = df + priorN;
  if (haloTerm > 0) {
    const effective = satterthwaiteDegreesOfFreedom([
      { value: pooledTerm, degreesOfFreedom: df + priorN },
      { value: haloTerm, degreesOfFreedom: interviewerDf },
    ]);
    const steps = Math.round(1 / dfResolution);
    // Both terms come from the same df residuals: never more degrees of freedom than they hold.
    degreesOfFreedom = Math.max(priorN, Math.min(df + priorN, Math.floor(effective * steps + 1e-9) / steps));
  }
  const standardError = Math.sqrt(pooledTerm + haloTerm);
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
    interviewerSumOfSquares: interviewerSs,
    interviewerDegreesOfFreedom: interviewerDf,
    haloVariance,
    haloTerm,
    standardError,
    degreesOfFreedom,
    halfWidth,
  };
}
