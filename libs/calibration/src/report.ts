import { compareCodeUnits, sha256Hex, type CanonicalValue } from './canonical';
import { assertId, assertRating, CalibrationInputError, describeValue, isRating } from './errors';
import { INTERVAL_METHOD, scoreInterval } from './interval';
import { round } from './stats';
import {
  DEFAULT_HIRE_POLICY,
  RECOMMENDATIONS,
  type CalibrationReport,
  type DimensionReport,
  type HirePolicy,
  type HiringDecision,
  type IgnoredRating,
  type InterviewerReport,
  type Rating,
  type Reason,
  type Recommendation,
  type RedFlagReport,
  type ReportInput,
  type ScorecardRating,
} from './types';
import { ALGORITHM_VERSION } from './version';

/**
 * Tolerance for threshold comparisons. Rules are evaluated on unrounded figures; a figure within
 * 1e-9 of a threshold counts as *meeting* it (score = bar → meets the bar, adjusted mean = floor → not
 * below the floor, coverage = minCoverage → enough, interval.low = bar − margin → not uncertain,
 * interval.high = bar → not below the bar). This only absorbs floating-point noise such as
 * 0.1·3 + 0.2·3 + 0.7·3 = 3.0000000000000004; it is far below any difference a rating can make.
 */
export const TIE_TOLERANCE = 1e-9;

/** Output figures (means, score, coverage, interval, offsets) are rounded to this many decimals. */
export const OUTPUT_DECIMALS = 4;

/** Offsets must lie within ±3 rating points: anything larger cannot arise on a 1–4 scale. */
export const MAX_ABS_OFFSET = 3;

interface NormalizedDimension {
  id: string;
  name: string;
  weight: number;
  /** Position in `input.dimensions`, used to keep the output in loop order. */
  inputIndex: number;
}

interface NormalizedScorecard {
  interviewerId: string;
  recommendation: Recommendation;
  /** Trimmed, de-duplicated, sorted. */
  redFlags: string[];
  /** Rating of each loop dimension, aligned with `NormalizedInput.dimensions` (sorted by id); 0 = not rated. */
  ratings: Array<Rating | 0>;
  /** Ratings of dimensions that are not in the loop, sorted by dimensionId. */
  unknown: IgnoredRating[];
}

interface NormalizedOffset {
  offset: number;
  n: number | null;
}

/** Validated input with every array in canonical order. */
export interface NormalizedInput {
  /** Sorted by id. */
  dimensions: NormalizedDimension[];
  /** Sorted by interviewerId. */
  scorecards: NormalizedScorecard[];
  /** Same order as `scorecards`. */
  offsets: NormalizedOffset[];
  policy: HirePolicy;
}

const RECOMMENDATION_STEP: Readonly<Record<Recommendation, number>> = Object.freeze({
  strong_no: 0,
  no: 1,
  yes: 2,
  strong_yes: 3,
});

/**
 * Builds the calibrated debrief report of one candidate's interview loop.
 *
 * Pure and deterministic: no I/O, no clock, no randomness. Every figure is computed in a canonical order
 * (dimensions by id, scorecards by interviewer id), so reordering any input array changes neither the
 * figures nor `inputsHash`; only `dimensions[]` follows the order of `input.dimensions` (loop order).
 *
 * Input handling:
 * - malformed input (rating not an integer 1..4, unknown recommendation, duplicate dimension id,
 *   duplicate scorecard for one interviewer, duplicate rating of one dimension in a scorecard, negative
 *   or non-finite weight, offset outside ±3, invalid policy value) throws {@link CalibrationInputError};
 * - a rating for a dimension that is not in `input.dimensions` is ignored and listed in `ignoredRatings`
 *   (scorecards can outlive a loop edit);
 * - offsets are looked up only for interviewers on the panel; others are neither validated nor hashed;
 * - weights are relative (old loops did not sum to 100); if they are all 0, dimensions count equally;
 *   a dimension with weight 0 (when others are positive) is reported but affects neither score,
 *   coverage nor the floor rule.
 */
