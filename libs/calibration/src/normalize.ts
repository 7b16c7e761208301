/**
 * Validation of a {@link ReportInput} and its canonical form (every array in a fixed order).
 */
import { compareCodeUnits } from './canonical';
import { assertId, assertRating, CalibrationInputError, describeValue, isRating } from './errors';
import { defaultHirePolicy, isRatingScaleKind, ratingScale, type RatingScale, type RatingScaleKind } from './scales';
import {
  RECOMMENDATIONS,
  type HirePolicy,
  type IgnoredRating,
  type Rating,
  type Recommendation,
  type ReportInput,
  type ScorecardRating,
} from './types';

/** Offsets must lie within ±3 4-point rating points: anything larger cannot arise on a 1–4 scale. */
export const MAX_ABS_OFFSET = 3;

export interface NormalizedDimension {
  id: string;
  name: string;
  weight: number;
  required: boolean;
  /** Position in `input.dimensions`, used to keep the output in loop order. */
  inputIndex: number;
}

export interface NormalizedScorecard {
  interviewerId: string;
  /** null when the input gave none. */
  scorecardId: string | null;
  recommendation: Recommendation;
  /** Trimmed, de-duplicated, sorted. */
  redFlags: string[];
  /** Rating of each loop dimension, aligned with `NormalizedInput.dimensions` (sorted by id); 0 = not rated. */
  ratings: Array<Rating | 0>;
  /** Ratings of dimensions that are not in the loop, sorted by dimensionId. */
  unknown: IgnoredRating[];
}

export interface NormalizedOffset {
  interviewerId: string;
  /** 4-point rating points, as supplied. */
  offset: number;
  n: number | null;
}

/** Validated input with every array in canonical order. */
export interface NormalizedInput {
  scale: RatingScale;
  /** Sorted by id. */
  dimensions: NormalizedDimension[];
  /** Sorted by interviewerId, then scorecardId (none first). */
  scorecards: NormalizedScorecard[];
  /** One per distinct panel interviewer, sorted by interviewerId. */
  offsets: NormalizedOffset[];
  policy: HirePolicy;
}

export const RECOMMENDATION_STEP: Readonly<Record<Recommendation, number>> = Object.freeze({
  strong_no: 0,
  no: 1,
  yes: 2,
  strong_yes: 3,
});

/**
 * Applies the scale's default policy ({@link defaultHirePolicy}) and validates: bar and floor within the scale,
 * margin ≥ 0, minCoverage in [0, 1], minInterviewers an integer ≥ 1, booleans. Unknown keys are ignored;
 * `undefined` or `null` means default.
 */
export function resolvePolicy(partial?: Partial<HirePolicy> | null, scaleKind?: RatingScaleKind | null): HirePolicy {
  const scale = ratingScale(scaleKind);
  const defaults = defaultHirePolicy(scale.kind);
  if (partial === undefined || partial === null) return defaults;
  if (typeof partial !== 'object' || Array.isArray(partial)) {
    throw new CalibrationInputError('invalid_policy', 'policy', `expected an object, got ${describeValue(partial)}`);
  }
  const pick = <K extends keyof HirePolicy>(key: K): HirePolicy[K] =>
    partial[key] === undefined || partial[key] === null ? defaults[key] : (partial[key] as HirePolicy[K]);
  const policy: HirePolicy = {
    bar: pick('bar'),
    floor: pick('floor'),
    minCoverage: pick('minCoverage'),
    minInterviewers: pick('minInterviewers'),
    margin: pick('margin'),
    adjustForLeniency: pick('adjustForLeniency'),
    everyDimensionMeets: pick('everyDimensionMeets'),
  };
  const fail = (key: keyof HirePolicy, what: string): never => {
    throw new CalibrationInputError('invalid_policy', `policy.${key}`, `${what}, got ${describeValue(policy[key])}`);
  };
  const onScale = `expected a number from ${scale.min} to ${scale.max} (the ${scale.kind} scale)`;
  if (!(Number.isFinite(policy.bar) && policy.bar >= scale.min && policy.bar <= scale.max)) fail('bar', onScale);
  if (!(Number.isFinite(policy.floor) && policy.floor >= scale.min && policy.floor <= scale.max)) fail('floor', onScale);
  if (!(Number.isFinite(policy.minCoverage) && policy.minCoverage >= 0 && policy.minCoverage <= 1)) {
    fail('minCoverage', 'expected a number from 0 to 1');
  }
  if (!(Number.isInteger(policy.minInterviewers) && policy.minInterviewers >= 1)) {
    fail('minInterviewers', 'expected an integer ≥ 1');
  }
  if (!(Number.isFinite(policy.margin) && policy.margin >= 0)) fail('margin', 'expected a finite number ≥ 0');
  if (typeof policy.adjustForLeniency !== 'boolean') fail('adjustForLeniency', 'expected a boolean');
  if (typeof policy.everyDimensionMeets !== 'boolean') fail('everyDimensionMeets', 'expected a boolean');
  return policy;
}

