import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin can end one member's sessions in their organization without deactivating them: tokens of that membership
 * issued before `members.sessions_valid_after` (the API's clock, as a token's `iat_ms` claim) are refused by the
 * membership check. The account's other organizations are not the admin's to sign out of (`users.sessions_valid_after`
 * is the account's own). Setting it announces `m:<member id>` like any other change of a membership's access.
 */
export class MemberSessionsValidAfter1769000700000 implements MigrationInterface {
  name = 'MemberSessionsValidAfter1769000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN sessions_valid_after timestamptz`);
    await q.query(`DROP TRIGGER members_access_changed ON members`);
    await q.query(`
      CREATE TRIGGER members_access_changed
        AFTER UPDATE OF status, roles, user_id, organization_id, sessions_valid_after ON members
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
              OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id
              OR OLD.sessions_valid_after IS DISTINCT FROM NEW.sessions_valid_after)
        EXECUTE FUNCTION notify_membership_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER members_access_changed ON members`);
    await q.query(`
      CREATE TRIGGER members_access_changed
        AFTER UPDATE OF status, roles, user_id, organization_id ON members
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
              OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
        EXECUTE FUNCTION notify_membership_changed()`);
    await q.query(`ALTER TABLE members DROP COLUMN sessions_valid_after`);
  }
}
