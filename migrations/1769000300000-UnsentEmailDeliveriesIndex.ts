import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job sweep looks for emails still unsent a while after their last change (their job lost with Redis's data):
 * a partial index holds only those rows, so the sweep never reads the history of sent emails.
 */
export class UnsentEmailDeliveriesIndex1769000300000 implements MigrationInterface {
  name = 'UnsentEmailDeliveriesIndex1769000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS email_deliveries_unsent_idx ON email_deliveries (updated_at) WHERE status IN ('pending', 'sending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS email_deliveries_unsent_idx`);
  }
}
