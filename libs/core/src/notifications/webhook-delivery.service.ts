import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, validateEnvironment } from '@hireloop/config';
import { JobName, QueueName } from '@hireloop/queue';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { OutboxService } from '../outbox/outbox.service';
import { WebhookAttempt } from './webhook-delivery.entity';
import { WebhookAttemptRecord, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import {
  signStandardWebhook,
  signWebhookBody,
  STANDARD_WEBHOOK_ID_HEADER,
  STANDARD_WEBHOOK_SIGNATURE_HEADER,
  STANDARD_WEBHOOK_TIMESTAMP_HEADER,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook-signature';
import { pinnedRequest, resolveWebhookTarget, untilAborted, WebhookPolicy, webhookPolicy, WebhookTargetError } from './webhook-target';

/** Payload of a `deliver-webhook` job: ids only; the processor re-reads the delivery. */
export interface WebhookDeliveryJobData {
  organizationId: string;
  deliveryId: string;
}

export function webhookDeliveryDedupeKey(deliveryId: string): string {
  return `webhook:${deliveryId}`;
}

/** A delivery attempt that did not get a 2xx: thrown so that the queue retries it with backoff. */
export class WebhookDeliveryFailedError extends Error {
  constructor(
    readonly deliveryId: string,
    readonly statusCode: number | null,
    message: string,
    /** No retry can help (the destination is refused): the queue should stop. */
    readonly terminal = false,
  ) {
    super(message);
    this.name = 'WebhookDeliveryFailedError';
  }
}

export type WebhookAttemptOutcome = 'delivered' | 'already_done' | 'not_found' | 'webhook_removed';

export const WEBHOOK_TIMEOUT_MS = 5000;
const MAX_ERROR_LENGTH = 500;

/**
 * Creates webhook deliveries (with their job, through the outbox, in the caller's transaction) and performs one
 * delivery attempt: POST of the stored body, signed with the organization's current secret, 5 s timeout, no redirects.
 * Every attempt is recorded on the delivery (status code, error, time); the last failed attempt marks it failed.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  private readonly policy: WebhookPolicy;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly outbox: OutboxService,
    config?: AppConfig,
  ) {
    this.policy = webhookPolicy(config ?? validateEnvironment(process.env as Record<string, unknown>));
  }

  /** Stores a pending delivery and announces its job; runs in the caller's transaction. */
  async create(
    manager: EntityManager,
    delivery: { id: string; organizationId: string; notificationId: string | null; event: string; url: string; body: Record<string, unknown> },
  ): Promise<void> {
    await this.deliveries.insert(manager, delivery);
    const payload: WebhookDeliveryJobData = { organizationId: delivery.organizationId, deliveryId: delivery.id };
    await this.outbox.enqueue(manager, {
      organizationId: delivery.organizationId,
      queue: QueueName.WebhookDeliveries,
      jobName: JobName.DeliverWebhook,
      payload: { ...payload },
      dedupeKey: webhookDeliveryDedupeKey(delivery.id),
    });
  }

  /**
   * One attempt. Resolves when there is nothing (more) to do; throws `WebhookDeliveryFailedError` when the endpoint
   * did not answer 2xx, so the caller's queue retries. `finalAttempt`: no retry follows, so a failure marks the
   * delivery failed. `revive`: the job starts over (an admin retried it), so a delivery marked failed is attempted again.
   */
  async attempt(deliveryId: string, options: { finalAttempt: boolean; revive?: boolean; timeoutMs?: number }): Promise<WebhookAttemptOutcome> {
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery) return 'not_found';
    if (delivery.status === 'failed' && options.revive) {
      // An admin retried the failed job: the delivery gets a new round of attempts.
      await this.deliveries.revive(delivery.id);
      delivery.status = 'pending';
    }
    if (delivery.status !== 'pending') return 'already_done';
    const settings = await this.organizations.settings(delivery.organizationId);
    if (!settings?.webhookUrl) {
      await this.record(delivery.id, {
        statusCode: null,
        error: 'the organization no longer has a webhook',
        durationMs: 0,
        signature: null,
        url: delivery.url,
        outcome: 'failed',
      });
      return 'webhook_removed';
    }
    // Every attempt goes to the URL stored with the delivery (never to whatever is configured now), re-checked
    // and resolved now, and connects to the addresses that passed the check.
    const url = delivery.url;
    const body = JSON.stringify(delivery.body);
    const signature = settings.webhookSecret ? signWebhookBody(settings.webhookSecret, body) : null;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'hireloop-webhooks/1',
      [WEBHOOK_DELIVERY_HEADER]: delivery.id,
      [WEBHOOK_EVENT_HEADER]: delivery.event,
      [STANDARD_WEBHOOK_ID_HEADER]: delivery.id,
      [STANDARD_WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    };
    if (signature) headers[WEBHOOK_SIGNATURE_HEADER] = signature;
    if (settings.webhookSecret)
      headers[STANDARD_WEBHOOK_SIGNATURE_HEADER] = signStandardWebhook(settings.webhookSecret, delivery.id, timestamp, body);

    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let terminal = false;
    try {
      // One deadline for the whole attempt, name lookup included: an endpoint dribbling bytes cannot stretch it.
      const signal = AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
      const target = await untilAborted(resolveWebhookTarget(url, this.policy), signal);
      const answer = await pinnedRequest(target, { method: 'POST', headers, body, signal });
      statusCode = answer.status;
      if (statusCode < 200 || statusCode >= 300) error = `endpoint answered ${statusCode}`;
    } catch (e) {
      if (e instanceof WebhookTargetError) {
        terminal = e.problem !== 'unresolvable';
        error = e.problem === 'unresolvable' ? 'unreachable (host not found)' : 'refused: the destination is not a public address';
        if (e.problem === 'https_required') error = 'refused: https is required';
        if (e.problem === 'invalid_url') error = 'refused: invalid URL';
      } else {
        error = (e as Error).name === 'TimeoutError' ? `no response within ${options.timeoutMs ?? WEBHOOK_TIMEOUT_MS} ms` : 'unreachable';
      }
    }
    const durationMs = Date.now() - started;
    const ok = error === null;
    const final = options.finalAttempt || terminal;
    await this.record(delivery.id, {
      statusCode,
      error: error?.slice(0, MAX_ERROR_LENGTH) ?? null,
      durationMs,
      signature,
      url,
      outcome: ok ? 'delivered' : final ? 'failed' : 'pending',
    });
    if (!ok) {
      this.logger.warn(`webhook delivery ${delivery.id} failed: ${error}${final ? ' (giving up)' : ''}`);
      throw new WebhookDeliveryFailedError(delivery.id, statusCode, `webhook delivery ${delivery.id} failed: ${error}`, terminal);
    }
    return 'delivered';
  }

  /** The queue gave up (e.g. the job failed for a reason the attempt itself did not record). */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await this.deliveries.markFailed(deliveryId, reason.slice(0, MAX_ERROR_LENGTH));
  }

  private async record(id: string, a: Omit<WebhookAttemptRecord, 'entry'>): Promise<void> {
    const entry: Omit<WebhookAttempt, 'attempt'> = {
      at: new Date().toISOString(),
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    };
    await this.deliveries.recordAttempt(id, { ...a, entry });
  }
}
