import type { ProblemCode } from './problem-codes';

/**
 * A request refused because of load or abuse limits: 429 (too many attempts) or 503 (the service is busy), always
 * with a `Retry-After` header in seconds. Mapped to problem+json by ProblemDetailsFilter.
 */
export class RateLimitedError extends Error {
  constructor(
    readonly status: 429 | 503,
    readonly retryAfterSeconds: number,
    readonly code: ProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
