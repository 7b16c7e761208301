import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API processes answer the membership check of a token from memory (MembershipCache); PostgreSQL tells them when an
 * answer may have changed, on the channel `hireloop_membership`: `m:<member id>` when a membership's status, roles,
 * user or organization change or it is deleted (also by a cascade), `t:<jti>` when an access token is signed out,
 * `*` when the members table is truncated. NOTIFY is sent at commit, so a rolled-back change says nothing.
 */
export class MembershipChangeNotifications1769000400000 implements MigrationInterface {
  name = 'MembershipChangeNotifications1769000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'STATEMENT' THEN
          PERFORM pg_notify('hireloop_membership', '*');
        ELSE
          PERFORM pg_notify('hireloop_membership', 'm:' || OLD.id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER members_access_changed
        AFTER UPDATE OF status, roles, user_id, organization_id ON members
        FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.roles IS DISTINCT FROM NEW.roles
              OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
        EXECUTE FUNCTION notify_membership_changed()`);
    await q.query(`CREATE TRIGGER members_deleted AFTER DELETE ON members FOR EACH ROW EXECUTE FUNCTION notify_membership_changed()`);
    await q.query(`CREATE TRIGGER members_truncated AFTER TRUNCATE ON members FOR EACH STATEMENT EXECUTE FUNCTION notify_membership_changed()`);
    await q.query(`
      CREATE FUNCTION notify_access_token_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hireloop_membership', 't:' || NEW.jti);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER revoked_access_tokens_announced AFTER INSERT ON revoked_access_tokens
        FOR EACH ROW EXECUTE FUNCTION notify_access_token_revoked()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER revoked_access_tokens_announced ON revoked_access_tokens`);
    await q.query(`DROP FUNCTION notify_access_token_revoked()`);
    await q.query(`DROP TRIGGER members_truncated ON members`);
    await q.query(`DROP TRIGGER members_deleted ON members`);
    await q.query(`DROP TRIGGER members_access_changed ON members`);
    await q.query(`DROP FUNCTION notify_membership_changed()`);
  }
}
