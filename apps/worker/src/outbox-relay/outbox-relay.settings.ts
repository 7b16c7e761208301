import { EnvironmentVariables, validateEnvironment } from '@hireloop/config';

/**
 * Tuning of the outbox relay, from the validated environment (libs/config: OUTBOX_POLL_INTERVAL_MS,
 * OUTBOX_BATCH_SIZE, OUTBOX_PUBLISH_TIMEOUT_MS, OUTBOX_MAX_BACKOFF_MS, OUTBOX_COALESCE_AGGREGATIONS); invalid values stop
 * the worker at boot.
 */
export interface OutboxRelaySettings {
  pollIntervalMs: number;
  batchSize: number;
  publishTimeoutMs: number;
  maxBackoffMs: number;
  coalesceAggregations: boolean;
}

export function readOutboxRelaySettings(
  env: EnvironmentVariables = validateEnvironment(process.env as Record<string, unknown>),
): OutboxRelaySettings {
  return {
    pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
    batchSize: env.OUTBOX_BATCH_SIZE,
    publishTimeoutMs: env.OUTBOX_PUBLISH_TIMEOUT_MS,
    maxBackoffMs: env.OUTBOX_MAX_BACKOFF_MS,
    coalesceAggregations: env.OUTBOX_COALESCE_AGGREGATIONS,
  };
}
