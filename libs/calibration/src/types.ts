/**
 * Public types of the calibration library. Pure data: no classes, no framework.
 */
import type { RatingScaleKind } from './scales';

/**
 * A rating: an integer level of the role's rating scale (1–4 on the default 4-point scale, 1–5 or 1–3 on the
 * others; see scales.ts). The literal type names the 4-point levels; other scales pass plain integers.
 */
export type Rating = 1 | 2 | 3 | 4 | 5;

/** Ordered steps of an interviewer's overall recommendation, on a 4-step scale (index = step). Defined here once. */
export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;

/** An interviewer's overall recommendation. */
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The debrief outcome computed by {@link buildReport}. */
export type HiringDecision = 'hire' | 'no_hire' | 'inconclusive';

/**
 * A role's hiring policy. `bar`, `floor` and `margin` are in points of the role's rating scale (1–4 by default);
 * `minCoverage` is a share (0–1).
 */
export interface HirePolicy {
  /** Weighted score a candidate must reach to be hired. Default 3.0. */
  bar: number;
  /** No dimension rated by ≥ 2 interviewers may average below this. Default 2.0. */
  floor: number;
  /** Share (0–1) of the loop's total weight that must have at least one rating. Default 0.8. */
  minCoverage: number;
  /**
   * Minimum number of distinct interviewers who rated at least one positively weighted dimension of the loop
   * (a blank scorecard does not count). Default 3.
   */
  minInterviewers: number;
  /** How far below the bar the low end of the 90% interval may reach for a hire. Default 0.5. */
  margin: number;
  /** Subtract each interviewer's leniency offset from their ratings. Default true. */
  adjustForLeniency: boolean;
  /**
   * Non-compensatory policy: `hire` only when every required dimension's (adjusted) mean reaches the scale's
   * "meets" level (reason `below_meets` otherwise). Default false.
   */
  everyDimensionMeets: boolean;
}

export const DEFAULT_HIRE_POLICY: Readonly<HirePolicy> = Object.freeze({
  bar: 3.0,
  floor: 2.0,
  minCoverage: 0.8,
  minInterviewers: 3,
  margin: 0.5,
  adjustForLeniency: true,
  everyDimensionMeets: false,
});

/** A dimension of the interview loop. Weights are relative: they need not sum to 100 (they are renormalised). */
export interface LoopDimension {
  id: string;
  name: string;
  /** Finite, ≥ 0. If every weight is 0 (legacy loops), all dimensions are weighted equally. */
  weight: number;
  /**
   * Default true. `hire` is impossible while a required (positively weighted) dimension has no rating
   * (`dimension_unassessed`); `low_rating` and `below_meets` also apply to required dimensions only.
   */
  required?: boolean;
}

export interface ScorecardRating {
  dimensionId: string;
  /** An integer level of the input's scale (1..4 by default); anything else throws {@link CalibrationInputError}. */
  rating: Rating;
}

export interface ScorecardInput {
  interviewerId: string;
  /**
   * Distinguishes several scorecards of one interviewer on one application: all of them count. Required when an
   * interviewer has more than one scorecard (the pair (interviewerId, scorecardId) must be unique).
   */
  scorecardId?: string;
  ratings: readonly ScorecardRating[];
  recommendation: Recommendation;
  /** Ticked red-flag codes. Trimmed; blanks and duplicates are ignored. */
  redFlags: readonly string[];
}

/** A leniency offset with the number of co-rated historical ratings it rests on (output of {@link leniencyOffsets}). */
export interface LeniencyOffset {
  /** Rating points; positive = rates higher than co-panelists (lenient), negative = harsher. */
  offset: number;
  /** Number of historical ratings, co-rated by someone else, behind the offset. */
  n: number;
}

export interface ReportInput {
  /** The role's rating scale; default `four_point`. Ratings and policy thresholds are on this scale. */
  scale?: RatingScaleKind;
  dimensions: readonly LoopDimension[];
  scorecards: readonly ScorecardInput[];
  /**
   * Leniency offset per interviewer id: a bare number, or `{ offset, n }` as returned by
   * {@link leniencyOffsets}. Missing interviewer (or missing record) = offset 0. Must lie in [-3, 3].
   * Offsets are in 4-point rating points whatever the scale: the report converts them to the input's scale
   * (× (max − min) / 3) before subtracting them.
   */
  offsets?: Readonly<Record<string, number | LeniencyOffset>>;
  /**
   * Overrides of the scale's default policy ({@link defaultHirePolicy}); `undefined`/`null` fields keep the default,
   * unknown keys are ignored.
   */
  policy?: Partial<HirePolicy>;
}

