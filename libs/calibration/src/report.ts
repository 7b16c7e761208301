/**
 * The assembly of a report: validated input (normalize.ts) → the panel's values (panel.ts) → the dimension picture
 * (dimensions.ts) → the rules (rules.ts) → one {@link CalibrationReport}.
 */
import { hashNormalized } from './canonical-input';
import { dimensionPicture, effectiveWeights } from './dimensions';
import { INTERVAL_METHOD } from './interval';
import { normalizeInput } from './normalize';
import { collectPanel, redFlagsOf } from './panel';
import { decide, fig, splitPanelOf } from './rules';
import type { CalibrationReport, ReportInput, ScoreInterval } from './types';
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
 *   interviewers). `minInterviewers` counts distinct interviewers who rated at least one positively weighted
 *   dimension: a blank scorecard, or one rating only dimensions outside the loop, is not evidence.
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
  const effWeights = effectiveWeights(dims);
  const panel = collectPanel(norm, effWeights);
  const picture = dimensionPicture(norm, effWeights, panel);
  const redFlags = redFlagsOf(cards);
  const split = splitPanelOf(cards);

  const { recommendation, reasons } = decide({
    policy,
    scale,
    interviewersWithScorecards: offsets.length,
    ratingInterviewers: panel.weightedInterviewers,
    coverage: picture.coverage,
    score: picture.score,
    interval: picture.interval,
    dims,
    effWeights,
    weightShares: picture.weightShares,
    raters: picture.raters,
    adjMeans: picture.adjMeans,
    loneLowest: picture.loneLowest,
    redFlags,
    split,
  });

  return {
    algorithmVersion: ALGORITHM_VERSION,
    inputsHash,
    policy: { ...policy },
    recommendation,
    reasons,
    score: picture.score === null ? null : fig(picture.score),
    rawScore: picture.rawScore === null ? null : fig(picture.rawScore),
    coverage: fig(picture.coverage),
    interval: toInterval(picture.interval),
    rawInterval: toInterval(picture.rawInterval),
    scale: scale.kind,
    splitPanel: split !== null,
    dimensions: picture.dimensions,
    redFlags,
    interviewers: panel.interviewers,
    ignoredRatings: panel.ignoredRatings,
  };
}

function toInterval(interval: { low: number; high: number } | null): ScoreInterval | null {
  return interval === null ? null : { level: INTERVAL_METHOD.level, low: fig(interval.low), high: fig(interval.high) };
}