export function buildReport(input: ReportInput): CalibrationReport {
  const norm = normalizeInput(input);
  const inputsHash = hashNormalized(norm);
  const { dimensions: dims, scorecards: cards, offsets, policy } = norm;
  const D = dims.length;

  // Effective weights: as configured, or all 1 when the configured weights sum to 0.
  let totalConfigured = 0;
  for (const d of dims) totalConfigured += d.weight;
  const effWeights = dims.map((d) => (totalConfigured > 0 ? d.weight : 1));
  let totalWeight = 0;
  for (const w of effWeights) totalWeight += w;

  const adjSums = new Array<number>(D).fill(0);
  const rawSums = new Array<number>(D).fill(0);
  const counts = new Array<number>(D).fill(0);
  const mins = new Array<number>(D).fill(5);
  const maxs = new Array<number>(D).fill(0);
  const raters: Array<{ dims: number[]; values: number[] }> = [];
  const ignoredRatings: IgnoredRating[] = [];
  const interviewers: InterviewerReport[] = [];

  for (let c = 0; c < cards.length; c++) {
    const card = cards[c];
    const { offset, n } = offsets[c];
    const applied = policy.adjustForLeniency ? offset : 0;
    const raterDims: number[] = [];
    const raterValues: number[] = [];
    let weighted = false;
    let rated = 0;
    for (const ignored of card.unknown) ignoredRatings.push({ ...ignored });
    for (let d = 0; d < D; d++) {
      const rating = card.ratings[d];
      if (rating === 0) continue;
      rated++;
      const adjusted = rating - applied;
      adjSums[d] += adjusted;
      rawSums[d] += rating;
      counts[d]++;
      if (rating < mins[d]) mins[d] = rating;
      if (rating > maxs[d]) maxs[d] = rating;
      raterDims.push(d);
      raterValues.push(adjusted);
      if (effWeights[d] > 0) weighted = true;
    }
    if (weighted) raters.push({ dims: raterDims, values: raterValues });
    interviewers.push({
      interviewerId: card.interviewerId,
      offset: round(offset, OUTPUT_DECIMALS),
      n,
      offsetApplied: round(applied, OUTPUT_DECIMALS),
      ratings: rated,
      recommendation: card.recommendation,
    });
  }

  // Per-dimension figures, score, raw score and coverage (canonical order).
  const dimReports: DimensionReport[] = new Array<DimensionReport>(D);
  const adjMeans: Array<number | null> = new Array<number | null>(D).fill(null);
  let coveredWeight = 0;
  let scoreNum = 0;
  let rawNum = 0;
  let scoreDen = 0;
  for (let d = 0; d < D; d++) {
    const dim = dims[d];
    const k = counts[d];
    const rawMean = k > 0 ? rawSums[d] / k : null;
    const adjustedMean = k > 0 ? adjSums[d] / k : null;
    adjMeans[d] = adjustedMean;
    const w = effWeights[d];
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
      weightShare: round(w / totalWeight, OUTPUT_DECIMALS),
      raters: k,
      rawMean: rawMean === null ? null : round(rawMean, OUTPUT_DECIMALS),
      adjustedMean: adjustedMean === null ? null : round(adjustedMean, OUTPUT_DECIMALS),
      min: k > 0 ? (mins[d] as Rating) : null,
      max: k > 0 ? (maxs[d] as Rating) : null,
      disagreement: k > 1 && maxs[d] - mins[d] >= 2,
    };
  }
  const coverage = coveredWeight / totalWeight;
  const score = scoreDen > 0 ? scoreNum / scoreDen : null;
  const rawScore = scoreDen > 0 ? rawNum / scoreDen : null;
  const interval =
    score === null ? null : scoreInterval({ weights: effWeights, sums: adjSums, counts, raters, score });

  // Red flags: flag → sorted raisers.
  const flagMap = new Map<string, string[]>();
  for (const card of cards) {
    for (const flag of card.redFlags) {
      const list = flagMap.get(flag);
      if (list) list.push(card.interviewerId);
      else flagMap.set(flag, [card.interviewerId]);
    }
  }
  const redFlags: RedFlagReport[] = [...flagMap.keys()]
    .sort(compareCodeUnits)
    .map((flag) => ({ flag, raisedBy: flagMap.get(flag) as string[] })); // cards are sorted, so raisers are too

  const split = splitPanelOf(cards);

  const { recommendation, reasons } = decide({
    policy,
    scorecardCount: cards.length,
    coverage,
    score,
    interval,
    dims,
    effWeights,
    counts,
    adjMeans,
    redFlags,
    split,
  });

  return {
    algorithmVersion: ALGORITHM_VERSION,
    inputsHash,
    policy: { ...policy },
    recommendation,
    reasons,
    score: score === null ? null : round(score, OUTPUT_DECIMALS),
    rawScore: rawScore === null ? null : round(rawScore, OUTPUT_DECIMALS),
    coverage: round(coverage, OUTPUT_DECIMALS),
    interval:
      interval === null
        ? null
        : {
            level: INTERVAL_METHOD.level,
            low: round(interval.low, OUTPUT_DECIMALS),
            high: round(interval.high, OUTPUT_DECIMALS),
          },
    splitPanel: split !== null,
    dimensions: dimReports,
    redFlags,
    interviewers,
    ignoredRatings,
  };
}

