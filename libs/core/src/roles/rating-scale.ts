import * as calibration from '@hireloop/calibration';

/**
 * The rating scales a role can rate on, as the API and the database see them.
 *
 * The calibration library owns the scales (`ratingScale`, `defaultHirePolicy` in libs/calibration/src/scales.ts).
 * LIBRARY SHIM (issue 12, written while that module was being built in parallel): when the library exports them,
 * they are used; otherwise the copy below (the same figures) is. Once libs/calibration exports `ratingScale` and
 * `defaultHirePolicy` everywhere, the fallback can go.
 */
export const RATING_SCALE_KINDS = ['four_point', 'five_point', 'three_level'] as const;
export type RatingScaleKind = (typeof RATING_SCALE_KINDS)[number];

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

/** The policy fields a role stores, every one filled in (the calibration engine's `HirePolicy`). */
export interface ScaledHirePolicy {
  bar: number;
  floor: number;
  minCoverage: number;
  minInterviewers: number;
  margin: number;
  adjustForLeniency: boolean;
  everyDimensionMeets: boolean;
}

const level = (value: number, key: string, label: string): RatingLevel => ({ value, key, label });

const FALLBACK_SCALES: Record<RatingScaleKind, RatingScale> = {
  four_point: {
    kind: 'four_point',
    min: 1,
    max: 4,
    meets: 3,
    levels: [level(1, 'strong_against', 'Strong evidence against'), level(2, 'against', 'Some evidence against'), level(3, 'for', 'Evidence for'), level(4, 'strong_for', 'Strong evidence for')],
  },
  five_point: {
    kind: 'five_point',
    min: 1,
    max: 5,
    meets: 3,
    levels: [level(1, 'far_below', 'Far below the bar'), level(2, 'below', 'Below the bar'), level(3, 'meets', 'Meets the bar'), level(4, 'above', 'Above the bar'), level(5, 'far_above', 'Far above the bar')],
  },
  three_level: {
    kind: 'three_level',
    min: 1,
    max: 3,
    meets: 2,
    levels: [level(1, 'below', 'Below'), level(2, 'meets', 'Meets'), level(3, 'exceeds', 'Exceeds')],
  },
};

const FALLBACK_POLICIES: Record<RatingScaleKind, ScaledHirePolicy> = {
  four_point: { bar: 3, floor: 2, minCoverage: 0.8, minInterviewers: 3, margin: 0.5, adjustForLeniency: true, everyDimensionMeets: false },
  five_point: { bar: 3, floor: 2, minCoverage: 0.8, minInterviewers: 3, margin: 0.6667, adjustForLeniency: true, everyDimensionMeets: false },
  three_level: { bar: 2, floor: 1.5, minCoverage: 0.8, minInterviewers: 3, margin: 0.3333, adjustForLeniency: true, everyDimensionMeets: false },
};

// The one place the library is read without its (future) types.
const library = calibration as unknown as {
  ratingScale?: (kind?: RatingScaleKind | null) => RatingScale;
  defaultHirePolicy?: (kind?: RatingScaleKind | null) => Partial<ScaledHirePolicy>;
};

export function isRatingScaleKind(value: unknown): value is RatingScaleKind {
  return typeof value === 'string' && (RATING_SCALE_KINDS as readonly string[]).includes(value);
}

/** The scale of that kind; null/undefined/unknown → the 4-point scale (roles and snapshots from before scales). */
export function ratingScaleOf(kind: RatingScaleKind | string | null | undefined): RatingScale {
  const k: RatingScaleKind = isRatingScaleKind(kind) ? kind : 'four_point';
  const scale = library.ratingScale ? library.ratingScale(k) : FALLBACK_SCALES[k];
  return { kind: scale.kind, min: scale.min, max: scale.max, meets: scale.meets, levels: scale.levels.map((l) => ({ value: l.value, key: l.key, label: l.label })) };
}

/** The default hire policy of a scale, its thresholds stated on that scale. */
export function defaultPolicyOf(kind: RatingScaleKind | string | null | undefined): ScaledHirePolicy {
  const k: RatingScaleKind = isRatingScaleKind(kind) ? kind : 'four_point';
  const fromLibrary = library.defaultHirePolicy ? library.defaultHirePolicy(k) : undefined;
  return { ...FALLBACK_POLICIES[k], ...(fromLibrary ?? {}), everyDimensionMeets: fromLibrary?.everyDimensionMeets ?? false };
}

/** The level values of a scale as rubric keys: '1', '2', … */
export function rubricKeysOf(scale: RatingScale): string[] {
  return scale.levels.map((l) => String(l.value));
}
