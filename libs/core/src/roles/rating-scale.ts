import {
  defaultHirePolicy,
  isRatingScaleKind,
  ratingScale,
  RATING_SCALE_KINDS,
  type HirePolicy,
  type RatingLevel,
  type RatingScale,
  type RatingScaleKind,
} from '@hireloop/calibration';

/**
 * The rating scales a role can rate on, as the API and the database see them. The calibration library owns the
 * scales and their default policies; this module only adds the lenient lookups the stored data needs.
 */
export { RATING_SCALE_KINDS, isRatingScaleKind, type RatingLevel, type RatingScale, type RatingScaleKind };

/** The policy fields a role stores, every one filled in (the calibration engine's `HirePolicy`). */
export type ScaledHirePolicy = HirePolicy;

/** The scale of that kind; null/undefined/unknown → the 4-point scale (roles and snapshots from before scales). */
export function ratingScaleOf(kind: RatingScaleKind | string | null | undefined): RatingScale {
  return ratingScale(isRatingScaleKind(kind) ? kind : 'four_point');
}

/** The default hire policy of a scale, its thresholds stated on that scale. */
export function defaultPolicyOf(kind: RatingScaleKind | string | null | undefined): ScaledHirePolicy {
  return defaultHirePolicy(isRatingScaleKind(kind) ? kind : 'four_point');
}

/** The level values of a scale as rubric keys: '1', '2', … */
export function rubricKeysOf(scale: RatingScale): string[] {
  return scale.levels.map((l) => String(l.value));
}
