import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an account is signed in: one row per issued access token (its `jti`), with the device's user agent and
 * address as the API saw them at sign-in, so that the owner can see their sessions and end one. Refusing a token
 * stays the membership check's (revoked_access_tokens, sessions_valid_after); a row is only the record. Account rows:
 * no organization column and no row-level security (read by user id); purged once the token has expired.
 */
export class Sessions1769000900000 implements MigrationInterface {
  name = 'Sessions1769000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        user_agent text CHECK (length(user_agent) <= 400),
        ip_address text CHECK (length(ip_address) <= 64)
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
    await q.query(`CREATE INDEX sessions_member_idx ON sessions (member_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
