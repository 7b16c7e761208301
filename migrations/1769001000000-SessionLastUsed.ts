import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session was last used, so that its owner can tell a device in use from one forgotten. Written at most once
 * per SESSION_ACTIVITY_SECONDS per session (null: not used since it was signed in).
 */
export class SessionLastUsed1769001000000 implements MigrationInterface {
  name = 'SessionLastUsed1769001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN last_used_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN last_used_at`);
  }
}
