import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { isUuid } from '@hireloop/core/common/uuid';
import type { SendEmailJobData } from '@hireloop/core/email/email-requests';
import { EmailDeliveriesRepository } from '@hireloop/core/email/email-deliveries.repository';
import { emailDeliveries } from '@hireloop/core/observability';
import { JobName, QueueName } from '@hireloop/queue';
import { runInOrganization, runWithScope } from '@hireloop/database';
import { queueConcurrency } from '../queue-concurrency';
import { EmailAttemptOutcome, EmailSenderService } from './email-sender.service';

export type SendEmailJob = Job<SendEmailJobData, EmailAttemptOutcome['outcome'], typeof JobName.SendEmail>;

/**
 * The email-delivery outcome an attempt adds to `hireloop_email_delivery_attempts_total`, or none when no SMTP
 * attempt was made (another worker holds the lease, or the delivery was already done or is gone).
 */
export function emailAttemptMetric(result: EmailAttemptOutcome): 'sent' | 'retrying' | 'failed' | undefined {
  if (result.outcome === 'sent' || result.outcome === 'failed') return result.outcome;
  if (result.outcome === 'retry' && !result.busy) return 'retrying';
  return undefined;
}

/**
 * `send-email`: one attempt per run. A transient failure moves the job back to delayed for the policy's back-off
 * (EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_DELAY_MS, doubling up to EMAIL_RETRY_MAX_DELAY_MS), counted on the delivery row
 * rather than by BullMQ; a 5xx answer or the last attempt marks the delivery failed, which admins see. Errors
 * outside the attempt (e.g. PostgreSQL down) throw and get the queue's own retries.
 */
@Processor(QueueName.EmailDeliveries, { concurrency: queueConcurrency('EMAIL_DELIVERY_CONCURRENCY') })
export class EmailDeliveryProcessor extends WorkerHost {
  private readonly logger = new Logger(EmailDeliveryProcessor.name);
  private lastErrorLoggedAt = 0;

  constructor(
    private readonly sender: EmailSenderService,
    private readonly deliveries: EmailDeliveriesRepository,
  ) {
    super();
  }

  async process(job: SendEmailJob, token?: string): Promise<EmailAttemptOutcome['outcome']> {
    const deliveryId = job.data?.deliveryId;
    if (job.name !== JobName.SendEmail || typeof deliveryId !== 'string' || !isUuid(deliveryId)) {
      throw new UnrecoverableError(`unexpected job ${job.name} ${JSON.stringify(job.data)}`);
    }
    const result = await inDeliveryScope(job.data, () => this.sender.attempt(deliveryId));
    const counted = emailAttemptMetric(result);
    if (counted) emailDeliveries.inc({ outcome: counted });
    if (result.outcome === 'retry') {
      await job.moveToDelayed(result.retryAt.getTime(), token);
      throw new DelayedError();
    }
    return result.outcome;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: SendEmailJob | undefined, error: Error): Promise<void> {
    if (!job || error instanceof DelayedError) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final && typeof job.data?.deliveryId === 'string') {
      const deliveryId = job.data.deliveryId;
      emailDeliveries.inc({ outcome: 'failed' });
      await inDeliveryScope(job.data, () => this.deliveries.markFailed(deliveryId, error.message)).catch(() => undefined);
    }
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = Date.now();
    this.logger.warn(`email-deliveries worker: ${error.message}`);
  }
}

/**
 * A delivery is read and updated in its organization's scope (row-level security); an account mail without one
 * (e.g. a password reset) in an empty scope, which sees only rows without an organization.
 */
export function inDeliveryScope<T>(data: Partial<SendEmailJobData> | undefined, fn: () => Promise<T>): Promise<T> {
  const organizationId = data?.organizationId;
  return typeof organizationId === 'string' ? runInOrganization(organizationId, fn) : runWithScope({}, fn);
}
