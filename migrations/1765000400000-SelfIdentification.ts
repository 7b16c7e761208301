import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voluntary self-identification (issue 16), kept apart from interview data:
 * - the member role `compliance` (the only role that reads self-identification data and the adverse-impact report);
 * - `self_identification_links`: one-time links for an application, the token stored as its SHA-256 only;
 * - `self_identifications`: the answers per application, sealed with the candidate's data key (crypto-shredding:
 *   erasure destroys the key and deletes the rows);
 * - `self_identification_link_owner(token_hash)`: SECURITY DEFINER, names the organization of a link (the
 *   candidate's page has no account), nothing else.
 */
export class SelfIdentification1765000400000 implements MigrationInterface {
  name = 'SelfIdentification1765000400000';

  async up(q: QueryRunner): Promise<void> {
    // Extend the members' role check in place (another migration may have added roles of its own to the same list).
    await q.query(`
      DO $$
      DECLARE
        check_name text;
        definition text;
      BEGIN
        SELECT c.conname, pg_get_constraintdef(c.oid) INTO check_name, definition
          FROM pg_constraint c WHERE c.conrelid = 'members'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%roles <@%';
        IF definition IS NULL THEN RAISE EXCEPTION 'members role check not found'; END IF;
        IF position('''compliance''' IN definition) = 0 THEN
          EXECUTE format('ALTER TABLE members DROP CONSTRAINT %I', check_name);
          EXECUTE format('ALTER TABLE members ADD CONSTRAINT %I %s', check_name, regexp_replace(definition, 'ARRAY\\[', 'ARRAY[''compliance''::text, '));
        END IF;
      END $$`);
    await q.query(`
      CREATE TABLE self_identification_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        created_by_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX self_identification_links_application_idx ON self_identification_links (organization_id, application_id)`);
    await q.query(`
      CREATE TABLE self_identifications (
        application_id uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
        answers bytea NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX self_identifications_candidate_idx ON self_identifications (organization_id, candidate_id)`);
    for (const table of ['self_identification_links', 'self_identifications']) {
      await q.query(`SELECT enable_tenant_isolation('${table}'::regclass)`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO hireloop_app`);
    }
    await q.query(`
      CREATE FUNCTION self_identification_link_owner(token_hash text) RETURNS TABLE (organization_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
        SELECT l.organization_id FROM self_identification_links l WHERE l.token_hash = self_identification_link_owner.token_hash
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION self_identification_link_owner(text) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION self_identification_link_owner(text) TO hireloop_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION self_identification_link_owner(text)`);
    await q.query(`DROP TABLE self_identifications`);
    await q.query(`DROP TABLE self_identification_links`);
    await q.query(`UPDATE members SET roles = array_remove(roles, 'compliance') WHERE 'compliance' = ANY(roles)`);
    await q.query(`
      DO $$
      DECLARE
        check_name text;
        definition text;
      BEGIN
        SELECT c.conname, pg_get_constraintdef(c.oid) INTO check_name, definition
          FROM pg_constraint c WHERE c.conrelid = 'members'::regclass AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE '%roles <@%';
        EXECUTE format('ALTER TABLE members DROP CONSTRAINT %I', check_name);
        EXECUTE format('ALTER TABLE members ADD CONSTRAINT %I %s', check_name, replace(definition, '''compliance''::text, ', ''));
      END $$`);
  }
}
