import { UnrecoverableError } from 'bullmq';
import { CalibrationInputError } from '@hireloop/calibration';
import { ApplicationGoneError } from '@hireloop/core/reports/panel-reports.service';
import { pgErrorCode, PgErrorCode } from '@hireloop/database';

/**
 * Retry policy of the aggregation job: terminal errors fail the job at once (no retry can help); everything else
 * (database or Redis unavailable, serialization conflicts, bugs) is rethrown and retried with the queue's backoff
 * (DEFAULT_JOB_OPTIONS: 5 attempts, exponential).
 */
export function classifyAggregationError(error: unknown): Error {
  if (error instanceof UnrecoverableError) return error;
  if (error instanceof ApplicationGoneError) return new UnrecoverableError(error.message);
  // Stored data the engine rejects (e.g. a loop without dimensions): the same data fails the same way again.
  if (error instanceof CalibrationInputError) return new UnrecoverableError(`calibration input rejected: ${error.message}`);
  // A payload id that is not a uuid can never succeed.
  if (pgErrorCode(error) === PgErrorCode.InvalidTextRepresentation) return new UnrecoverableError(`invalid job payload: ${(error as Error).message}`);
  return error instanceof Error ? error : new Error(String(error));
}
