/**
 * Tuning of the outbox relay, read from the environment once at boot (invalid values stop the worker).
 *
 * OUTBOX_POLL_INTERVAL_MS     fallback poll when no NOTIFY arrives (default 500)
 * OUTBOX_BATCH_SIZE           rows claimed per pass (default 200)
 * OUTBOX_PUBLISH_TIMEOUT_MS   how long one pass waits for Redis before giving up on it (default 2000)
 * OUTBOX_MAX_BACKOFF_MS       ceiling of the back-off after Redis failures (default 5000)
 */
export interface OutboxRelaySettings {
  pollIntervalMs: number;
  batchSize: number;
  publishTimeoutMs: number;
  maxBackoffMs: number;
}

export function readOutboxRelaySettings(env: NodeJS.ProcessEnv = process.env): OutboxRelaySettings {
  return {
    pollIntervalMs: intSetting(env, 'OUTBOX_POLL_INTERVAL_MS', 500, 10, 60_000),
    batchSize: intSetting(env, 'OUTBOX_BATCH_SIZE', 200, 1, 5000),
    publishTimeoutMs: intSetting(env, 'OUTBOX_PUBLISH_TIMEOUT_MS', 2000, 100, 20_000),
    maxBackoffMs: intSetting(env, 'OUTBOX_MAX_BACKOFF_MS', 5000, 100, 300_000),
  };
}

/** An integer setting within bounds; anything else is a boot error naming the variable. */
export function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`Invalid configuration: ${name} (got ${JSON.stringify(raw)}) must be an integer from ${min} to ${max}`);
  }
  return value;
}