/**
 * sha256 (hex) of the canonicalised input (layout: see canonicalInputOf below; text: {@link canonicalInputText}):
 * dimensions sorted by id; scorecards sorted by interviewer id, each with its ratings aligned to those
 * dimensions (plus any ratings of unknown dimensions, sorted) and red flags trimmed, de-duplicated and sorted; the offset
 * record `{ offset, n }` of each panel interviewer (missing = `{ offset: 0, n: null }`); and the policy
 * after defaults. Independent of the order of any input array and of offsets for interviewers not on the
 * panel. Throws {@link CalibrationInputError} on malformed input, like {@link buildReport}.
 */
export function computeInputsHash(input: ReportInput): string {
  return hashNormalized(normalizeInput(input));
}

/** True when `report` was produced by this algorithm version from exactly this (canonicalised) input. */
export function isReportCurrent(report: Pick<CalibrationReport, 'algorithmVersion' | 'inputsHash'>, input: ReportInput): boolean {
  return report.algorithmVersion === ALGORITHM_VERSION && report.inputsHash === computeInputsHash(input);
}

/** Applies {@link DEFAULT_HIRE_POLICY} and validates. Unknown keys are ignored; `undefined` or `null` means default. */
export function resolvePolicy(partial?: Partial<HirePolicy> | null): HirePolicy {
  if (partial === undefined || partial === null) return { ...DEFAULT_HIRE_POLICY };
  if (typeof partial !== 'object' || Array.isArray(partial)) {
    throw new CalibrationInputError('invalid_policy', 'policy', `expected an object, got ${describeValue(partial)}`);
  }
  const pick = <K extends keyof HirePolicy>(key: K): HirePolicy[K] =>
    partial[key] === undefined || partial[key] === null ? DEFAULT_HIRE_POLICY[key] : (partial[key] as HirePolicy[K]);
  const policy: HirePolicy = {
    bar: pick('bar'),
    floor: pick('floor'),
    minCoverage: pick('minCoverage'),
    minInterviewers: pick('minInterviewers'),
    margin: pick('margin'),
    adjustForLeniency: pick('adjustForLeniency'),
  };
  const fail = (key: keyof HirePolicy, what: string): never => {
    throw new CalibrationInputError('invalid_policy', `policy.${key}`, `${what}, got ${describeValue(policy[key])}`);
  };
  if (!Number.isFinite(policy.bar)) fail('bar', 'expected a finite number');
  if (!Number.isFinite(policy.floor)) fail('floor', 'expected a finite number');
  if (!(Number.isFinite(policy.minCoverage) && policy.minCoverage >= 0 && policy.minCoverage <= 1)) {
    fail('minCoverage', 'expected a number from 0 to 1');
  }
  if (!(Number.isInteger(policy.minInterviewers) && policy.minInterviewers >= 1)) {
    fail('minInterviewers', 'expected an integer ≥ 1');
  }
  if (!(Number.isFinite(policy.margin) && policy.margin >= 0)) fail('margin', 'expected a finite number ≥ 0');
  if (typeof policy.adjustForLeniency !== 'boolean') fail('adjustForLeniency', 'expected a boolean');
  return policy;
}

