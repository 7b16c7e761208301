import { compareCodeUnits } from './canonical';
import { hashNormalized } from './canonical-input';
import { INTERVAL_METHOD, scoreInterval } from './interval';
import { normalizeInput, RECOMMENDATION_STEP } from './normalize';
import { decide, fig, splitPanelOf } from './rules';
import { offsetOnScale, rangeRatio } from './scales';
import type {
  CalibrationReport,
  DimensionReport,
  IgnoredRating,
  InterviewerReport,
  Rating,
  RedFlagReport,
  ReportInput,
  ScoreInterval,
} from './types';
import { ALGORITHM_VERSION } from './version';

export { computeInputsHash, canonicalInputText, canonicalInputStructure, isReportCurrent, CANONICAL_FORMAT } from './canonical-input';
export { resolvePolicy, MAX_ABS_OFFSET, type NormalizedInput } from './normalize';
export { TIE_TOLERANCE, OUTPUT_DECIMALS, formatPair } from './rules';

/**
 * Builds the calibrated debrief report of one candidate's interview loop.
 *
 * Pure and deterministic: no I/O, no clock, no randomness. Every figure is computed in a canonical order
 * (dimensions by id, scorecards by interviewer id then scorecard id), so reordering any input array changes
 * neither the figures nor `inputsHash`; only `dimensions[]` follows the order of `input.dimensions` (loop order).
 *
 * - Ratings are integers of the input's scale (`four_point` by default); policy thresholds are on that scale.
 * - Several scorecards of one interviewer all count: every recommendation (split panel) and red flag, and every
 *   rating — an interviewer's several ratings of one dimension are averaged first, so each interviewer is one
 *   value per dimension (one person's scorecards are not independent evidence; the interval's units are
 *   interviewers). `minInterviewers` counts distinct interviewers.
 * - Offsets (4-point points) are converted to the scale (× (max − min)/3); each adjusted rating is clamped to the
 *   scale, so adjusted means, the score and the interval stay within it.
 * - malformed input throws CalibrationInputError; a rating for a dimension that is not in `input.dimensions` is
 *   ignored and listed in `ignoredRatings`; offsets are looked up only for interviewers on the panel.
 * - weights are relative; if they are all 0, dimensions count equally; a dimension with weight 0 (when others
 *   are positive) is reported but affects neither score, coverage nor any rule.
 */
