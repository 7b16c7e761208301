/**
 * Rating scales a role can rate on, and the default hire policy stated on each.
 *
 * Every threshold of a {@link HirePolicy} (bar, floor, margin) is in points of the role's scale. Default
 * thresholds of the 5-point and 3-level scales are the 4-point defaults carried over: bar and floor sit on
 * the same rubric level ("meets" and one level below it, or half-way for the 3-level floor), and the margin
 * is the 4-point margin (0.5) scaled by the ratio of the ranges, (max − min) / 3, rounded to 4 decimals:
 * 0.6667 on the 5-point scale, 0.3333 on the 3-level scale.
 *
 * Leniency offsets are always estimated and stored in 4-point rating points (see rater-effects.ts): a rating on
 * another scale is mapped linearly onto 1–4 first ({@link toFourPoint}) and an offset is converted back to the
 * role's scale with {@link offsetOnScale} (× (max − min) / 3).
 */
import { round } from './stats';
import type { HirePolicy } from './types';

export type RatingScaleKind = 'four_point' | 'five_point' | 'three_level';

export interface RatingLevel {
  value: number;
  key: string;
  label: string;
}

export interface RatingScale {
  kind: RatingScaleKind;
  min: number;
  max: number;
  /** Value of the "meets the bar" level. */
  meets: number;
  levels: readonly RatingLevel[];
}

const level = (value: number, key: string, label: string): RatingLevel => Object.freeze({ value, key, label });

export const RATING_SCALES: Readonly<Record<RatingScaleKind, RatingScale>> = Object.freeze({
  four_point: Object.freeze({
    kind: 'four_point',
    min: 1,
    max: 4,
    meets: 3,
    levels: Object.freeze([
      level(1, 'strong_against', 'Strong evidence against'),
      level(2, 'against', 'Some evidence against'),
      level(3, 'for', 'Evidence for'),
      level(4, 'strong_for', 'Strong evidence for'),
    ]),
  }),
  five_point: Object.freeze({
    kind: 'five_point',
    min: 1,
    max: 5,
    meets: 3,
    levels: Object.freeze([
      level(1, 'far_below', 'Far below the bar'),
      level(2, 'below', 'Below the bar'),
      level(3, 'meets', 'Meets the bar'),
      level(4, 'above', 'Above the bar'),
      level(5, 'far_above', 'Far above the bar'),
    ]),
  }),
  three_level: Object.freeze({
    kind: 'three_level',
    min: 1,
    max: 3,
    meets: 2,
    levels: Object.freeze([level(1, 'below', 'Below'), level(2, 'meets', 'Meets'), level(3, 'exceeds', 'Exceeds')]),
  }),
} as Record<RatingScaleKind, RatingScale>);

export const RATING_SCALE_KINDS: readonly RatingScaleKind[] = Object.freeze(['four_point', 'five_point', 'three_level'] as RatingScaleKind[]);

export function isRatingScaleKind(value: unknown): value is RatingScaleKind {
  return value === 'four_point' || value === 'five_point' || value === 'three_level';
}

/** The scale of that kind; `null`/`undefined` → the 4-point scale (existing roles). */
export function ratingScale(kind?: RatingScaleKind | null): RatingScale {
  if (kind === undefined || kind === null) return RATING_SCALES.four_point;
  const scale = RATING_SCALES[kind];
  if (scale === undefined) throw new RangeError(`unknown rating scale ${JSON.stringify(kind)}`);
  return scale;
}

/** (max − min) / 3: how many of the scale's points one 4-point rating point is worth. */
export function rangeRatio(scale: RatingScale): number {
  return (scale.max - scale.min) / 3;
}

/** Linear map of a rating on `scale` onto the 1–4 range (min → 1, max → 4). */
export function toFourPoint(rating: number, scale: RatingScale): number {
  return scale.kind === 'four_point' ? rating : 1 + ((rating - scale.min) * 3) / (scale.max - scale.min);
}

/** A 4-point offset expressed in points of `scale` (× (max − min) / 3). */
export function offsetOnScale(offset: number, scale: RatingScale): number {
  return scale.kind === 'four_point' ? offset : offset * rangeRatio(scale);
}

const POLICY_DEFAULTS: Readonly<Record<RatingScaleKind, Readonly<HirePolicy>>> = Object.freeze({
  four_point: Object.freeze({
    bar: 3,
    floor: 2,
    minCoverage: 0.8,
    minInterviewers: 3,
    margin: 0.5,
    adjustForLeniency: true,
    everyDimensionMeets: false,
  }),
  five_point: Object.freeze({
    bar: 3,
    floor: 2,
    minCoverage: 0.8,
    minInterviewers: 3,
    margin: round((0.5 * 4) / 3, 4), // 0.6667
    adjustForLeniency: true,
    everyDimensionMeets: false,
  }),
  three_level: Object.freeze({
    bar: 2,
    floor: 1.5,
    minCoverage: 0.8,
    minInterviewers: 3,
    margin: round((0.5 * 2) / 3, 4), // 0.3333
    adjustForLeniency: true,
    everyDimensionMeets: false,
  }),
});

/** The default hire policy of a scale, its thresholds stated on that scale. */
export function defaultHirePolicy(kind?: RatingScaleKind | null): HirePolicy {
  return { ...POLICY_DEFAULTS[ratingScale(kind).kind] };
}
