import { ratingScaleOf } from './rating-scale';
import type { FieldError } from '../common/app-error';
import type { HirePolicy } from './roles.repository';
import type { RatingScaleKind } from './rating-scale';

/**
 * Allowed ranges of the hire policy on a scale: bar and floor are levels of the scale (min…max), the margin at most
 * the scale's range. `minCoverage` and `minInterviewers` do not depend on the scale.
 */
export function hirePolicyBounds(ratingScale: RatingScaleKind | null = 'four_point') {
  const scale = ratingScaleOf(ratingScale);
  return {
    bar: { min: scale.min, max: scale.max },
    floor: { min: scale.min, max: scale.max },
    minCoverage: { min: 0, max: 1 },
    minInterviewers: { min: 1, max: 20 },
    margin: { min: 0, max: scale.max - scale.min },
  } as const;
}

/** The 4-point scale's bounds (the same the request DTO declares as its widest values). */
export const HIRE_POLICY_BOUNDS = hirePolicyBounds('four_point');

/**
 * A change may leave a policy field out (it keeps its value) but not set it to null: the policy has no empty fields,
 * so each null is a field error (`hirePolicy.<field>`).
 */
export function nullHirePolicyFields(patch: object | undefined): FieldError[] {
  return Object.entries(patch ?? {})
    .filter(([, value]) => value === null)
    .map(([key]) => ({
      field: `hirePolicy.${key}`,
      code: 'not_null',
      message: `hirePolicy.${key} cannot be null: leave it out to keep the current value`,
    }));
}

/** The stored policy after applying a partial change; fields left out keep their value. */
export function mergeHirePolicy(current: HirePolicy, patch: Partial<HirePolicy> | undefined): HirePolicy {
  const next = { ...current };
  for (const key of Object.keys(next) as (keyof HirePolicy)[]) {
    const value = patch?.[key];
    if (value !== undefined && value !== null) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Field errors (`hirePolicy.<field>`) of a complete policy on the role's scale; empty when valid. */
export function validateHirePolicy(policy: HirePolicy, ratingScale: RatingScaleKind | null = 'four_point'): FieldError[] {
  const errors: FieldError[] = [];
  const scaleName = ratingScaleOf(ratingScale).kind;
  for (const [field, { min, max }] of Object.entries(hirePolicyBounds(ratingScale)) as [keyof HirePolicy, { min: number; max: number }][]) {
    const value = policy[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      const onScale = field === 'bar' || field === 'floor' || field === 'margin' ? ` on the role's ${scaleName} scale` : '';
      errors.push({
        field: `hirePolicy.${field}`,
        code: 'out_of_range',
        message: `hirePolicy.${field} must be between ${min} and ${max}${onScale}.`,
      });
    }
  }
  if (!Number.isInteger(policy.minInterviewers)) {
    errors.push({ field: 'hirePolicy.minInterviewers', code: 'not_integer', message: 'hirePolicy.minInterviewers must be a whole number.' });
  }
  if (typeof policy.adjustForLeniency !== 'boolean') {
    errors.push({ field: 'hirePolicy.adjustForLeniency', code: 'not_boolean', message: 'hirePolicy.adjustForLeniency must be true or false.' });
  }
  if (typeof policy.everyDimensionMeets !== 'boolean') {
    errors.push({ field: 'hirePolicy.everyDimensionMeets', code: 'not_boolean', message: 'hirePolicy.everyDimensionMeets must be true or false.' });
  }
  if (errors.length === 0 && policy.floor > policy.bar) {
    errors.push({
      field: 'hirePolicy.floor',
      code: 'floor_above_bar',
      message: `hirePolicy.floor (${policy.floor}) must not be above hirePolicy.bar (${policy.bar}).`,
    });
  }
  return errors;
}
