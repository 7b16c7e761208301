import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback nudges: a recruiter, admin or the role's hiring manager asks an interviewer for a missing scorecard from
 * the debrief. A nudge is a notification like a reminder (kind `feedback_nudge`, its step numbering the nudges of
 * that interviewer on that interview), so it reaches the interviewer's inbox and is emailed through the same outbox.
 * The partial index serves the per-interviewer rate limit (the latest nudge to an interviewer).
 */
export class FeedbackNudges1765000700000 implements MigrationInterface {
  name = 'FeedbackNudges1765000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('feedback_reminder','feedback_escalation','feedback_nudge'))`,
    );
    await q.query(
      `CREATE INDEX notifications_nudges_idx ON notifications (organization_id, interviewer_id, created_at DESC) WHERE kind = 'feedback_nudge'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_nudges_idx`);
    await q.query(`DELETE FROM notifications WHERE kind = 'feedback_nudge'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('feedback_reminder','feedback_escalation'))`);
  }
}
