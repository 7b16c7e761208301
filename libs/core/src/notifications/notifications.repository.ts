import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { applyKeyset, timestampKey } from '../common/keyset';
import { CursorPosition, PageQueryDto } from '../common/pagination';
import type { PlannedNotification } from '../reminders/reminder-planner';
import { FeedbackNotificationPayload, NotificationEntity } from './notification.entity';

/** A notification as inserted (RETURNING), in the columns' own names: what the feedback emails and webhooks are made of. */
export interface InsertedNotificationRow {
  id: string;
  organization_id: string;
  recipient_member_id: string;
  kind: string;
  interview_id: string;
  interviewer_id: string;
  step: number;
  payload: Record<string, unknown>;
  created_at: Date;
}

/** A member's notifications, always looked up within one organization and for one recipient. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; `limit + 1` rows (see `toPage`). */
  pageForRecipient(organizationId: string, recipientMemberId: string, query: PageQueryDto & { unread?: boolean }): Promise<NotificationEntity[]> {
    const qb = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.organization_id = :organizationId AND n.recipient_member_id = :recipientMemberId', { organizationId, recipientMemberId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    applyKeyset(qb, query, { alias: 'n', sortColumn: 'created_at', direction: 'DESC' });
    return qb.getMany();
  }

  cursorOf(notification: NotificationEntity): CursorPosition {
    return { sortValue: timestampKey(notification.createdAt), id: notification.id };
  }

  /** Marks the recipient's notification read (the first time only); null when it is not theirs. */
  async markRead(organizationId: string, recipientMemberId: string, id: string): Promise<NotificationEntity | null> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now() WHERE id = $1 AND organization_id = $2 AND recipient_member_id = $3 AND read_at IS NULL`,
      [id, organizationId, recipientMemberId],
    );
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id, organizationId, recipientMemberId });
  }

  /**
   * Stores planned reminders and escalations; those already stored (same interview, interviewer, kind, due time and
   * step) are skipped, so overlapping scans never send one twice, while an interview moved to a later time is reminded
   * about from its new due time on. Returns the rows inserted now.
   */
  insertPlanned(manager: EntityManager, planned: PlannedNotification[]): Promise<InsertedNotificationRow[]> {
    return manager.query(
      `INSERT INTO notifications (organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload, due_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::int[], $7::jsonb[], $8::timestamptz[])
       ON CONFLICT (interview_id, interviewer_id, kind, due_at, step) WHERE kind <> 'feedback_nudge' DO NOTHING
       RETURNING id, organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload, created_at`,
      [
        planned.map((p) => p.organizationId),
        planned.map((p) => p.recipientMemberId),
        planned.map((p) => p.kind),
        planned.map((p) => p.interviewId),
        planned.map((p) => p.interviewerId),
        planned.map((p) => p.step),
        planned.map((p) => JSON.stringify(p.payload)),
        planned.map((p) => p.payload.dueAt),
      ],
    );
  }

  /** Locks the interviewer's nudges until the transaction ends (an advisory lock: there may be no row to lock yet). */
  async lockNudgesTo(manager: EntityManager, interviewerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('feedback-nudge:' || $1))`, [interviewerId]);
  }

  /** When the interviewer was last nudged (by anyone, for any interview); null if never. */
  async lastNudgeAt(manager: EntityManager, organizationId: string, interviewerId: string): Promise<Date | null> {
    const [last]: { created_at: Date }[] = await manager.query(
      `SELECT created_at FROM notifications WHERE organization_id = $1 AND interviewer_id = $2 AND kind = 'feedback_nudge' ORDER BY created_at DESC LIMIT 1`,
      [organizationId, interviewerId],
    );
    return last ? last.created_at : null;
  }

  /** A `feedback_nudge` to the interviewer, the next step of the nudges for this interview. */
  async insertNudge(
    manager: EntityManager,
    nudge: { organizationId: string; interviewerId: string; interviewId: string; payload: FeedbackNotificationPayload; createdAt: Date },
  ): Promise<Omit<InsertedNotificationRow, 'step'>> {
    const [inserted]: Omit<InsertedNotificationRow, 'step'>[] = await manager.query(
      `INSERT INTO notifications (organization_id, recipient_member_id, kind, interview_id, interviewer_id, step, payload, created_at)
         VALUES ($1, $2, 'feedback_nudge', $3, $2, (SELECT COALESCE(max(step) + 1, 0) FROM notifications WHERE interview_id = $3 AND interviewer_id = $2 AND kind = 'feedback_nudge'), $4, $5)
         RETURNING id, organization_id, recipient_member_id, kind, interview_id, interviewer_id, payload, created_at`,
      [nudge.organizationId, nudge.interviewerId, nudge.interviewId, JSON.stringify(nudge.payload), nudge.createdAt.toISOString()],
    );
    return inserted;
  }
}
