/** Every rating value of any scale (1–4 four_point, 1–5 five_point, 1–3 three_level; see rating-scale.ts). */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

// The recommendation scale is a domain enum of the calibration library, defined there once.
export { RECOMMENDATIONS, type Recommendation } from '@hireloop/calibration';

export const LEVEL_ASSESSMENTS = ['below', 'at', 'above'] as const;
export type LevelAssessment = (typeof LEVEL_ASSESSMENTS)[number];

/** One focus dimension's entry on a scorecard: a rating with evidence, or an explicit "not assessed" with a reason. */
export interface ScorecardRating {
  dimensionId: string;
  rating: Rating | null;
  evidence: string | null;
  notAssessed: boolean;
  notAssessedReason: string | null;
}
