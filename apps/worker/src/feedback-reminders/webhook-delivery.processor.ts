import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { validateEnvironment } from '@hireloop/config';
import {
  WebhookAttemptOutcome,
  WebhookDeliveryFailedError,
  WebhookDeliveryJobData,
  WebhookDeliveryService,
} from '@hireloop/core/notifications/webhook-delivery.service';
import { JobName, QueueName, WEBHOOK_BACKOFF_TYPE, webhookBackoffDelay } from '@hireloop/queue';
import { runInOrganization } from '@hireloop/database';
import { queueConcurrency } from '../queue-concurrency';

export type { WebhookDeliveryJobData };
export type DeliverWebhookJob = Job<WebhookDeliveryJobData, WebhookAttemptOutcome, typeof JobName.DeliverWebhook>;

/**
 * BullMQ custom back-off of this queue's jobs (`backoff: { type: WEBHOOK_BACKOFF_TYPE }`, set by the relay from
 * WEBHOOK_MAX_ATTEMPTS): jittered exponential delays from WEBHOOK_BACKOFF_BASE_MS up to WEBHOOK_BACKOFF_MAX_MS.
 */
export function webhookBackoffStrategy(attemptsMade: number, type?: string): number {
  if (type !== undefined && type !== WEBHOOK_BACKOFF_TYPE) return -1; // not ours: BullMQ treats it as "no retry"
  const env = validateEnvironment(process.env as Record<string, unknown>);
  return webhookBackoffDelay(attemptsMade, { baseMs: env.WEBHOOK_BACKOFF_BASE_MS, maxMs: env.WEBHOOK_BACKOFF_MAX_MS });
}

/**
 * `deliver-webhook`: one signed POST per attempt. A non-2xx answer or a network error throws, so BullMQ retries
 * on the jittered schedule above (over 24 h by default); a refused destination is terminal. Every attempt is recorded
 * on the delivery, and the last one marks it failed.
 */
@Processor(QueueName.WebhookDeliveries, {
  concurrency: queueConcurrency('WEBHOOK_DELIVERY_CONCURRENCY'),
  settings: { backoffStrategy: webhookBackoffStrategy },
})
export class WebhookDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(WebhookDeliveryProcessor.name);
  private lastErrorLoggedAt = 0;

  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: DeliverWebhookJob): Promise<WebhookAttemptOutcome> {
    const deliveryId = job.data?.deliveryId;
    const organizationId = job.data?.organizationId;
    if (job.name !== JobName.DeliverWebhook || typeof deliveryId !== 'string' || typeof organizationId !== 'string') {
      throw new UnrecoverableError(`unexpected job ${job.name} ${JSON.stringify(job.data)}`);
    }
    // attemptsMade is 0 on a job's first run, and again after an admin retried the failed job.
    try {
      return await runInOrganization(organizationId, () =>
        this.deliveries.attempt(deliveryId, { finalAttempt: isFinalAttempt(job), revive: job.attemptsMade === 0 }),
      );
    } catch (error) {
      if (error instanceof WebhookDeliveryFailedError && error.terminal) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: DeliverWebhookJob | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    // The attempt records its own outcome; this covers failures outside it (e.g. the database was down).
    const { deliveryId, organizationId } = job.data ?? {};
    if (final && typeof deliveryId === 'string' && typeof organizationId === 'string') {
      await runInOrganization(organizationId, () => this.deliveries.markFailed(deliveryId, error.message)).catch(() => undefined);
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = Date.now();
    this.logger.warn(`webhook-deliveries worker: ${error.message}`);
  }
}

/** No retry follows a failure of this attempt. (`attemptsMade` counts the attempts finished before this one.) */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}
