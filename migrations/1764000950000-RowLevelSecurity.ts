import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant isolation by the database. The service connects as `hireloop_app` (no superuser, no BYPASSRLS); migrations
 * run as the owner. Every table of the public schema with an `organization_id` column — found here, not listed, so
 * tables added by earlier migrations are covered; a table added LATER needs the same statements (see
 * `test/integration/row-level-security.int-spec.ts`, which fails while any such table lacks its policy) — gets:
 * - ENABLE and FORCE ROW LEVEL SECURITY (FORCE: the owner too, should the service ever connect as it);
 * - `tenant_isolation`: rows of the organization in `app.organization_id` only (read and write);
 * - `system_maintenance`: every row while `app.scope` = 'system' (the worker's audited maintenance scope).
 * With neither setting a statement sees nothing and writes nothing. `members` also shows a user their own
 * memberships while `app.user_id` is set (login, before an organization is known).
 */
export class RowLevelSecurity1764000950000 implements MigrationInterface {
  name = 'RowLevelSecurity1764000950000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hireloop_app') THEN
          CREATE ROLE hireloop_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO hireloop_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hireloop_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO hireloop_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hireloop_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO hireloop_app`);
    await q.query(`
      CREATE FUNCTION enable_tenant_isolation(target regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %s
          USING (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)
          WITH CHECK (organization_id = nullif(current_setting('app.organization_id', true), '')::uuid)$p$, target);
        EXECUTE format($p$CREATE POLICY system_maintenance ON %s
          USING (current_setting('app.scope', true) = 'system')
          WITH CHECK (current_setting('app.scope', true) = 'system')$p$, target);
      END $$`);
    await q.query(`
      SELECT enable_tenant_isolation(format('%I.%I', c.table_schema, c.table_name)::regclass)
        FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = 'public' AND c.column_name = 'organization_id' AND t.table_type = 'BASE TABLE'`);
    await q.query(`
      CREATE POLICY own_memberships ON members FOR SELECT
        USING (user_id = nullif(current_setting('app.user_id', true), '')::uuid)`);
    // Accepting an invite starts from its token alone. This function answers that one question across organizations
    // (the membership's organization, nothing else), entering the system scope only for its own statement.
    await q.query(`
      CREATE FUNCTION invited_membership(token_hash text) RETURNS TABLE (organization_id uuid)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        previous text := coalesce(current_setting('app.scope', true), '');
        found uuid;
      BEGIN
        PERFORM set_config('app.scope', 'system', true);
        SELECT m.organization_id INTO found FROM members m WHERE m.invite_token_hash = token_hash AND m.status = 'invited';
        PERFORM set_config('app.scope', previous, true);
        IF found IS NOT NULL THEN
          organization_id := found;
          RETURN NEXT;
        END IF;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION invited_membership(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION invited_membership(text) TO hireloop_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION invited_membership(text)`);
    await q.query(`DROP POLICY own_memberships ON members`);
    const tables: { table_name: string }[] = await q.query(
      `SELECT DISTINCT tablename AS table_name FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation'`,
    );
    for (const { table_name } of tables) {
      await q.query(`DROP POLICY tenant_isolation ON "${table_name}"`);
      await q.query(`DROP POLICY system_maintenance ON "${table_name}"`);
      await q.query(`ALTER TABLE "${table_name}" NO FORCE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE "${table_name}" DISABLE ROW LEVEL SECURITY`);
    }
    await q.query(`DROP FUNCTION enable_tenant_isolation(regclass)`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM hireloop_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM hireloop_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM hireloop_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM hireloop_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM hireloop_app`);
    // The role is cluster-wide (other databases may use it): it stays.
  }
}
