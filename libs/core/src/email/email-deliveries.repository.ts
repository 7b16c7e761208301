import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { QueueName } from '@hireloop/queue';
import { AppError } from '../common/app-error';
import { CursorPosition, decodeCursor } from '../common/pagination';
import { isUuid } from '../common/uuid';
import { sqlLimit } from '../common/sql-limit';
import type { EmailTemplate } from './email-templates';
import { DEFAULT_EMAIL_PREFERENCES, EmailPreferences } from './email-preferences';

export type EmailDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface ClaimedEmailDelivery {
  id: string;
  organizationId: string | null;
  organizationName: string | null;
  template: EmailTemplate;
  recipientEmail: string;
  recipientName: string;
  params: Record<string, unknown>;
  attempts: number;
}

export type ClaimResult = { state: 'claimed'; delivery: ClaimedEmailDelivery } | { state: 'done' | 'missing' } | { state: 'busy'; retryAt: Date };

/** What admins see of a delivery: never its parameters (tokens, candidate names) or body. */
export interface EmailDeliveryRow {
  id: string;
  template: string;
  recipientEmail: string;
  status: EmailDeliveryStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
}

const MAX_ERROR_LENGTH = 500;

/** The rows of an UPDATE … RETURNING: TypeORM answers UPDATE and DELETE with `[rows, rowCount]`. */
export function updatedRows<T>(result: unknown): T[] {
  return (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
}

/**
 * `email_deliveries` as the worker and admins use it. The SMTP send of a delivery happens only after `claim` moved
 * it from pending to sending (a conditional UPDATE, so two workers never both win); `sent` and `failed` are final,
 * and they empty the stored parameters.
 */
@Injectable()
export class EmailDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Deliveries still pending (or sending past any lease) `settledForSeconds` after their last change, with no send
   * request waiting in the outbox: their job may have been lost (the job sweep checks BullMQ before asking again).
   * Across organizations (the system scope), or one organization's. The longest waiting first; reads only `email_deliveries_unsent_idx`.
   */
  unsent(
    manager: EntityManager,
    options: { settledForSeconds: number; limit: number; organizationId?: string },
  ): Promise<{ organizationId: string | null; deliveryId: string }[]> {
    return manager.query(
      `SELECT d.organization_id AS "organizationId", d.id AS "deliveryId"
         FROM email_deliveries d
        WHERE d.status IN ('pending', 'sending') AND d.updated_at < now() - make_interval(secs => $1)
          AND ($3::uuid IS NULL OR d.organization_id = $3::uuid)
          AND NOT EXISTS (SELECT 1 FROM outbox_messages o
                           WHERE o.published_at IS NULL AND o.queue = '${QueueName.EmailDeliveries}' AND o.payload->>'deliveryId' = d.id::text)
        ORDER BY d.updated_at
        LIMIT $2`,
      [options.settledForSeconds, options.limit, options.organizationId ?? null],
    );
  }

  /**
   * pending → sending (attempts + 1). A row left in `sending` by a worker that died is taken over once its lease
   * (`leaseMs` since the claim) is over; before that the caller should come back at `retryAt`.
   */
  async claim(deliveryId: string, leaseMs: number): Promise<ClaimResult> {
    const rows: ClaimedEmailDelivery[] = updatedRows(
      await this.dataSource.query(
        `UPDATE email_deliveries d
          SET status = 'sending', attempts = d.attempts + 1, claimed_at = now(), updated_at = now()
        WHERE d.id = $1
          AND (d.status = 'pending' OR (d.status = 'sending' AND d.claimed_at < now() - make_interval(secs => $2::double precision / 1000)))
        RETURNING d.id, d.organization_id AS "organizationId", d.template, d.recipient_email AS "recipientEmail", d.recipient_name AS "recipientName",
                  d.params, d.attempts,
                  (SELECT o.name FROM organizations o WHERE o.id = d.organization_id) AS "organizationName"`,
        [deliveryId, leaseMs],
      ),
    );
    if (rows.length > 0) return { state: 'claimed', delivery: rows[0] };
    const [current]: { status: string; claimed_at: Date | null }[] = await this.dataSource.query(
      `SELECT status, claimed_at FROM email_deliveries WHERE id = $1`,
      [deliveryId],
    );
    if (!current) return { state: 'missing' };
    if (current.status === 'sending') return { state: 'busy', retryAt: new Date((current.claimed_at?.getTime() ?? Date.now()) + leaseMs + 100) };
    return { state: 'done' };
  }

  async markSent(deliveryId: string, messageId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'sent', sent_at = now(), updated_at = now(), message_id = $2, last_error = NULL, params = '{}'::jsonb
        WHERE id = $1 AND status = 'sending'`,
      [deliveryId, messageId],
    );
  }

  /** A transient failure: back to pending, with the error, for the next attempt. */
  async markRetry(deliveryId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'pending', last_error = $2, updated_at = now() WHERE id = $1 AND status = 'sending'`,
      [deliveryId, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** Permanent failure (the server refused it, or the attempts are used up): recorded for admins. */
  async markFailed(deliveryId: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'failed', failed_at = now(), last_error = $2, updated_at = now(), params = '{}'::jsonb
        WHERE id = $1 AND status IN ('pending', 'sending')`,
      [deliveryId, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** Not sent: the recipient turned this kind of email off. Final, like `sent`; the parameters are emptied. */
  async markSkipped(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_deliveries SET status = 'skipped', last_error = $2, updated_at = now(), params = '{}'::jsonb WHERE id = $1 AND status = 'sending'`,
      [deliveryId, reason.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** The account behind a recipient address (users are global) and its email preferences; null without an account. */
  async recipientPreferences(email: string): Promise<{ userId: string; preferences: EmailPreferences } | null> {
    const [row]: { id: string; interview_updates: boolean | null; feedback_reminders: boolean | null; decision_notices: boolean | null }[] =
      await this.dataSource.query(
        `SELECT u.id, p.interview_updates, p.feedback_reminders, p.decision_notices FROM users u LEFT JOIN email_preferences p ON p.user_id = u.id WHERE u.email = $1`,
        [email],
      );
    if (!row) return null;
    return {
      userId: row.id,
      preferences: {
        interviewUpdates: row.interview_updates ?? DEFAULT_EMAIL_PREFERENCES.interviewUpdates,
        feedbackReminders: row.feedback_reminders ?? DEFAULT_EMAIL_PREFERENCES.feedbackReminders,
        decisionNotices: row.decision_notices ?? DEFAULT_EMAIL_PREFERENCES.decisionNotices,
      },
    };
  }

  /** One organization's deliveries, newest first (keyset on created_at, id), optionally of one status. */
  page(organizationId: string, query: { limit: number; cursor?: string; status?: EmailDeliveryStatus }): Promise<EmailDeliveryRow[]> {
    const after = decodeCursor(query.cursor);
    if (after && (!isUuid(after.id) || Number.isNaN(Date.parse(after.sortValue)))) {
      throw AppError.invalid('cursor', 'cursor is not a cursor this API issued.', 'invalid_cursor');
    }
    const params: unknown[] = [organizationId];
    let where = 'organization_id = $1';
    if (query.status) {
      params.push(query.status);
      where += ` AND status = $${params.length}`;
    }
    if (after) {
      params.push(after.sortValue, after.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.dataSource.query(
      `SELECT id, template, recipient_email AS "recipientEmail", status, attempts, last_error AS "lastError",
              created_at AS "createdAt", sent_at AS "sentAt", failed_at AS "failedAt", created_at::text AS "createdAtKey"
         FROM email_deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ${sqlLimit(query.limit + 1)}`,
      params,
    );
  }

  cursorOf(row: EmailDeliveryRow & { createdAtKey?: string }): CursorPosition {
    return { sortValue: row.createdAtKey ?? row.createdAt.toISOString(), id: row.id };
  }
}