export function buildReport(input: ReportInput): CalibrationReport {
  const norm = normalizeInput(input);
  const inputsHash = hashNormalized(norm);
  const { dimensions: dims, scorecards: cards, offsets, policy, scale } = norm;
  const D = dims.length;
  const { min: scaleMin, max: scaleMax } = scale;

  // Effective weights: as configured, or all 1 when the configured weights sum to 0.
  let totalConfigured = 0;
  for (const d of dims) totalConfigured += d.weight;
  const effWeights = dims.map((d) => (totalConfigured > 0 ? d.weight : 1));
  let totalWeight = 0;
  for (const w of effWeights) totalWeight += w;

  // One value per (dimension, interviewer): the mean of the interviewer's ratings (raw) and of their clamped
  // adjusted ratings.
  const rawValues: number[][] = Array.from({ length: D }, () => []);
  const adjValues: number[][] = Array.from({ length: D }, () => []);
  const valueRaters: number[][] = Array.from({ length: D }, () => []); // interviewer index behind each value
  const ratingCounts = new Array<number>(D).fill(0);
  const mins = new Array<number>(D).fill(Infinity);
  const maxs = new Array<number>(D).fill(-Infinity);
  const lowestBy: Array<string | null> = new Array<string | null>(D).fill(null);
  const ignoredRatings: IgnoredRating[] = [];
  const interviewers: InterviewerReport[] = [];
  const rawSum = new Array<number>(D).fill(0);
  const adjSum = new Array<number>(D).fill(0);
  const cnt = new Array<number>(D).fill(0);
  let weightedInterviewers = 0;

  let c = 0;
  for (let who = 0; who < offsets.length; who++) {
    const { interviewerId, offset, n } = offsets[who];
    const applied = policy.adjustForLeniency ? offsetOnScale(offset, scale) : 0;
    rawSum.fill(0);
    adjSum.fill(0);
    cnt.fill(0);
    let rated = 0;
    let scorecards = 0;
    let lowestStep = 4;
    const recommendations: InterviewerReport['recommendations'] = [];
    for (; c < cards.length && cards[c].interviewerId === interviewerId; c++) {
      const card = cards[c];
      scorecards++;
      recommendations.push(card.recommendation);
      lowestStep = Math.min(lowestStep, RECOMMENDATION_STEP[card.recommendation]);
      for (const ignored of card.unknown) ignoredRatings.push({ ...ignored });
      for (let d = 0; d < D; d++) {
        const rating = card.ratings[d];
        if (rating === 0) continue;
        rated++;
        rawSum[d] += rating;
        adjSum[d] += Math.min(scaleMax, Math.max(scaleMin, rating - applied));
        cnt[d]++;
        ratingCounts[d]++;
        if (rating < mins[d]) mins[d] = rating;
        if (rating > maxs[d]) maxs[d] = rating;
        if (rating === scaleMin) lowestBy[d] = interviewerId;
      }
    }
    let weighted = false;
    for (let d = 0; d < D; d++) {
      if (cnt[d] === 0) continue;
      rawValues[d].push(rawSum[d] / cnt[d]);
      adjValues[d].push(adjSum[d] / cnt[d]);
      valueRaters[d].push(who);
      if (effWeights[d] > 0) weighted = true;
    }
    if (weighted) weightedInterviewers++;
    interviewers.push({
      interviewerId,
      offset: fig(offset),
      n,
      offsetApplied: fig(applied),
      ratings: rated,
      scorecards,
      recommendation: RECOMMENDATION_KEYS[lowestStep],
      recommendations,
    });
  }

  // Per-dimension figures, score, raw score and coverage (canonical order).
  const dimReports: DimensionReport[] = new Array<DimensionReport>(D);
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
    const w = effWeights[d];
    weightShares[d] = w / totalWeight;
    if (k > 0) {
      coveredWeight += w;
      if (w > 0) {
        scoreNum += w * (adjustedMean as number);
        rawNum += w * (rawMean as number);
        scoreDen += w;
      }
    }
    dimReports[dim.inputIndex] = {
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
  const interval =
    score === null
      ? null
      : scoreInterval({ weights: effWeights, values: adjValues, raters: valueRaters, score, interviewers: weightedInterviewers, scaleMin, scaleMax });
  const rawInterval =
    rawScore === null
      ? null
      : scoreInterval({
          weights: effWeights,
          values: rawValues,
          raters: valueRaters,
          score: rawScore,
          interviewers: weightedInterviewers,
          scaleMin,
          scaleMax,
        });

  // Red flags: flag → sorted, distinct raisers.
  const flagMap = new Map<string, string[]>();
  for (const card of cards) {
    for (const flag of card.redFlags) {
      const list = flagMap.get(flag);
      if (list === undefined) flagMap.set(flag, [card.interviewerId]);
      else if (list[list.length - 1] !== card.interviewerId) list.push(card.interviewerId);
    }
  }
  const redFlags: RedFlagReport[] = [...flagMap.keys()].sort(compareCodeUnits).map((flag) => ({ flag, raisedBy: flagMap.get(flag) as string[] })); // cards are sorted, so raisers are too

  const split = splitPanelOf(cards);

  const { recommendation, reasons } = decide({
    policy,
    scale,
    interviewerCount: offsets.length,
    coverage,
    score,
    interval,
    dims,
    effWeights,
    weightShares,
    raters,
    adjMeans,
    loneLowest,
    redFlags,
    split,
  });

  return {
    algorithmVersion: ALGORITHM_VERSION,
    inputsHash,
    policy: { ...policy },
    recommendation,
    reasons,
    score: score === null ? null : fig(score),
    rawScore: rawScore === null ? null : fig(rawScore),
    coverage: fig(coverage),
    interval: toInterval(interval),
    rawInterval: toInterval(rawInterval),
    scale: scale.kind,
    splitPanel: split !== null,
    dimensions: dimReports,
    redFlags,
    interviewers,
    ignoredRatings,
  };
}

const RECOMMENDATION_KEYS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;

function toInterval(interval: { low: number; high: number } | null): ScoreInterval | null {
  return interval === null ? null : { level: INTERVAL_METHOD.level, low: fig(interval.low), high: fig(interval.high) };
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
