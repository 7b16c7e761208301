import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signup mails (verification, "someone tried to sign up with your e-mail") now go the way of every email: an
 * `email_deliveries` row and its outbox row, sent by the worker (to the development mailbox when SMTP_URL is unset).
 * The `dev_mailbox` table that held them before real email existed goes.
 */
export class DropDevMailboxTable1765000110000 implements MigrationInterface {
  name = 'DropDevMailboxTable1765000110000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dev_mailbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dev_mailbox (
        id bigserial PRIMARY KEY,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }
}
