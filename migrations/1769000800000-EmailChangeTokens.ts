import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changing an account's sign-in address: a link to the new address proves it, the current password proved the
 * account. Each link's token is stored only as its SHA-256, works once, and expires; the address it would set waits
 * here until then. Account rows, like `password_reset_tokens`: no organization, so no row-level security.
 */
export class EmailChangeTokens1769000800000 implements MigrationInterface {
  name = 'EmailChangeTokens1769000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_change_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        new_email text NOT NULL CHECK (new_email = lower(btrim(new_email)) AND length(new_email) <= 254),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_change_tokens_user_idx ON email_change_tokens (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_change_tokens`);
  }
}
