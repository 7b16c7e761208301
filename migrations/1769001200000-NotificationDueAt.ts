import { MigrationInterface, QueryRunner } from 'typeorm';
import { asSystem } from './as-system';

/**
 * A reminder or escalation is sent once per interview, interviewer, step AND due time. The once-key had no due time,
 * so an interview moved after it had ended (and been reminded about) got no reminders for the days already reminded:
 * step 0…k of the new due time collided with the old ones. Nudges keep their own key (a counter per interview and
 * interviewer). `due_at` is filled from the payload's `dueAt` of the rows already sent.
 */
export class NotificationDueAt1769001200000 implements MigrationInterface {
  name = 'NotificationDueAt1769001200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN due_at timestamptz`);
    await q.query(
      asSystem(`UPDATE notifications SET due_at = (payload->>'dueAt')::timestamptz WHERE kind <> 'feedback_nudge' AND payload ? 'dueAt'`),
    );
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_once_key`);
    await q.query(
      `CREATE UNIQUE INDEX notifications_nudge_once_key ON notifications (interview_id, interviewer_id, step) WHERE kind = 'feedback_nudge'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX notifications_reminder_once_key ON notifications (interview_id, interviewer_id, kind, due_at, step) WHERE kind <> 'feedback_nudge'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_reminder_once_key`);
    await q.query(`DROP INDEX notifications_nudge_once_key`);
    // The reminders of a moved interview share steps with the earlier ones: keep the first of each.
    await q.query(
      asSystem(`DELETE FROM notifications n USING notifications o
                 WHERE n.interview_id = o.interview_id AND n.interviewer_id = o.interviewer_id AND n.kind = o.kind AND n.step = o.step
                   AND (n.created_at, n.id) > (o.created_at, o.id)`),
    );
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_once_key UNIQUE (interview_id, interviewer_id, kind, step)`);
    await q.query(`ALTER TABLE notifications DROP COLUMN due_at`);
  }
}
