/**
 * The dimension picture of a report: per dimension its means, spread and disagreement, then the weighted score,
 * the raw score, coverage and their 90 % intervals.
 */
import { scoreInterval } from './interval';
import type { NormalizedDimension, NormalizedInput } from './normalize';
import type { PanelValues } from './panel';
import { fig } from './rules';
import { rangeRatio } from './scales';
import { relativeToLargest } from './stats';
import type { DimensionReport, Rating } from './types';

/** Weights as configured, or all 1 when the configured weights sum to 0 (old loops): dimensions then count equally. */
export function effectiveWeights(dims: readonly NormalizedDimension[]): number[] {
  let totalConfigured = 0;
  for (const d of dims) totalConfigured += d.weight;
  return dims.map((d) => (totalConfigured > 0 ? d.weight : 1));
}

export interface DimensionPicture {
  /** In the loop's order (`input.dimensions`). */
  dimensions: DimensionReport[];
  /** The rest is indexed in the canonical dimension order (by id), as the rules read it. */
  adjMeans: Array<number | null>;
  /** Distinct raters per dimension. */
  raters: number[];
  weightShares: number[];
  /** Per dimension: the interviewer who rated it at the scale's lowest level while being its only rater, else null. */
  loneLowest: Array<string | null>;
  /** Unrounded: the rules and the report round them. */
  coverage: number;
  score: number | null;
  rawScore: number | null;
  interval: { low: number; high: number } | null;
  rawInterval: { low: number; high: number } | null;
}

/**
 * A dimension shows a disagreement when two of its ratings are 2 points or more apart on the 4-point scale (the
 * same share of the range on other scales). Weights are relative: a dimension's share is its weight over the
 * total; the score is the weighted mean of the rated, positively weighted dimensions' adjusted means; coverage is
 * the rated share of the weight.
 */
export function dimensionPicture(norm: NormalizedInput, effWeights: readonly number[], panel: PanelValues): DimensionPicture {
  const { dimensions: dims, scale } = norm;
  const { rawValues, adjValues, valueRaters, ratingCounts, mins, maxs, lowestBy, weightedInterviewers } = panel;
  const D = dims.length;
  const { min: scaleMin, max: scaleMax } = scale;
  // Shares and coverage from weights relative to the largest, the score from weights relative to the largest rated
  // one: the sums stay finite, and a rated dimension's weight cannot vanish beside an unrated huge one.
  const loopWeights = relativeToLargest(effWeights);
  let totalWeight = 0;
  for (const w of loopWeights) totalWeight += w;
  const scoreWeights = relativeToLargest(effWeights.map((w, d) => (rawValues[d].length > 0 ? w : 0)));

  const dimensions: DimensionReport[] = new Array<DimensionReport>(D);
  const adjMeans: Array<number | null> = new Array<number | null>(D).fill(null);
  const raters: number[] = new Array<number>(D).fill(0);
  const weightShares: number[] = new Array<number>(D).fill(0);
  const loneLowest: Array<string | null> = new Array<string | null>(D).fill(null);
  const disagreementGap = 2 * rangeRatio(scale) - 1e-9; // 2 points on the 4-point scale
  let coveredWeight = 0;
  let scoreNum = 0;
  let rawNum = 0;
  let scoreDen = 0;
  for (let d = 0; d < D; d++) {
    const dim = dims[d];
    const k = rawValues[d].length;
    raters[d] = k;
    const rawMean = k > 0 ? mean(rawValues[d]) : null;
    const adjustedMean = k > 0 ? mean(adjValues[d]) : null;
    adjMeans[d] = adjustedMean;
    if (k === 1 && lowestBy[d] !== null) loneLowest[d] = lowestBy[d];
    const w = loopWeights[d];
    weightShares[d] = w / totalWeight;
    if (k > 0) {
      coveredWeight += w;
      if (effWeights[d] > 0) {
        scoreNum += scoreWeights[d] * (adjustedMean as number);
        rawNum += scoreWeights[d] * (rawMean as number);
        scoreDen += scoreWeights[d];
      }
    }
    dimensions[dim.inputIndex] = {
      dimensionId: dim.id,
      name: dim.name,
      weight: dim.weight,
      weightShare: fig(w / totalWeight),
      required: dim.required,
      raters: k,
      ratings: ratingCounts[d],
      rawMean: rawMean === null ? null : fig(rawMean),
      adjustedMean: adjustedMean === null ? null : fig(adjustedMean),
      min: k > 0 ? (mins[d] as Rating) : null,
      max: k > 0 ? (maxs[d] as Rating) : null,
      disagreement: ratingCounts[d] > 1 && maxs[d] - mins[d] >= disagreementGap,
    };
  }
  const coverage = coveredWeight / totalWeight;
  const score = scoreDen > 0 ? clampTo(scoreNum / scoreDen, scaleMin, scaleMax) : null;
  const rawScore = scoreDen > 0 ? clampTo(rawNum / scoreDen, scaleMin, scaleMax) : null;
  const intervalOf = (values: number[][], around: number) =>
    scoreInterval({ weights: effWeights, values, raters: valueRaters, score: around, interviewers: weightedInterviewers, scaleMin, scaleMax });
  const interval = score === null ? null : intervalOf(adjValues, score);
  const rawInterval = rawScore === null ? null : intervalOf(rawValues, rawScore);

  return { dimensions, adjMeans, raters, weightShares, loneLowest, coverage, score, rawScore, interval, rawInterval };
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Guards against floating-point drift only: the mean of clamped values is already within the scale. */
function clampTo(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
