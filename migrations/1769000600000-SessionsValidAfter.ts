import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password reset signs the account out everywhere: tokens issued before `users.sessions_valid_after` (the API's clock,
 * as a token's `iat_ms` claim) are refused by the membership check. Setting it announces `u:<user id>` on the membership
 * channel, so that API processes forget what they remembered of that account's tokens (MembershipCache).
 */
export class SessionsValidAfter1769000600000 implements MigrationInterface {
  name = 'SessionsValidAfter1769000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN sessions_valid_after timestamptz`);
    await q.query(`
      CREATE FUNCTION notify_sessions_ended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hireloop_membership', 'u:' || NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_sessions_ended AFTER UPDATE OF sessions_valid_after ON users
        FOR EACH ROW WHEN (OLD.sessions_valid_after IS DISTINCT FROM NEW.sessions_valid_after)
        EXECUTE FUNCTION notify_sessions_ended()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_sessions_ended ON users`);
    await q.query(`DROP FUNCTION notify_sessions_ended()`);
    await q.query(`ALTER TABLE users DROP COLUMN sessions_valid_after`);
  }
}
