import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality of hire, validity reports (issue 15, item 3): one row per computation, versioned per (organization, role);
 * `role_id` NULL = the organization-wide report. The report itself (cells, scatter, retention, interviewers) is
 * jsonb, written once by the worker. Tenant policies (`enable_tenant_isolation`) and grants like every tenant table.
 */
export class ValidityReports1766000100000 implements MigrationInterface {
  name = 'ValidityReports1766000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE validity_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role_id uuid REFERENCES roles(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        reason text NOT NULL CHECK (reason IN ('manual', 'nightly')),
        min_n integer NOT NULL CHECK (min_n >= 4),
        requested_by_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        report jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        computed_at timestamptz,
        CONSTRAINT validity_reports_done_has_report CHECK (status <> 'done' OR (report IS NOT NULL AND computed_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX validity_reports_version ON validity_reports (organization_id, coalesce(role_id, '00000000-0000-0000-0000-000000000000'::uuid), version)`,
    );
    await q.query(`SELECT enable_tenant_isolation('validity_reports'::regclass)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON validity_reports TO hireloop_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE validity_reports`);
  }
}
