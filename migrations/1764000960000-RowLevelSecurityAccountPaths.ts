import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security for the paths that start before an organization is known (merged after RowLevelSecurity):
 * - `email_deliveries` and `outbox_messages` rows without an organization (account mails such as a password reset,
 *   and their outbox rows) are readable and writable only by a statement that is NOT in an organization's scope
 *   (the unauthenticated request that asks for them, the worker that sends them) — never by a tenant's requests;
 * - `calendar_feed_owner(token_hash)`: the organization of an active member's calendar feed token (the feed is
 *   served by its token alone; the rest of the request then runs in that organization's scope);
 * - `signup_membership(token_hash)`: the organization of a pending signup's membership (e-mail verification);
 * - any table with `organization_id` still without its tenant policies gets them (none expected; kept so that a
 *   table added between the two migrations cannot slip through).
 * Both functions are SECURITY DEFINER with a fixed search_path and answer one question (an organization id).
 */
export class RowLevelSecurityAccountPaths1764000960000 implements MigrationInterface {
  name = 'RowLevelSecurityAccountPaths1764000960000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      SELECT enable_tenant_isolation(format('%I.%I', c.table_schema, c.table_name)::regclass)
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'
         AND NOT EXISTS (SELECT FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.table_name AND p.policyname = 'tenant_isolation')`);
    for (const table of ['email_deliveries', 'outbox_messages']) {
      await q.query(`
        CREATE POLICY without_organization ON ${table}
          USING (organization_id IS NULL AND coalesce(current_setting('app.organization_id', true), '') = '')
          WITH CHECK (organization_id IS NULL AND coalesce(current_setting('app.organization_id', true), '') = '')`);
    }
    await q.query(`
      CREATE FUNCTION calendar_feed_owner(token_hash text) RETURNS TABLE (organization_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT f.organization_id FROM calendar_feeds f WHERE f.token_hash = calendar_feed_owner.token_hash
      $$`);
    await q.query(`
      CREATE FUNCTION signup_membership(token_hash text) RETURNS TABLE (organization_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT m.organization_id FROM signup_verifications v JOIN members m ON m.id = v.member_id
         WHERE v.token_hash = signup_membership.token_hash AND m.status = 'invited'
      $$`);
    for (const fn of ['calendar_feed_owner(text)', 'signup_membership(text)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO hireloop_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION signup_membership(text)`);
    await q.query(`DROP FUNCTION calendar_feed_owner(text)`);
    for (const table of ['email_deliveries', 'outbox_messages']) await q.query(`DROP POLICY without_organization ON ${table}`);
  }
}
