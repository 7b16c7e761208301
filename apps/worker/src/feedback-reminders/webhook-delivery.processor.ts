import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { WebhookAttemptOutcome, WebhookDeliveryJobData, WebhookDeliveryService } from '@hireloop/core/notifications/webhook-delivery.service';
import { JobName, QueueName } from '@hireloop/queue';
import { runInOrganization } from '@hireloop/database';

export type { WebhookDeliveryJobData };
export type DeliverWebhookJob = Job<WebhookDeliveryJobData, WebhookAttemptOutcome, typeof JobName.DeliverWebhook>;

/**
 * `deliver-webhook`: one signed POST per attempt. A non-2xx answer or a network error throws, so BullMQ retries
 * with the queue's exponential backoff (DEFAULT_JOB_OPTIONS); every attempt is recorded on the delivery, and the
 * last one marks it failed.
 */
@Processor(QueueName.WebhookDeliveries, { concurrency: 8 })
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
    return runInOrganization(organizationId, () => this.deliveries.attempt(deliveryId, { finalAttempt: isFinalAttempt(job), revive: job.attemptsMade === 0 }));
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
