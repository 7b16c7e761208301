/**
 * Public types of the calibration library. Pure data: no classes, no framework.
 */

/** A rating on the 4-point scorecard scale (1 = strong evidence against … 4 = strong evidence for). */
export type Rating = 1 | 2 | 3 | 4;

/** An interviewer's overall recommendation, on a 4-step scale. */
export type Recommendation = 'strong_no' | 'no' | 'yes' | 'strong_yes';

/** Ordered steps of the recommendation scale (index = step). */
export const RECOMMENDATIONS: readonly Recommendation[] = ['strong_no', 'no', 'yes', 'strong_yes'];

/** The debrief outcome computed by {@link buildReport}. */
export type HiringDecision = 'hire' | 'no_hire' | 'inconclusive';

/** A role's hiring policy. All thresholds are on the 1–4 rating scale except `minCoverage` (a share, 0–1). */
export interface HirePolicy {
  /** Weighted score a candidate must reach to be hired. Default 3.0. */
  bar: number;
  /** No dimension rated by ≥ 2 interviewers may average below this. Default 2.0. */
  floor: number;
  /** Share (0–1) of the loop's total weight that must have at least one rating. Default 0.8. */
  minCoverage: number;
  /** Minimum number of submitted scorecards. Default 3. */
  minInterviewers: number;
  /** How far below the bar the low end of the 90% interval may reach for a hire. Default 0.5. */
  margin: number;
  /** Subtract each interviewer's leniency offset from their ratings. Default true. */
  adjustForLeniency: boolean;
}

export const DEFAULT_HIRE_POLICY: Readonly<HirePolicy> = Object.freeze({
  bar: 3.0,
  floor: 2.0,
  minCoverage: 0.8,
  minInterviewers: 3,
  margin: 0.5,
  adjustForLeniency: true,
});

/** A dimension of the interview loop. Weights are relative: they need not sum to 100 (they are renormalised). */
export interface LoopDimension {
  id: string;
  name: string;
  /** Finite, ≥ 0. If every weight is 0 (legacy loops), all dimensions are weighted equally. */
  weight: number;
}

export interface ScorecardRating {
  dimensionId: string;
  /** Integer 1..4; anything else throws {@link CalibrationInputError}. */
  rating: Rating;
}

export interface ScorecardInput {
  interviewerId: string;
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
  dimensions: readonly LoopDimension[];
  scorecards: readonly ScorecardInput[];
  /**
   * Leniency offset per interviewer id: a bare number, or `{ offset, n }` as returned by
   * {@link leniencyOffsets}. Missing interviewer (or missing record) = offset 0. Must lie in [-3, 3].
   */
  offsets?: Readonly<Record<string, number | LeniencyOffset>>;
  /** Overrides of {@link DEFAULT_HIRE_POLICY}; `undefined`/`null` fields keep the default, unknown keys are ignored. */
  policy?: Partial<HirePolicy>;
}

export interface DimensionReport {
  dimensionId: string;
  name: string;
  /** The weight as configured on the loop. */
  weight: number;
  /** Effective share of the loop's total weight (0–1). */
  weightShare: number;
  /** Number of interviewers who rated this dimension. */
  raters: number;
  /** Mean of the raw ratings; null when nobody rated the dimension. */
  rawMean: number | null;
  /** Mean of (rating − interviewer's offset) when the policy adjusts for leniency, else = rawMean. */
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
  /** Ratings this interviewer gave on the loop's dimensions in this panel. */
  ratings: number;
  recommendation: Recommendation;
}

export type ReasonCode =
  | 'insufficient_evidence'
  | 'below_floor'
  | 'below_bar'
  | 'red_flag'
  | 'split_panel'
  | 'uncertain'
  | 'meets_bar';

export interface Reason {
  code: ReasonCode;
  /** One plain-English sentence, with the figures. */
  message: string;
  /** Set on `below_floor` reasons. */
  dimensionId?: string;
  /** Set on `red_flag` reasons. */
  flag?: string;
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
  /** 90% interval around `score`; null when score is null. */
  interval: ScoreInterval | null;
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

/** One historical rating, as used by {@link leniencyOffsets}. */
export interface LeniencyRating {
  interviewerId: string;
  applicationId: string;
  dimensionId: string;
  rating: Rating;
}

export interface LeniencyOptions {
  /** Shrinkage pseudo-count: offset = n/(n+k) × mean difference. Default 5. */
  k?: number;
}
