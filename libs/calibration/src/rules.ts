/**
 * The decision rules of a report: from the panel's figures to `hire`, `no_hire` or `inconclusive` with reasons.
 */
import { RECOMMENDATION_STEP, type NormalizedDimension, type NormalizedScorecard } from './normalize';
import type { RatingScale } from './scales';
import { round } from './stats';
import { RECOMMENDATIONS, type HirePolicy, type HiringDecision, type Reason, type Recommendation, type RedFlagReport } from './types';

/**
 * Legacy tolerance, kept for callers. Rules are now evaluated on figures rounded to {@link OUTPUT_DECIMALS}
 * (see {@link decide}), which absorbs floating-point noise such as 0.1·3 + 0.2·3 + 0.7·3 = 3.0000000000000004.
 */
export const TIE_TOLERANCE = 1e-9;

/** Output figures (means, score, coverage, interval, offsets, reason figures) are rounded to this many decimals. */
export const OUTPUT_DECIMALS = 4;

/** A figure as shown, and as judged: rounded to 4 decimals. */
export function fig(value: number): number {
  return round(value, OUTPUT_DECIMALS);
}

export interface SplitInfo {
  /** Interviewers holding the most positive recommendation, and that recommendation. */
  high: { recommendation: Recommendation; interviewerIds: string[] };
  low: { recommendation: Recommendation; interviewerIds: string[] };
}

/**
 * Split panel: some scorecard recommends hiring (yes / strong_yes) and another recommends against
 * (no / strong_no), at least two steps apart on strong_no < no < yes < strong_yes
 * (yes↔strong_no, strong_yes↔no, strong_yes↔strong_no; yes↔no is one step and is not a split).
 * Every scorecard counts, so one interviewer's earlier strong_no and later yes split the panel.
 */
export function splitPanelOf(cards: readonly NormalizedScorecard[]): SplitInfo | null {
  let hi = -1;
  let lo = 4;
  for (const c of cards) {
    const step = RECOMMENDATION_STEP[c.recommendation];
    if (step >= 2 && step > hi) hi = step;
    if (step <= 1 && step < lo) lo = step;
  }
  if (hi < 0 || lo > 3 || hi - lo < 2) return null;
  const who = (step: number) => {
    const ids: string[] = [];
    for (const c of cards) {
      if (RECOMMENDATION_STEP[c.recommendation] === step && ids[ids.length - 1] !== c.interviewerId) ids.push(c.interviewerId);
    }
    return ids; // cards are sorted by interviewer, so ids are sorted and unique
  };
  return {
    high: { recommendation: RECOMMENDATIONS[hi], interviewerIds: who(hi) },
    low: { recommendation: RECOMMENDATIONS[lo], interviewerIds: who(lo) },
  };
}

export interface DecisionContext {
  policy: HirePolicy;
  scale: RatingScale;
  /** Distinct interviewers with a scorecard, blank or not. */
  interviewersWithScorecards: number;
  /** Distinct interviewers who rated at least one positively weighted dimension: what `minInterviewers` counts. */
  ratingInterviewers: number;
  coverage: number;
  score: number | null;
  interval: { low: number; high: number } | null;
  dims: readonly NormalizedDimension[];
  effWeights: readonly number[];
  weightShares: readonly number[];
  /** Distinct raters per dimension. */
  raters: readonly number[];
  adjMeans: ReadonlyArray<number | null>;
  /** Per dimension: the interviewer who rated it at the scale's lowest level while being its only rater, else null. */
  loneLowest: ReadonlyArray<string | null>;
  redFlags: readonly RedFlagReport[];
  split: SplitInfo | null;
}

/**
 * The rules, in order. Every comparison is made on figures rounded to 4 decimals — the figures the report shows
 * and the reasons carry — so what is shown is what was judged (a score of 2.99996 is shown as 3.0000 and meets a
 * bar of 3; a score of 2.9999 is shown as 2.9999 and does not). A figure equal to its threshold meets it.
 *
 * 1. fewer than `minInterviewers` distinct interviewers who rated a positively weighted dimension (a blank
 *    scorecard, or one rating only dimensions outside the loop or of weight 0, is no evidence), coverage <
 *    `minCoverage`, or no score at all → inconclusive (`insufficient_evidence`, one reason per cause);
 * 2. a positively weighted dimension rated by ≥ 2 interviewers with adjusted mean < floor (`below_floor`, one
 *    reason per dimension), or interval.high < bar (`below_bar`) → no_hire, naming every cause;
 * 3. hire (`meets_bar`) when score ≥ bar and interval.low ≥ bar − margin, and none of the blocking causes of
 *    rule 4 applies;
 * 4. otherwise inconclusive, naming every cause: `dimension_unassessed` (a required dimension nobody rated),
 *    `low_rating` (a required dimension rated at the scale's lowest level by its only rater), `below_meets`
 *    (policy everyDimensionMeets: a required dimension whose adjusted mean is below the "meets" level),
 *    `red_flag` (one per flag), `split_panel`, `uncertain` (interval.low < bar − margin), `below_bar`
 *    (score < bar).
 * Zero-weight dimensions (among weighted ones) take part in no rule.
 */
