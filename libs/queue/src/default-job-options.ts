import type { DefaultJobOptions } from 'bullmq';

/** Retry policy in one place: bounded attempts with exponential backoff; history kept for admins to inspect. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
};
