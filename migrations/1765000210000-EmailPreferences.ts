import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email preferences per user (every category on until turned off; no row = the defaults), and the delivery status
 * `skipped`: a non-essential email whose recipient turned its category off is recorded, not sent. Preferences belong
 * to the user across organizations, like `users` itself (no organization, no tenant policy).
 */
export class EmailPreferences1765000210000 implements MigrationInterface {
  name = 'EmailPreferences1765000210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_preferences (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        interview_updates boolean NOT NULL DEFAULT true,
        feedback_reminders boolean NOT NULL DEFAULT true,
        decision_notices boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON email_preferences TO hireloop_app`);
    await q.query(`ALTER TABLE email_deliveries DROP CONSTRAINT email_deliveries_status_check`);
    await q.query(
      `ALTER TABLE email_deliveries ADD CONSTRAINT email_deliveries_status_check CHECK (status IN ('pending','sending','sent','failed','skipped'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE email_deliveries SET status = 'failed', last_error = coalesce(last_error, 'skipped: the recipient turned this email off') WHERE status = 'skipped'`,
    );
    await q.query(`ALTER TABLE email_deliveries DROP CONSTRAINT email_deliveries_status_check`);
    await q.query(
      `ALTER TABLE email_deliveries ADD CONSTRAINT email_deliveries_status_check CHECK (status IN ('pending','sending','sent','failed'))`,
    );
    await q.query(`DROP TABLE email_preferences`);
  }
}