// ---------------------------------------------------------------------------------------------------------
// Decision rules
// ---------------------------------------------------------------------------------------------------------

interface SplitInfo {
  /** Interviewers holding the most positive recommendation, and that recommendation. */
  high: { recommendation: Recommendation; interviewerIds: string[] };
  low: { recommendation: Recommendation; interviewerIds: string[] };
}

/**
 * Split panel: some interviewer recommends hiring (yes / strong_yes) and another recommends against
 * (no / strong_no), at least two steps apart on strong_no < no < yes < strong_yes
 * (yes↔strong_no, strong_yes↔no, strong_yes↔strong_no; yes↔no is one step and is not a split).
 */
function splitPanelOf(cards: readonly NormalizedScorecard[]): SplitInfo | null {
  let hi = -1;
  let lo = 4;
  for (const c of cards) {
    const step = RECOMMENDATION_STEP[c.recommendation];
    if (step >= 2 && step > hi) hi = step;
    if (step <= 1 && step < lo) lo = step;
  }
  if (hi < 0 || lo > 3 || hi - lo < 2) return null;
  const who = (step: number) => cards.filter((c) => RECOMMENDATION_STEP[c.recommendation] === step).map((c) => c.interviewerId);
  return {
    high: { recommendation: RECOMMENDATIONS[hi], interviewerIds: who(hi) },
    low: { recommendation: RECOMMENDATIONS[lo], interviewerIds: who(lo) },
  };
}

interface DecisionContext {
  policy: HirePolicy;
  scorecardCount: number;
  coverage: number;
  score: number | null;
  interval: { low: number; high: number } | null;
  dims: readonly NormalizedDimension[];
  effWeights: readonly number[];
  counts: readonly number[];
  adjMeans: ReadonlyArray<number | null>;
  redFlags: readonly RedFlagReport[];
  split: SplitInfo | null;
}

/**
 * The rules, in order (all comparisons on unrounded figures, with {@link TIE_TOLERANCE} in favour of
 * meeting a threshold):
 * 1. fewer than `minInterviewers` scorecards, coverage < `minCoverage`, or no score at all
 *    → inconclusive (`insufficient_evidence`, one reason per cause);
 * 2. a positively weighted dimension rated by ≥ 2 interviewers with adjustedMean < floor (`below_floor`,
 *    one reason per dimension), or interval.high < bar (`below_bar`) → no_hire, naming every cause;
 * 3. score ≥ bar, interval.low ≥ bar − margin, no red flag, no split panel → hire (`meets_bar`);
 * 4. otherwise inconclusive, naming every cause: `red_flag` (one per flag), `split_panel`, `uncertain`
 *    (interval.low < bar − margin), `below_bar` (score < bar).
 */
