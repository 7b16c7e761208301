export type CalibrationInputErrorCode =
  | 'invalid_input'
  | 'invalid_id'
  | 'invalid_weight'
  | 'no_dimensions'
  | 'duplicate_dimension'
  | 'duplicate_scorecard'
  | 'duplicate_rating'
  | 'invalid_rating'
  | 'invalid_recommendation'
  | 'invalid_red_flag'
  | 'invalid_offset'
  | 'invalid_policy'
  | 'invalid_scale'
  | 'invalid_option'
  | 'invalid_data'
  | 'unsorted_history';

/**
 * Thrown for malformed input (a rating that is not an integer 1..4, a duplicate id, a negative weight, …).
 * `path` points at the offending value, e.g. `scorecards[2].ratings[0].rating`.
 * Callers can map it to a 400/422 response: it never signals a bug in the library.
 */
export class CalibrationInputError extends Error {
  override readonly name = 'CalibrationInputError';

  constructor(
    readonly code: CalibrationInputErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    Object.setPrototypeOf(this, CalibrationInputError.prototype);
  }
}

/** An integer from `min` to `max` (default 1–4, the 4-point scale). */
export function isRating(value: unknown, min = 1, max = 4): value is 1 | 2 | 3 | 4 | 5 {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function assertRating(value: unknown, path: string, min = 1, max = 4): asserts value is 1 | 2 | 3 | 4 | 5 {
  if (!isRating(value, min, max)) {
    throw new CalibrationInputError('invalid_rating', path, `rating must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
}

export function assertId(value: unknown, path: string): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new CalibrationInputError('invalid_id', path, `expected a non-empty string, got ${describeValue(value)}`);
  }
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
