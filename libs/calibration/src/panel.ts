/**
 * The panel's evidence, interviewer by interviewer: one value per (dimension, interviewer) — raw and
 * leniency-adjusted —, the interviewers' part of the report, and the red flags with who raised them.
 */
import { compareCodeUnits } from './canonical';
import { RECOMMENDATION_STEP, type NormalizedInput, type NormalizedScorecard } from './normalize';
import { fig } from './rules';
import { offsetOnScale } from './scales';
import { RECOMMENDATIONS, type IgnoredRating, type InterviewerReport, type RedFlagReport } from './types';

/** Every array indexed by dimension is in the canonical dimension order (by id). */
export interface PanelValues {
  /** Per dimension: one value per interviewer who rated it, the mean of that interviewer's ratings. */
  rawValues: number[][];
  /** The same, of the interviewer's adjusted ratings (each clamped to the scale before averaging). */
  adjValues: number[][];
  /** Per dimension, aligned with the values: the index (in `offsets`) of the interviewer behind each value. */
  valueRaters: number[][];
  /** Per dimension: every rating of it, an interviewer's several ratings counted separately. */
  ratingCounts: number[];
  /** Per dimension: the lowest and highest single rating (±Infinity when not rated). */
  mins: number[];
  maxs: number[];
  /** Per dimension: an interviewer who rated it at the scale's lowest level (the last one in canonical order). */
  lowestBy: Array<string | null>;
  ignoredRatings: IgnoredRating[];
  interviewers: InterviewerReport[];
  /** Interviewers who rated at least one positively weighted dimension. */
  weightedInterviewers: number;
}

/**
 * Walks the scorecards once (they are sorted by interviewer, like `offsets`). Several scorecards of one interviewer
 * all count: every recommendation and every rating, an interviewer's several ratings of one dimension averaged
 * first so that each interviewer is one value per dimension. An interviewer's summary recommendation is their
 * most negative one.
 */
export function collectPanel(norm: NormalizedInput, effWeights: readonly number[]): PanelValues {
  const { dimensions: dims, scorecards: cards, offsets, policy, scale } = norm;
  const D = dims.length;
  const { min: scaleMin, max: scaleMax } = scale;

  const rawValues: number[][] = Array.from({ length: D }, () => []);
  const adjValues: number[][] = Array.from({ length: D }, () => []);
  const valueRaters: number[][] = Array.from({ length: D }, () => []);
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
      recommendation: RECOMMENDATIONS[lowestStep],
      recommendations,
    });
  }

  return { rawValues, adjValues, valueRaters, ratingCounts, mins, maxs, lowestBy, ignoredRatings, interviewers, weightedInterviewers };
}

/** Red flags: each flag (sorted) with its distinct raisers (sorted, as the scorecards are). */
export function redFlagsOf(cards: readonly NormalizedScorecard[]): RedFlagReport[] {
  const flagMap = new Map<string, string[]>();
  for (const card of cards) {
    for (const flag of card.redFlags) {
      const list = flagMap.get(flag);
      if (list === undefined) flagMap.set(flag, [card.interviewerId]);
      else if (list[list.length - 1] !== card.interviewerId) list.push(card.interviewerId);
    }
  }
  return [...flagMap.keys()].sort(compareCodeUnits).map((flag) => ({ flag, raisedBy: flagMap.get(flag) as string[] }));
}
