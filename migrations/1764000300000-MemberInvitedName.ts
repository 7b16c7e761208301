import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name an organization gave when inviting someone, kept on the membership: an invite shows that name (never the
 * name of an account the email may already have), and never changes the global user.
 */
export class MemberInvitedName1764000300000 implements MigrationInterface {
  name = 'MemberInvitedName1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN invited_name text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members DROP COLUMN invited_name`);
  }
}