function decide(ctx: DecisionContext): { recommendation: HiringDecision; reasons: Reason[] } {
  const { policy, score, interval } = ctx;
  const { bar, floor, margin, minCoverage, minInterviewers } = policy;

  // Rule 1: enough evidence?
  const insufficient: Reason[] = [];
  if (ctx.scorecardCount < minInterviewers) {
    const count = ctx.scorecardCount;
    const submitted =
      count === 0 ? 'No scorecards were submitted' : count === 1 ? 'Only 1 scorecard was submitted' : `Only ${count} scorecards were submitted`;
    insufficient.push({
      code: 'insufficient_evidence',
      message: `${submitted}; at least ${minInterviewers} ${minInterviewers === 1 ? 'is' : 'are'} required.`,
    });
  }
  if (ctx.coverage < minCoverage - TIE_TOLERANCE) {
    const [got, need] = formatPair(ctx.coverage * 100, minCoverage * 100, 0);
    insufficient.push({
      code: 'insufficient_evidence',
      message: `Ratings cover ${got}% of the loop's weighted dimensions; at least ${need}% is required.`,
    });
  }
  if (score === null || interval === null) {
    insufficient.push({
      code: 'insufficient_evidence',
      message: 'No weighted dimension has been rated, so there is no score.',
    });
  }
  if (insufficient.length > 0 || score === null || interval === null) {
    return { recommendation: 'inconclusive', reasons: insufficient };
  }

  // Rule 2: clear no-hire?
  const noHire: Reason[] = [];
  for (let d = 0; d < ctx.dims.length; d++) {
    const mean = ctx.adjMeans[d];
    if (ctx.effWeights[d] <= 0 || ctx.counts[d] < 2 || mean === null) continue;
    if (mean < floor - TIE_TOLERANCE) {
      const [m, f] = formatPair(mean, floor);
      const dim = ctx.dims[d];
      noHire.push({
        code: 'below_floor',
        dimensionId: dim.id,
        message: `${dim.name} averages ${m}${policy.adjustForLeniency ? ' after leniency adjustment' : ''} across ${ctx.counts[d]} interviewers, below the floor of ${f}.`,
      });
    }
  }
  if (interval.high < bar - TIE_TOLERANCE) {
    const [h, b] = formatPair(interval.high, bar);
    noHire.push({
      code: 'below_bar',
      message: `Even the top of the 90% range for the score (${h}) is below the bar of ${b}.`,
    });
  }
  if (noHire.length > 0) return { recommendation: 'no_hire', reasons: noHire };

  // Rules 3 and 4.
  const meetsBar = score >= bar - TIE_TOLERANCE;
  const lowEnough = interval.low >= bar - margin - TIE_TOLERANCE;
  if (meetsBar && lowEnough && ctx.redFlags.length === 0 && ctx.split === null) {
    const [s, b] = formatPair(score, bar);
    const [l] = formatPair(interval.low, bar - margin);
    return {
      recommendation: 'hire',
      reasons: [
        {
          code: 'meets_bar',
          message: `Weighted score ${s} meets the bar of ${b}, and the 90% range starts at ${l}, no more than ${margin.toFixed(2)} below the bar.`,
        },
      ],
    };
  }

  const reasons: Reason[] = [];
  for (const { flag, raisedBy } of ctx.redFlags) {
    reasons.push({ code: 'red_flag', flag, message: `Red flag ${JSON.stringify(flag)} was raised by ${listIds(raisedBy)}.` });
  }
  if (ctx.split !== null) {
    const { high, low } = ctx.split;
    reasons.push({
      code: 'split_panel',
      message: `The panel is split: ${listIds(high.interviewerIds)} ${high.interviewerIds.length === 1 ? 'recommends' : 'recommend'} ${high.recommendation} while ${listIds(low.interviewerIds)} ${low.interviewerIds.length === 1 ? 'recommends' : 'recommend'} ${low.recommendation}.`,
    });
  }
  if (!lowEnough) {
    const [l, b] = formatPair(interval.low, bar);
    reasons.push({
      code: 'uncertain',
      message: `The 90% range for the score reaches down to ${l}, more than ${margin.toFixed(2)} below the bar of ${b}.`,
    });
  }
  if (!meetsBar) {
    const [s, b] = formatPair(score, bar);
    reasons.push({ code: 'below_bar', message: `Weighted score ${s} is below the bar of ${b}.` });
  }
  return { recommendation: 'inconclusive', reasons };
}

/** Formats two figures with `digits` decimals, adding decimals while distinct figures would print equal. */
function formatPair(a: number, b: number, digits = 2): [string, string] {
  let d = digits;
  while (d < 6 && a.toFixed(d) === b.toFixed(d) && Math.abs(a - b) > TIE_TOLERANCE) d++;
  return [a.toFixed(d), b.toFixed(d)];
}