export function decide(ctx: DecisionContext): { recommendation: HiringDecision; reasons: Reason[] } {
  const { policy, score, interval, scale } = ctx;
  const bar = fig(policy.bar);
  const floor = fig(policy.floor);
  const margin = fig(policy.margin);
  const threshold = fig(policy.bar - policy.margin);
  const { minCoverage, minInterviewers } = policy;

  // Rule 1: enough evidence?
  const insufficient: Reason[] = [];
  if (ctx.ratingInterviewers < minInterviewers) {
    insufficient.push(tooFewInterviewers(ctx.ratingInterviewers, ctx.interviewersWithScorecards, minInterviewers));
  }
  const coverage = fig(ctx.coverage);
  if (coverage < fig(minCoverage)) {
    const [got, need] = formatPair(coverage * 100, minCoverage * 100, 0);
    insufficient.push({
      code: 'insufficient_evidence',
      message: `Ratings cover ${got}% of the loop's weighted dimensions; at least ${need}% is required.`,
      figures: { coverage, minCoverage: fig(minCoverage) },
    });
  }
  if (score === null || interval === null) {
    insufficient.push({ code: 'insufficient_evidence', message: 'No weighted dimension has been rated, so there is no score.' });
  }
  if (insufficient.length > 0 || score === null || interval === null) {
    return { recommendation: 'inconclusive', reasons: insufficient };
  }
  const s = fig(score);
  const low = fig(interval.low);
  const high = fig(interval.high);
  const adjusted = policy.adjustForLeniency ? ' after leniency adjustment' : '';

  // Rule 2: clear no-hire?
  const noHire: Reason[] = [];
  for (let d = 0; d < ctx.dims.length; d++) {
    const raw = ctx.adjMeans[d];
    if (ctx.effWeights[d] <= 0 || ctx.raters[d] < 2 || raw === null) continue;
    const mean = fig(raw);
    if (mean < floor) {
      const [m, f] = formatPair(mean, floor);
      const dim = ctx.dims[d];
      noHire.push({
        code: 'below_floor',
        dimensionId: dim.id,
        message: `${dim.name} averages ${m}${adjusted} across ${ctx.raters[d]} interviewers, below the floor of ${f}.`,
        figures: { mean, floor, raters: ctx.raters[d] },
      });
    }
  }
  if (high < bar) {
    const [h, b] = formatPair(high, bar);
    noHire.push({
      code: 'below_bar',
      message: `Even the top of the 90% range for the score (${h}) is below the bar of ${b}.`,
      figures: { intervalHigh: high, bar },
    });
  }
  if (noHire.length > 0) return { recommendation: 'no_hire', reasons: noHire };

  // Rules 3 and 4.
  const reasons: Reason[] = [];
  for (let d = 0; d < ctx.dims.length; d++) {
    const dim = ctx.dims[d];
    if (!dim.required || ctx.effWeights[d] <= 0 || ctx.raters[d] > 0) continue;
    const share = fig(ctx.weightShares[d]);
    reasons.push({
      code: 'dimension_unassessed',
      dimensionId: dim.id,
      message: `${dim.name} is required but nobody rated it (${formatPair(share * 100, 0, 0)[0]}% of the loop's weight).`,
      figures: { weightShare: share },
    });
  }
  for (let d = 0; d < ctx.dims.length; d++) {
    const who = ctx.loneLowest[d];
    const dim = ctx.dims[d];
    if (who === null || !dim.required || ctx.effWeights[d] <= 0) continue;
    reasons.push({
      code: 'low_rating',
      dimensionId: dim.id,
      interviewerId: who,
      message: `Interviewer ${who} rated ${dim.name} ${scale.min} ("${scale.levels[0].label}"), the lowest level, and no other interviewer has rated it yet.`,
      figures: { rating: scale.min, min: scale.min },
    });
  }
  if (policy.everyDimensionMeets) {
    const meets = fig(scale.meets);
    for (let d = 0; d < ctx.dims.length; d++) {
      const raw = ctx.adjMeans[d];
      const dim = ctx.dims[d];
      if (!dim.required || ctx.effWeights[d] <= 0 || raw === null) continue;
      const mean = fig(raw);
      if (mean < meets) {
        const [m, t] = formatPair(mean, meets);
        reasons.push({
          code: 'below_meets',
          dimensionId: dim.id,
          message: `${dim.name} averages ${m}${adjusted}, below the "meets" level of ${t}; the policy requires every dimension to meet it.`,
          figures: { mean, meets },
        });
      }
    }
  }
  for (const { flag, raisedBy } of ctx.redFlags) {
    reasons.push({
      code: 'red_flag',
      flag,
      interviewerIds: [...raisedBy],
      message: `Red flag ${JSON.stringify(flag)} was raised by ${listIds(raisedBy)}.`,
    });
  }
  if (ctx.split !== null) {
    const { high: hi, low: lo } = ctx.split;
    reasons.push({
      code: 'split_panel',
      interviewerIds: [...hi.interviewerIds, ...lo.interviewerIds],
      message: `The panel is split: ${listIds(hi.interviewerIds)} ${hi.interviewerIds.length === 1 ? 'recommends' : 'recommend'} ${hi.recommendation} while ${listIds(lo.interviewerIds)} ${lo.interviewerIds.length === 1 ? 'recommends' : 'recommend'} ${lo.recommendation}.`,
    });
  }
  const blocked = reasons.length > 0;
  const meetsBar = s >= bar;
  const lowEnough = low >= threshold;
  if (meetsBar && lowEnough && !blocked) {
    const [sv, b] = formatPair(s, bar);
    const [l] = formatPair(low, threshold);
    return {
      recommendation: 'hire',
      reasons: [
        {
          code: 'meets_bar',
          message: `Weighted score ${sv} meets the bar of ${b}, and the 90% range starts at ${l}, no more than ${margin.toFixed(2)} below the bar.`,
          figures: { score: s, bar, intervalLow: low, margin, threshold },
        },
      ],
    };
  }
  if (!lowEnough) {
    const [l, t] = formatPair(low, threshold);
    const [, b] = formatPair(low, bar);
    reasons.push({
      code: 'uncertain',
      message: `The 90% range for the score reaches down to ${l}, below ${t} (more than ${margin.toFixed(2)} below the bar of ${b}).`,
      figures: { intervalLow: low, bar, margin, threshold },
    });
  }
  if (!meetsBar) {
    const [sv, b] = formatPair(s, bar);
    reasons.push({ code: 'below_bar', message: `Weighted score ${sv} is below the bar of ${b}.`, figures: { score: s, bar } });
  }
  return { recommendation: 'inconclusive', reasons };
}