export function normalizeInput(input: ReportInput): NormalizedInput {
  if (input === null || typeof input !== 'object') {
    throw new CalibrationInputError('invalid_input', 'input', `expected an object, got ${describeValue(input)}`);
  }
  if (input.scale !== undefined && input.scale !== null && !isRatingScaleKind(input.scale)) {
    throw new CalibrationInputError('invalid_scale', 'scale', `expected four_point, five_point or three_level, got ${describeValue(input.scale)}`);
  }
  const scale = ratingScale(input.scale);
  const policy = resolvePolicy(input.policy, scale.kind);

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
    if (d.required !== undefined && d.required !== null && typeof d.required !== 'boolean') {
      throw new CalibrationInputError('invalid_input', `${path}.required`, `expected a boolean, got ${describeValue(d.required)}`);
    }
    if (seenDims.has(d.id)) {
      throw new CalibrationInputError('duplicate_dimension', `${path}.id`, `dimension ${JSON.stringify(d.id)} appears twice`);
    }
    seenDims.add(d.id);
    return { id: d.id, name: d.name, weight: d.weight === 0 ? 0 : d.weight, required: d.required !== false, inputIndex: i };
  });
  dimensions.sort((a, b) => compareCodeUnits(a.id, b.id));

  const dimIndex = new Map<string, number>();
  for (let i = 0; i < dimensions.length; i++) dimIndex.set(dimensions[i].id, i);

  if (!Array.isArray(input.scorecards)) {
    throw new CalibrationInputError('invalid_input', 'scorecards', `expected an array, got ${describeValue(input.scorecards)}`);
  }
  const { min, max } = scale;
  const seenCards = new Set<string>();
  const scorecards: NormalizedScorecard[] = input.scorecards.map((card, i) => {
    const path = `scorecards[${i}]`;
    if (card === null || typeof card !== 'object') {
      throw new CalibrationInputError('invalid_input', path, `expected an object, got ${describeValue(card)}`);
    }
    assertId(card.interviewerId, `${path}.interviewerId`);
    const scorecardId = card.scorecardId === undefined || card.scorecardId === null ? null : card.scorecardId;
    if (scorecardId !== null) assertId(scorecardId, `${path}.scorecardId`);
    const key = `${card.interviewerId}\u0000${scorecardId ?? ''}\u0000${scorecardId === null ? 0 : 1}`;
    if (seenCards.has(key)) {
      throw new CalibrationInputError(
        'duplicate_scorecard',
        scorecardId === null ? `${path}.interviewerId` : `${path}.scorecardId`,
        scorecardId === null
          ? `interviewer ${JSON.stringify(card.interviewerId)} has more than one scorecard without a scorecardId`
          : `scorecard ${JSON.stringify(scorecardId)} of interviewer ${JSON.stringify(card.interviewerId)} appears twice`,
      );
    }
    seenCards.add(key);
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
      if (!isRating(r.rating, min, max)) assertRating(r.rating, `${path}.ratings[${j}].rating`, min, max);
      const d = dimIndex.get(r.dimensionId);
      const duplicate = d === undefined ? unknown.some((u) => u.dimensionId === r.dimensionId) : ratings[d] !== 0;
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
    return { interviewerId: card.interviewerId, scorecardId, recommendation: card.recommendation, redFlags, ratings, unknown };
  });
  scorecards.sort(compareScorecards);

  const table = input.offsets ?? {};
  if (table === null || typeof table !== 'object' || Array.isArray(table)) {
    throw new CalibrationInputError('invalid_offset', 'offsets', `expected an object, got ${describeValue(table)}`);
  }
  const offsets: NormalizedOffset[] = [];
  for (const card of scorecards) {
    const interviewerId = card.interviewerId;
    if (offsets.length > 0 && offsets[offsets.length - 1].interviewerId === interviewerId) continue;
    offsets.push(offsetOf(table, interviewerId));
  }
  return { scale, dimensions, scorecards, offsets, policy };
}

function offsetOf(table: NonNullable<ReportInput['offsets']>, interviewerId: string): NormalizedOffset {
  if (!Object.prototype.hasOwnProperty.call(table, interviewerId)) return { interviewerId, offset: 0, n: null };
  const path = `offsets[${JSON.stringify(interviewerId)}]`;
  const value = table[interviewerId];
  if (value === undefined || value === null) return { interviewerId, offset: 0, n: null };
  if (typeof value === 'number') return { interviewerId, offset: checkOffset(value, path), n: null };
  if (typeof value === 'object') {
    const offset = checkOffset(value.offset, `${path}.offset`);
    if (!(Number.isInteger(value.n) && value.n >= 0)) {
      throw new CalibrationInputError('invalid_offset', `${path}.n`, `expected an integer ≥ 0, got ${describeValue(value.n)}`);
    }
    return { interviewerId, offset, n: value.n };
  }
  throw new CalibrationInputError('invalid_offset', path, `expected a number or { offset, n }, got ${describeValue(value)}`);
}

/** Canonical scorecard order: interviewerId, then scorecardId (a scorecard without one first). */
function compareScorecards(a: NormalizedScorecard, b: NormalizedScorecard): number {
  const byInterviewer = compareCodeUnits(a.interviewerId, b.interviewerId);
  if (byInterviewer !== 0) return byInterviewer;
  if (a.scorecardId === b.scorecardId) return 0;
  if (a.scorecardId === null) return -1;
  if (b.scorecardId === null) return 1;
  return compareCodeUnits(a.scorecardId, b.scorecardId);
}

function checkOffset(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > MAX_ABS_OFFSET) {
    throw new CalibrationInputError(
      'invalid_offset',
      path,
      `expected a number from -${MAX_ABS_OFFSET} to ${MAX_ABS_OFFSET}, got ${describeValue(value)}`,
    );
  }
  return value === 0 ? 0 : value;
}
