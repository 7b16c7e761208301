import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of outcomes from an HR system (issue 15, item 2).
 * - `outcome_imports`: one upload, its status and counters (the progress the API shows).
 * - `outcome_import_rows`: the rows that passed the per-row checks while the file streamed in, typed, waiting for the
 *   worker to resolve applications and apply them all together (or none).
 * - `outcome_import_errors`: row-level problems (row number, column, reason).
 */
export class OutcomeImports1765000310000 implements MigrationInterface {
  name = 'OutcomeImports1765000310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        created_by_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        dry_run boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'validating', 'applying', 'completed', 'failed')),
        file_sha256 text NOT NULL,
        rows_read integer NOT NULL DEFAULT 0,
        rows_accepted integer NOT NULL DEFAULT 0,
        rows_rejected integer NOT NULL DEFAULT 0,
        rows_written integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX outcome_imports_by_organization ON outcome_imports (organization_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE outcome_import_rows (
        organization_id uuid NOT NULL,
        import_id uuid NOT NULL REFERENCES outcome_imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        application_id uuid,
        candidate_email text,
        role text,
        kind text NOT NULL,
        review_point text,
        rating integer,
        days integer,
        departure_type text,
        occurred_on date,
        PRIMARY KEY (import_id, row_number)
      )`);
    await q.query(`
      CREATE TABLE outcome_import_errors (
        organization_id uuid NOT NULL,
        import_id uuid NOT NULL REFERENCES outcome_imports(id) ON DELETE CASCADE,
        row_number integer NOT NULL,
        column_name text,
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX outcome_import_errors_by_import ON outcome_import_errors (import_id, row_number)`);
    for (const table of ['outcome_imports', 'outcome_import_rows', 'outcome_import_errors']) {
      await q.query(`SELECT enable_tenant_isolation('${table}'::regclass)`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO hireloop_app`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outcome_import_errors`);
    await q.query(`DROP TABLE outcome_import_rows`);
    await q.query(`DROP TABLE outcome_imports`);
  }
}