function listIds(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join('');
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

// ---------------------------------------------------------------------------------------------------------
// Validation and canonical form
// ---------------------------------------------------------------------------------------------------------

function normalizeInput(input: ReportInput): NormalizedInput {
  if (input === null || typeof input !== 'object') {
    throw new CalibrationInputError('invalid_input', 'input', `expected an object, got ${describeValue(input)}`);
  }
  const policy = resolvePolicy(input.policy);

  if (!Array.isArray(input.dimensions)) {
    throw new CalibrationInputError('invalid_input', 'dimensions', `expected an array, got ${describeValue(input.dimensions)}`);
  }
  if (input.dimensions.length === 0) {
    throw new CalibrationInputError('no_dimensions', 'dimensions', 'the loop has no dimensions');
  }
  const seenDims = new Set<string>();
  const dimensions: NormalizedDimension[] = input.dimensions.map((d, i) => {
    const path = `dimensions[${i}]`;
    if (d === null || typeof d !== 'object') {
      throw new CalibrationInputError('invalid_input', path, `expected an object, got ${describeValue(d)}`);
    }
    assertId(d.id, `${path}.id`);
    if (typeof d.name !== 'string') {
      throw new CalibrationInputError('invalid_input', `${path}.name`, `expected a string, got ${describeValue(d.name)}`);
    }
    if (!(Number.isFinite(d.weight) && d.weight >= 0)) {
      throw new CalibrationInputError('invalid_weight', `${path}.weight`, `expected a finite number ≥ 0, got ${describeValue(d.weight)}`);
    }
    if (seenDims.has(d.id)) {
      throw new CalibrationInputError('duplicate_dimension', `${path}.id`, `dimension ${JSON.stringify(d.id)} appears twice`);
    }
    seenDims.add(d.id);
    return { id: d.id, name: d.name, weight: d.weight === 0 ? 0 : d.weight, inputIndex: i };
  });
  dimensions.sort((a, b) => compareCodeUnits(a.id, b.id));

  const dimIndex = new Map<string, number>();
  for (let i = 0; i < dimensions.length; i++) dimIndex.set(dimensions[i].id, i);

  if (!Array.isArray(input.scorecards)) {
    throw new CalibrationInputError('invalid_input', 'scorecards', `expected an array, got ${describeValue(input.scorecards)}`);
  }
  const seenCards = new Set<string>();
  const scorecards: NormalizedScorecard[] = input.scorecards.map((card, i) => {
    const path = `scorecards[${i}]`; // cheap enough once per scorecard
    if (card === null || typeof card !== 'object') {
      throw new CalibrationInputError('invalid_input', path, `expected an object, got ${describeValue(card)}`);
    }
    assertId(card.interviewerId, `${path}.interviewerId`);
    if (seenCards.has(card.interviewerId)) {
      throw new CalibrationInputError(
        'duplicate_scorecard',
        `${path}.interviewerId`,
        `interviewer ${JSON.stringify(card.interviewerId)} has more than one scorecard`,
      );
    }
    seenCards.add(card.interviewerId);
    if (!Object.prototype.hasOwnProperty.call(RECOMMENDATION_STEP, card.recommendation)) {
      throw new CalibrationInputError(
        'invalid_recommendation',
        `${path}.recommendation`,
        `expected one of ${RECOMMENDATIONS.join(', ')}, got ${describeValue(card.recommendation)}`,
      );
    }
    const cardRatings: readonly ScorecardRating[] = card.ratings;
    if (!Array.isArray(cardRatings as unknown)) {
      throw new CalibrationInputError('invalid_input', `${path}.ratings`, `expected an array, got ${describeValue(cardRatings)}`);
    }
    const ratings = new Array<Rating | 0>(dimensions.length).fill(0);
    const unknown: IgnoredRating[] = [];
    for (let j = 0; j < cardRatings.length; j++) {
      const r = cardRatings[j];
      // Paths are only built on failure: this loop runs for every rating of every report.
      if (r === null || typeof r !== 'object') {
        throw new CalibrationInputError('invalid_input', `${path}.ratings[${j}]`, `expected an object, got ${describeValue(r)}`);
      }
      if (typeof r.dimensionId !== 'string' || r.dimensionId.length === 0) assertId(r.dimensionId, `${path}.ratings[${j}].dimensionId`);
      if (!isRating(r.rating)) assertRating(r.rating, `${path}.ratings[${j}].rating`);
      const d = dimIndex.get(r.dimensionId);
      const duplicate =
        d === undefined ? unknown.some((u) => u.dimensionId === r.dimensionId) : ratings[d] !== 0;
      if (duplicate) {
        throw new CalibrationInputError(
          'duplicate_rating',
          `${path}.ratings[${j}].dimensionId`,
          `dimension ${JSON.stringify(r.dimensionId)} is rated twice on one scorecard`,
        );
      }
      if (d === undefined) unknown.push({ interviewerId: card.interviewerId, dimensionId: r.dimensionId, rating: r.rating });
      else ratings[d] = r.rating;
    }
    if (unknown.length > 1) unknown.sort((a, b) => compareCodeUnits(a.dimensionId, b.dimensionId));
    const flags: readonly string[] | undefined = card.redFlags;
    let redFlags: string[] = [];
    if (flags !== undefined && flags !== null) {
      if (!Array.isArray(flags as unknown)) {
        throw new CalibrationInputError('invalid_red_flag', `${path}.redFlags`, `expected an array, got ${describeValue(flags)}`);
      }
      if (flags.length > 0) {
        const flagSet = new Set<string>();
        flags.forEach((f, j) => {
          if (typeof f !== 'string') {
            throw new CalibrationInputError('invalid_red_flag', `${path}.redFlags[${j}]`, `expected a string, got ${describeValue(f)}`);
          }
          const t = f.trim();
          if (t.length > 0) flagSet.add(t);
        });
        redFlags = [...flagSet].sort(compareCodeUnits);
      }
    }
    return { interviewerId: card.interviewerId, recommendation: card.recommendation, redFlags, ratings, unknown };
  });
  scorecards.sort((a, b) => compareCodeUnits(a.interviewerId, b.interviewerId));

  const table = input.offsets ?? {};
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    throw new CalibrationInputError('invalid_offset', 'offsets', `expected an object, got ${describeValue(table)}`);
  }
  const offsets = scorecards.map((card): NormalizedOffset => {
    if (!Object.prototype.hasOwnProperty.call(table, card.interviewerId)) return { offset: 0, n: null };
    const path = `offsets[${JSON.stringify(card.interviewerId)}]`;
    const value = table[card.interviewerId];
    if (value === undefined || value === null) return { offset: 0, n: null };
    if (typeof value === 'number') return { offset: checkOffset(value, path), n: null };
    if (typeof value === 'object') {
      const offset = checkOffset(value.offset, `${path}.offset`);
      if (!(Number.isInteger(value.n) && value.n >= 0)) {
        throw new CalibrationInputError('invalid_offset', `${path}.n`, `expected an integer ≥ 0, got ${describeValue(value.n)}`);
      }
      return { offset, n: value.n };
    }
    throw new CalibrationInputError('invalid_offset', path, `expected a number or { offset, n }, got ${describeValue(value)}`);
  });

  return { dimensions, scorecards, offsets, policy };
}

