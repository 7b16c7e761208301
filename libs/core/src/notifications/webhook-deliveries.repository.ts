import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookAttempt, WebhookDeliveryEntity } from './webhook-delivery.entity';

/** What one attempt left on the delivery. */
export interface WebhookAttemptRecord {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  signature: string | null;
  url: string;
  outcome: 'delivered' | 'failed' | 'pending';
  /** The attempt-log entry (its attempt number is added here). */
  entry: Omit<WebhookAttempt, 'attempt'>;
}

/**
 * `webhook_deliveries`. A delivery is looked up by its id (the job carries it); every write after the first is
 * conditional on the delivery still being pending, so a late or repeated attempt changes nothing.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A pending delivery, in the caller's transaction. */
  async insert(
    manager: EntityManager,
    delivery: { id: string; organizationId: string; notificationId: string | null; event: string; url: string; body: Record<string, unknown> },
  ): Promise<void> {
    await manager.insert(WebhookDeliveryEntity, {
      id: delivery.id,
      organizationId: delivery.organizationId,
      notificationId: delivery.notificationId,
      event: delivery.event,
      url: delivery.url,
      body: delivery.body as never,
      status: 'pending',
    });
  }

  findById(deliveryId: string): Promise<WebhookDeliveryEntity | null> {
    return this.dataSource.getRepository(WebhookDeliveryEntity).findOneBy({ id: deliveryId });
  }

  /** failed → pending (no-op otherwise). */
  async revive(deliveryId: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1 AND status = 'failed'`, [deliveryId]);
  }

  /** Appends the attempt to the log and sets the delivery's state from it; no-op unless the delivery is pending. */
  async recordAttempt(deliveryId: string, a: WebhookAttemptRecord): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1,
              last_status_code = $2,
              last_error = $3,
              signature = $4,
              url = $5,
              status = $6,
              delivered_at = CASE WHEN $6 = 'delivered' THEN now() ELSE delivered_at END,
              attempt_log = attempt_log || jsonb_build_array($7::jsonb || jsonb_build_object('attempt', attempts + 1))
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, a.statusCode, a.error, a.signature, a.url, a.outcome, JSON.stringify(a.entry)],
    );
  }

  /** pending → failed, keeping the last attempt's error when there is one. */
  async markFailed(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = COALESCE(last_error, $2) WHERE id = $1 AND status = 'pending'`,
      [deliveryId, reason],
    );
  }
}