/**
 * Formats two figures with `digits` decimals, adding decimals (up to 4, the precision the rules judge at) while
 * two different figures would print equal — so a failing figure is never shown equal to its threshold.
 */
export function formatPair(a: number, b: number, digits = 2): [string, string] {
  let d = digits;
  while (d < OUTPUT_DECIMALS && a.toFixed(d) === b.toFixed(d) && a !== b) d++;
  return [a.toFixed(d), b.toFixed(d)];
}

/**
 * The `minInterviewers` reason. When some interviewers submitted a scorecard without rating a weighted dimension,
 * the message says so, and `figures.interviewersWithScorecards` carries their total beside the count judged.
 */
function tooFewInterviewers(raters: number, withScorecards: number, minInterviewers: number): Reason {
  const required = `at least ${minInterviewers} ${minInterviewers === 1 ? 'is' : 'are'} required`;
  const figures: Record<string, number> = { interviewers: raters, minInterviewers };
  if (raters === withScorecards) {
    const submitted =
      raters === 0
        ? 'No scorecards were submitted'
        : raters === 1
          ? 'Only 1 interviewer submitted a scorecard'
          : `Only ${raters} interviewers submitted scorecards`;
    return { code: 'insufficient_evidence', message: `${submitted}; ${required}.`, figures };
  }
  const submitted = withScorecards === 1 ? '1 interviewer submitted a scorecard' : `${withScorecards} interviewers submitted scorecards`;
  const rated =
    raters === 0
      ? withScorecards === 1
        ? 'rated no weighted dimension of the loop'
        : 'none rated a weighted dimension of the loop'
      : `only ${raters} rated a weighted dimension of the loop`;
  return {
    code: 'insufficient_evidence',
    message: `${submitted}, but ${rated}; ${required}.`,
    figures: { ...figures, interviewersWithScorecards: withScorecards },
  };
}

function listIds(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}
