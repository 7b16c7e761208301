import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, users, memberships, the append-only audit log and the transactional outbox. */
export class InitialSchema1763860000000 implements MigrationInterface {
  name = 'InitialSchema1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        settings jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','recruiter','interviewer','hiring_manager']),
        status text NOT NULL CHECK (status IN ('invited','active','deactivated')),
        invite_token_hash text,
        invite_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, user_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX members_invite_token_idx ON members (invite_token_hash) WHERE invite_token_hash IS NOT NULL`);
    await q.query(`CREATE INDEX members_user_idx ON members (user_id)`);
    await q.query(`CREATE INDEX members_org_created_idx ON members (organization_id, created_at, id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        actor_member_id uuid REFERENCES members(id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_org_idx ON audit_log (organization_id, id DESC)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (organization_id, entity_type, entity_id)`);
    // Nobody edits history: the table refuses UPDATE and DELETE (TRUNCATE stays possible for an operator).
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`
      CREATE TABLE outbox_messages (
        id bigserial PRIMARY KEY,
        organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox_messages (id) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_messages`);
    await q.query(`DROP TRIGGER audit_log_no_update_or_delete ON audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE members`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE organizations`);
  }
}