function checkOffset(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_ABS_OFFSET) {
    throw new CalibrationInputError('invalid_offset', path, `expected a number from -${MAX_ABS_OFFSET} to ${MAX_ABS_OFFSET}, got ${describeValue(value)}`);
  }
  return value === 0 ? 0 : value;
}

/** Version of the canonical layout below; part of the hashed text. */
const CANONICAL_FORMAT = 1;

/**
 * The canonical structure that is hashed (its {@link canonicalJson} text):
 *
 *   {
 *     "dimensions": [[id, name, weight], …]                         sorted by id,
 *     "format": 1,
 *     "policy": { adjustForLeniency, bar, floor, margin, minCoverage, minInterviewers }   after defaults,
 *     "scorecards": [[interviewerId, recommendation, offset, n,     sorted by interviewerId; offset 0 and n
 *                     [rating | null, …],                           null when none was supplied; one rating
 *                     [[dimensionId, rating], …],                   per loop dimension, aligned with
 *                     [redFlag, …]], …]                             "dimensions" (null = not rated); then
 *   }                                                               ratings of dimensions not in the loop,
 *                                                                   sorted by id; flags trimmed, unique, sorted
 *
 * Tuples and aligned ratings keep the text short, which matters for speed (hashing is a large share of a
 * report's cost).
 */
