import type { FieldError, HirePolicy } from '@hireloop/core';

/** Allowed ranges of the hire policy (the same bounds the request DTO declares). */
export const HIRE_POLICY_BOUNDS = {
  bar: { min: 1, max: 4 },
  floor: { min: 1, max: 4 },
  minCoverage: { min: 0, max: 1 },
  minInterviewers: { min: 1, max: 20 },
  margin: { min: 0, max: 3 },
} as const;

/** The stored policy after applying a partial change; fields left out keep their value. */
export function mergeHirePolicy(current: HirePolicy, patch: Partial<HirePolicy> | undefined): HirePolicy {
  const next = { ...current };
  for (const key of Object.keys(next) as (keyof HirePolicy)[]) {
    const value = patch?.[key];
    if (value !== undefined && value !== null) (next as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** Field errors (`hirePolicy.<field>`) of a complete policy; empty when valid. */
export function validateHirePolicy(policy: HirePolicy): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, { min, max }] of Object.entries(HIRE_POLICY_BOUNDS) as [keyof typeof HIRE_POLICY_BOUNDS, { min: number; max: number }][]) {
    const value = policy[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      errors.push({ field: `hirePolicy.${field}`, code: 'out_of_range', message: `hirePolicy.${field} must be between ${min} and ${max}.` });
    }
  }
  if (!Number.isInteger(policy.minInterviewers)) {
    errors.push({ field: 'hirePolicy.minInterviewers', code: 'not_integer', message: 'hirePolicy.minInterviewers must be a whole number.' });
  }
  if (typeof policy.adjustForLeniency !== 'boolean') {
    errors.push({ field: 'hirePolicy.adjustForLeniency', code: 'not_boolean', message: 'hirePolicy.adjustForLeniency must be true or false.' });
  }
  if (errors.length === 0 && policy.floor > policy.bar) {
    errors.push({ field: 'hirePolicy.floor', code: 'floor_above_bar', message: `hirePolicy.floor (${policy.floor}) must not be above hirePolicy.bar (${policy.bar}).` });
  }
  return errors;
}
