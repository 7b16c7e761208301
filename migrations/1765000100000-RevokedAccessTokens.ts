import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-out: the id (`jti`) of each signed-out access token until the moment it would have expired anyway. Every
 * authenticated request checks it in the same query that re-reads the membership. No organization: a token is
 * revoked by whoever holds it, before any tenant scope matters, and the retention purge deletes expired rows.
 */
export class RevokedAccessTokens1765000100000 implements MigrationInterface {
  name = 'RevokedAccessTokens1765000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE revoked_access_tokens (jti uuid PRIMARY KEY, expires_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX revoked_access_tokens_expires_idx ON revoked_access_tokens (expires_at)`);
    await q.query(`GRANT SELECT, INSERT, DELETE ON revoked_access_tokens TO hireloop_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_access_tokens`);
  }
}