export interface DimensionReport {
  dimensionId: string;
  name: string;
  /** The weight as configured on the loop. */
  weight: number;
  /** Effective share of the loop's total weight (0–1). */
  weightShare: number;
  /** Whether the dimension is required (see {@link LoopDimension.required}). */
  required: boolean;
  /** Number of distinct interviewers who rated this dimension. */
  raters: number;
  /** Number of ratings of this dimension (an interviewer with several scorecards may rate it more than once). */
  ratings: number;
  /**
   * Mean of the raw ratings; null when nobody rated the dimension. An interviewer's several ratings of one
   * dimension are averaged first, so every interviewer counts once.
   */
  rawMean: number | null;
  /**
   * The same over adjusted ratings, clamp(rating − interviewer's offset, scale min, scale max), when the policy
   * adjusts for leniency; else = rawMean. Always within the scale.
   */
  adjustedMean: number | null;
  min: Rating | null;
  max: Rating | null;
  /** True when two ratings of this dimension differ by 2 points or more. */
  disagreement: boolean;
}

export interface ScoreInterval {
  level: 0.9;
  low: number;
  high: number;
}

export interface RedFlagReport {
  flag: string;
  /** Interviewer ids, sorted. */
  raisedBy: string[];
}

export interface InterviewerReport {
  interviewerId: string;
  /** Offset on record for this interviewer (0 when none was supplied). */
  offset: number;
  /** Historical ratings behind the offset; null when the offset was supplied as a bare number (or not at all). */
  n: number | null;
  /** Offset actually subtracted from this interviewer's ratings (0 when the policy does not adjust). */
  offsetApplied: number;
  /** Ratings this interviewer gave on the loop's dimensions in this panel (over all their scorecards). */
  ratings: number;
  /** Number of scorecards this interviewer submitted on this application (all count). */
  scorecards: number;
  /** The most negative of the interviewer's recommendations (strong_no < no < yes < strong_yes). */
  recommendation: Recommendation;
  /** Every scorecard's recommendation, in canonical scorecard order (by scorecardId). */
  recommendations: Recommendation[];
}

export type ReasonCode =
  | 'insufficient_evidence'
  | 'below_floor'
  | 'below_bar'
  | 'red_flag'
  | 'split_panel'
  | 'uncertain'
  | 'meets_bar'
  | 'dimension_unassessed'
  | 'low_rating'
  | 'below_meets';

export interface Reason {
  code: ReasonCode;
  /** One plain-English sentence, with the figures. */
  message: string;
  /** Set on `below_floor`, `dimension_unassessed`, `low_rating` and `below_meets` reasons. */
  dimensionId?: string;
  /** Set on `red_flag` reasons. */
  flag?: string;
  /** Set on `low_rating` reasons: who gave the lowest rating. */
  interviewerId?: string;
  /** `red_flag`: who raised it; `split_panel`: both sides (most positive side first). Sorted within a side. */
  interviewerIds?: string[];
  /**
   * The exact figures the rule turned on, rounded to 4 decimals (the figures that were compared), e.g.
   * `{ score, bar }`, `{ intervalLow, bar, margin, threshold }`, `{ mean, floor, raters }`.
   */
  figures?: Record<string, number>;
}

/** A rating for a dimension that is not part of the loop: ignored, and listed here. */
export interface IgnoredRating {
  interviewerId: string;
  dimensionId: string;
  rating: Rating;
}

export interface CalibrationReport {
  algorithmVersion: string;
  /** sha256 (hex) of the canonicalised input, see {@link computeInputsHash}. */
  inputsHash: string;
  /** The policy after defaults were applied. */
  policy: HirePolicy;
  recommendation: HiringDecision;
  reasons: Reason[];
  /** Weighted mean of adjusted dimension means over rated dimensions; null when nothing weighted was rated. */
  score: number | null;
  /** The same from raw means. */
  rawScore: number | null;
  /** Share (0–1) of the loop's total weight with at least one rating. */
  coverage: number;
  /** 90% interval around `score`, within the scale; null when score is null. */
  interval: ScoreInterval | null;
  /** The same interval computed from raw (unadjusted) ratings; null when score is null. */
  rawInterval: ScoreInterval | null;
  /** The rating scale the figures are on. */
  scale: RatingScaleKind;
  splitPanel: boolean;
  /** In the order of `input.dimensions`. */
  dimensions: DimensionReport[];
  /** Sorted by flag. */
  redFlags: RedFlagReport[];
  /** Sorted by interviewerId. */
  interviewers: InterviewerReport[];
  /** Sorted by interviewerId, then dimensionId. */
  ignoredRatings: IgnoredRating[];
}

/** One historical rating, as used by {@link leniencyOffsets} and {@link raterEffects}. */
export interface LeniencyRating {
  interviewerId: string;
  applicationId: string;
  dimensionId: string;
  rating: Rating;
  /**
   * Scale of the rating (default four_point). {@link raterEffects} maps every rating linearly onto the 1–4 range
   * before estimation, so offsets are in 4-point rating points. The legacy {@link leniencyOffsets} accepts
   * 4-point ratings only.
   */
  scale?: RatingScaleKind;
}

export interface LeniencyOptions {
  /** Shrinkage pseudo-count: offset = n/(n+k) × mean difference. Default 5. */
  k?: number;
}