function canonicalInputOf(norm: NormalizedInput): CanonicalValue {
  const p = norm.policy;
  return {
    dimensions: norm.dimensions.map((d) => [d.id, d.name, d.weight]),
    format: CANONICAL_FORMAT,
    policy: {
      adjustForLeniency: p.adjustForLeniency,
      bar: p.bar,
      floor: p.floor,
      margin: p.margin,
      minCoverage: p.minCoverage,
      minInterviewers: p.minInterviewers,
    },
    scorecards: norm.scorecards.map((c, i) => [
      c.interviewerId,
      c.recommendation,
      norm.offsets[i].offset,
      norm.offsets[i].n,
      c.ratings.map((r) => (r === 0 ? null : r)),
      c.unknown.map((u) => [u.dimensionId, u.rating]),
      c.redFlags,
    ]),
  };
}

/**
 * Writes exactly `canonicalJson(canonicalInputOf(norm))` (a unit test checks this) without building the
 * intermediate structure: strings are quoted by JSON.stringify, numbers are finite (validated) and
 * printed by String (-0 was normalised to 0 by normalizeInput).
 */
function canonicalText(norm: NormalizedInput): string {
  const q = JSON.stringify;
  const p = norm.policy;
  let out = '{"dimensions":[';
  const dims = norm.dimensions;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    out += `${i ? ',' : ''}[${q(d.id)},${q(d.name)},${d.weight}]`;
  }
  out +=
    `],"format":${CANONICAL_FORMAT},"policy":{"adjustForLeniency":${p.adjustForLeniency},"bar":${p.bar},"floor":${p.floor}` +
    `,"margin":${p.margin},"minCoverage":${p.minCoverage},"minInterviewers":${p.minInterviewers}},"scorecards":[`;
  const cards = norm.scorecards;
  for (let i = 0; i < cards.length; i++) {
    const c = cards[i];
    const o = norm.offsets[i];
    out += `${i ? ',' : ''}[${q(c.interviewerId)},"${c.recommendation}",${o.offset},${o.n === null ? 'null' : o.n},[`;
    for (let j = 0; j < c.ratings.length; j++) out += `${j ? ',' : ''}${c.ratings[j] === 0 ? 'null' : c.ratings[j]}`;
    out += '],[';
    for (let j = 0; j < c.unknown.length; j++) {
      const u = c.unknown[j];
      out += `${j ? ',' : ''}[${q(u.dimensionId)},${u.rating}]`;
    }
    out += '],[';
    for (let j = 0; j < c.redFlags.length; j++) out += `${j ? ',' : ''}${q(c.redFlags[j])}`;
    out += ']]';
  }
  return `${out}]}`;
}

function hashNormalized(norm: NormalizedInput): string {
  return sha256Hex(canonicalText(norm));
}

/** Canonical JSON text of an input: what {@link computeInputsHash} hashes. */
export function canonicalInputText(input: ReportInput): string {
  return canonicalText(normalizeInput(input));
}

/** @internal for tests: the canonical structure of an input, to compare with {@link canonicalInputText}. */
export function canonicalInputStructure(input: ReportInput): CanonicalValue {
  return canonicalInputOf(normalizeInput(input));
}
