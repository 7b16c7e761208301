import type { FieldError } from '../common/app-error';
import { DEPARTURE_TYPES, OUTCOME_KINDS, REVIEW_POINTS, type OutcomeKind } from './outcome.entity';
import type { OutcomeValues } from './outcomes.repository';
import { isOnScale, type PerformanceScale } from './performance-scale';

/** What a client may send for one outcome (create, or the merged result of an edit). */
export interface OutcomeInput {
  kind?: unknown;
  reviewPoint?: unknown;
  rating?: unknown;
  days?: unknown;
  departureType?: unknown;
  date?: unknown;
}

const MAX_DAYS = 3650;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Which fields each kind takes; any other field sent with it is an error (no silently ignored input). */
const FIELDS: Record<OutcomeKind, { required: (keyof OutcomeInput)[]; optional: (keyof OutcomeInput)[] }> = {
  performance_rating: { required: ['reviewPoint', 'rating'], optional: ['date'] },
  time_to_productivity: { required: ['days'], optional: [] },
  departure: { required: ['departureType', 'date'], optional: [] },
  promotion: { required: ['date'], optional: [] },
};

/**
 * Checks one outcome against its kind and the organization's scale; returns the values to store or field errors.
 * Shared by the single-outcome endpoints and the bulk import, so both accept exactly the same things.
 */
export function validateOutcome(input: OutcomeInput, scale: PerformanceScale): { values: OutcomeValues } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (typeof input.kind !== 'string' || !(OUTCOME_KINDS as readonly string[]).includes(input.kind)) {
    return { errors: [{ field: 'kind', message: `kind must be one of: ${OUTCOME_KINDS.join(', ')}`, code: 'invalid_kind' }] };
  }
  const kind = input.kind as OutcomeKind;
  const { required, optional } = FIELDS[kind];
  for (const field of ['reviewPoint', 'rating', 'days', 'departureType', 'date'] as const) {
    const present = input[field] !== undefined && input[field] !== null;
    if (required.includes(field) && !present) errors.push({ field, message: `${field} is required for ${kind}`, code: 'required' });
    if (!required.includes(field) && !optional.includes(field) && present)
      errors.push({ field, message: `${field} does not apply to ${kind}`, code: 'not_applicable' });
  }
  if (input.reviewPoint != null && !(REVIEW_POINTS as readonly unknown[]).includes(input.reviewPoint)) {
    errors.push({ field: 'reviewPoint', message: `reviewPoint must be one of: ${REVIEW_POINTS.join(', ')}`, code: 'invalid_review_point' });
  }
  if (input.rating != null && !isOnScale(scale, input.rating)) {
    errors.push({
      field: 'rating',
      message: `rating must be an integer from ${scale.min} to ${scale.max} (the organization's scale)`,
      code: 'rating_off_scale',
    });
  }
  if (input.days != null && !(typeof input.days === 'number' && Number.isInteger(input.days) && input.days >= 0 && input.days <= MAX_DAYS)) {
    errors.push({ field: 'days', message: `days must be an integer from 0 to ${MAX_DAYS}`, code: 'invalid_days' });
  }
  if (input.departureType != null && !(DEPARTURE_TYPES as readonly unknown[]).includes(input.departureType)) {
    errors.push({ field: 'departureType', message: `departureType must be one of: ${DEPARTURE_TYPES.join(', ')}`, code: 'invalid_departure_type' });
  }
  if (input.date != null && !isIsoDate(input.date))
    errors.push({ field: 'date', message: 'date must be a calendar date YYYY-MM-DD', code: 'invalid_date' });
  if (errors.length) return { errors };
  return {
    values: {
      kind,
      reviewPoint: kind === 'performance_rating' ? (input.reviewPoint as OutcomeValues['reviewPoint']) : null,
      rating: kind === 'performance_rating' ? (input.rating as number) : null,
      days: kind === 'time_to_productivity' ? (input.days as number) : null,
      departureType: kind === 'departure' ? (input.departureType as OutcomeValues['departureType']) : null,
      occurredOn: input.date == null ? null : (input.date as string),
    },
  };
}
