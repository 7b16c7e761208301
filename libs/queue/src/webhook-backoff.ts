/** The custom BullMQ back-off type of webhook deliveries (see `webhookBackoffDelay`). */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-jittered';

export interface WebhookBackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before retry number `attemptsMade` (1 = the first retry): base × 2^(n−1), capped at `maxMs`, stretched by a
 * random jitter of 0–50 % so that many failing deliveries do not retry in lock step. Never shorter than the nominal
 * delay, so the schedule's span is a lower bound: with the defaults (1 min, cap 4 h, 14 attempts) at least 24 h 15 min.
 */
export function webhookBackoffDelay(attemptsMade: number, settings: WebhookBackoffSettings, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attemptsMade));
  const nominal = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.min(n - 1, 40));
  return Math.round(nominal * (1 + 0.5 * Math.min(Math.max(random(), 0), 1)));
}

/** Total time from the first attempt to the last one when every attempt fails. */
export function webhookScheduleSpanMs(attempts: number, settings: WebhookBackoffSettings, random: () => number = Math.random): number {
  let total = 0;
  for (let retry = 1; retry < attempts; retry++) total += webhookBackoffDelay(retry, settings, random);
  return total;
}

/** Job options of the webhook-deliveries queue: many attempts on the jittered schedule (instead of DEFAULT_JOB_OPTIONS'). */
export function webhookJobOptions(config: { WEBHOOK_MAX_ATTEMPTS: number }): { attempts: number; backoff: { type: string } } {
  return { attempts: config.WEBHOOK_MAX_ATTEMPTS, backoff: { type: WEBHOOK_BACKOFF_TYPE } };
}
