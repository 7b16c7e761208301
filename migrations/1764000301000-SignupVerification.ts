import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signup with e-mail verification (SIGNUP_EMAIL_VERIFICATION): the new organization's first membership waits as
 * `invited` until the one-time token (stored as its sha256) comes back through POST /v1/auth/verify-email.
 * `dev_mailbox` holds the mails the service would send, outside production only, until real e-mail exists.
 */
export class SignupVerification1764000301000 implements MigrationInterface {
  name = 'SignupVerification1764000301000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signup_verifications (
        token_hash text PRIMARY KEY,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX signup_verifications_member_idx ON signup_verifications (member_id)`);
    await q.query(`
      CREATE TABLE dev_mailbox (
        id bigserial PRIMARY KEY,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dev_mailbox`);
    await q.query(`DROP TABLE signup_verifications`);
  }
}
