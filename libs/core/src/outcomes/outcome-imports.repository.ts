import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CsvOutcomeRow, CsvRowError } from './outcome-csv';

export type OutcomeImportStatus = 'queued' | 'validating' | 'applying' | 'completed' | 'failed';

export interface OutcomeImportRow {
  id: string;
  organizationId: string;
  dryRun: boolean;
  status: OutcomeImportStatus;
  fileSha256: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rowsWritten: number;
  rowsUnchanged: number;
  createdAt: Date;
  finishedAt: Date | null;
}

const IMPORT_COLUMNS = `id, organization_id AS "organizationId", dry_run AS "dryRun", status, file_sha256 AS "fileSha256", rows_read AS "rowsRead",
  rows_accepted AS "rowsAccepted", rows_rejected AS "rowsRejected", rows_written AS "rowsWritten", rows_unchanged AS "rowsUnchanged",
  created_at AS "createdAt", finished_at AS "finishedAt"`;

/**
 * Outcome imports, their staged rows and row errors. Everything set-based: staged rows go in with one statement per
 * batch (unnest of arrays) and are checked and applied with a handful of statements, whatever the file's size.
 */
@Injectable()
export class OutcomeImportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(manager: EntityManager, organizationId: string, memberId: string, dryRun: boolean): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO outcome_imports (organization_id, created_by_member_id, dry_run, status, file_sha256) VALUES ($1, $2, $3, 'queued', '') RETURNING id`,
      [organizationId, memberId, dryRun],
    );
    return id;
  }

  async stageRows(manager: EntityManager, organizationId: string, importId: string, rows: CsvOutcomeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO outcome_import_rows (organization_id, import_id, row_number, application_id, candidate_email, role, kind, review_point, rating, days, departure_type, occurred_on)
       SELECT $1, $2, * FROM unnest($3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[], $11::text[], $12::date[])`,
      [
        organizationId,
        importId,
        rows.map((r) => r.row),
        rows.map((r) => r.applicationId),
        rows.map((r) => r.candidateEmail),
        rows.map((r) => r.role),
        rows.map((r) => r.values.kind),
        rows.map((r) => r.values.reviewPoint),
        rows.map((r) => r.values.rating),
        rows.map((r) => r.values.days),
        rows.map((r) => r.values.departureType),
        rows.map((r) => r.values.occurredOn),
      ],
    );
  }

  async recordErrors(manager: EntityManager, organizationId: string, importId: string, errors: CsvRowError[]): Promise<void> {
    if (errors.length === 0) return;
    await manager.query(
      `INSERT INTO outcome_import_errors (organization_id, import_id, row_number, column_name, reason) SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[])`,
      [organizationId, importId, errors.map((e) => e.row), errors.map((e) => e.column), errors.map((e) => e.reason)],
    );
  }

  async finishUpload(manager: EntityManager, organizationId: string, importId: string, fileSha256: string, rowsRead: number): Promise<void> {
    await manager.query(`UPDATE outcome_imports SET file_sha256 = $3, rows_read = $4, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      importId,
      fileSha256,
      rowsRead,
    ]);
  }

  async find(
    organizationId: string,
    importId: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<OutcomeImportRow | null> {
    const rows: OutcomeImportRow[] = await manager.query(
      `SELECT ${IMPORT_COLUMNS} FROM outcome_imports WHERE organization_id = $1 AND id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, importId],
    );
    return rows[0] ?? null;
  }

  async errors(organizationId: string, importId: string, limit: number): Promise<{ items: CsvRowError[]; total: number }> {
    const [items, [{ total }]] = await Promise.all([
      this.dataSource.query(
        `SELECT row_number AS row, column_name AS column, reason FROM outcome_import_errors WHERE organization_id = $1 AND import_id = $2 ORDER BY row_number, column_name NULLS FIRST, reason LIMIT $3`,
        [organizationId, importId, limit],
      ),
      this.dataSource.query(`SELECT count(*)::int AS total FROM outcome_import_errors WHERE organization_id = $1 AND import_id = $2`, [
        organizationId,
        importId,
      ]),
    ]);
    return { items, total };
  }

  async setStatus(manager: EntityManager, organizationId: string, importId: string, status: OutcomeImportStatus): Promise<void> {
    await manager.query(`UPDATE outcome_imports SET status = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      importId,
      status,
    ]);
  }

  /**
   * The checks that need the database, as three set-based statements: resolve `candidate_email` + `role` to the
   * application, then record an error for every row whose application is unknown, not hired, or named twice for the
   * same outcome (duplicate rows: every occurrence after the first).
   */
  async resolveAndCheck(manager: EntityManager, organizationId: string, importId: string): Promise<void> {
    // The staged rows are minutes old and have no statistics: the planner takes them for a handful and picks nested
    // loops over every application of the role (minutes for 50,000 rows). Hash joins are right at any size here.
    await manager.query(`SET LOCAL enable_nestloop = off`);
    await manager.query(
      `UPDATE outcome_import_rows r SET application_id = m.application_id
         FROM (SELECT DISTINCT ON (r2.row_number) r2.row_number, a.id AS application_id
                 FROM outcome_import_rows r2
                 JOIN candidates c ON c.organization_id = r2.organization_id AND c.email = r2.candidate_email
                 JOIN applications a ON a.organization_id = c.organization_id AND a.candidate_id = c.id
                 JOIN roles ro ON ro.organization_id = a.organization_id AND ro.id = a.role_id AND (ro.id::text = r2.role OR lower(ro.title) = lower(r2.role))
                WHERE r2.organization_id = $1 AND r2.import_id = $2 AND r2.application_id IS NULL
                ORDER BY r2.row_number, (a.status = 'hired') DESC, a.created_at DESC) m
        WHERE r.organization_id = $1 AND r.import_id = $2 AND r.row_number = m.row_number`,
      [organizationId, importId],
    );
    await manager.query(
      `INSERT INTO outcome_import_errors (organization_id, import_id, row_number, column_name, reason)
       SELECT $1, $2, r.row_number,
              CASE WHEN r.candidate_email IS NULL THEN 'application_id'
                   WHEN NOT EXISTS (SELECT 1 FROM candidates c WHERE c.organization_id = $1 AND c.email = r.candidate_email) THEN 'candidate_email'
                   ELSE 'role' END,
              CASE WHEN r.candidate_email IS NULL THEN 'no application with this id in the organization'
                   WHEN NOT EXISTS (SELECT 1 FROM candidates c WHERE c.organization_id = $1 AND c.email = r.candidate_email) THEN 'no candidate with this e-mail in the organization'
                   ELSE 'the candidate has no application for this role' END
         FROM outcome_import_rows r
        WHERE r.organization_id = $1 AND r.import_id = $2
          AND (r.application_id IS NULL OR NOT EXISTS (SELECT 1 FROM applications a WHERE a.organization_id = $1 AND a.id = r.application_id))`,
      [organizationId, importId],
    );
    await manager.query(
      `INSERT INTO outcome_import_errors (organization_id, import_id, row_number, column_name, reason)
       SELECT $1, $2, r.row_number, CASE WHEN r.candidate_email IS NULL THEN 'application_id' ELSE 'candidate_email' END,
              'the application is ' || a.status || '; outcomes are recorded for hired applications only'
         FROM outcome_import_rows r JOIN applications a ON a.organization_id = $1 AND a.id = r.application_id
        WHERE r.organization_id = $1 AND r.import_id = $2 AND a.status <> 'hired'`,
      [organizationId, importId],
    );
    await manager.query(
      `INSERT INTO outcome_import_errors (organization_id, import_id, row_number, column_name, reason)
       SELECT $1, $2, d.row_number, NULL, 'duplicate of row ' || d.first_row || ' (the same outcome of the same application)'
         FROM (SELECT row_number, min(row_number) OVER (PARTITION BY application_id, kind,
                        CASE kind WHEN 'performance_rating' THEN review_point WHEN 'promotion' THEN occurred_on::text ELSE '' END) AS first_row
                 FROM outcome_import_rows WHERE organization_id = $1 AND import_id = $2 AND application_id IS NOT NULL) d
        WHERE d.row_number <> d.first_row`,
      [organizationId, importId],
    );
  }

  /** Rows with at least one error. */
  async rejectedRows(manager: EntityManager, organizationId: string, importId: string): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(DISTINCT row_number)::int AS n FROM outcome_import_errors WHERE organization_id = $1 AND import_id = $2`,
      [organizationId, importId],
    );
    return n;
  }

  /** Staged rows whose outcome is already stored with exactly these values (a re-import changes nothing for them). */
  async unchangedRows(manager: EntityManager, organizationId: string, importId: string): Promise<number> {
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM outcome_import_rows r
        WHERE r.organization_id = $1 AND r.import_id = $2 AND EXISTS (
          SELECT 1 FROM outcomes o WHERE o.organization_id = $1 AND o.application_id = r.application_id AND o.kind = r.kind
             AND o.review_point IS NOT DISTINCT FROM r.review_point AND o.rating IS NOT DISTINCT FROM r.rating AND o.days IS NOT DISTINCT FROM r.days
             AND o.departure_type IS NOT DISTINCT FROM r.departure_type AND o.occurred_on IS NOT DISTINCT FROM r.occurred_on)`,
      [organizationId, importId],
    );
    return n;
  }

  /**
   * Applies every staged row: new outcomes inserted, differing ones updated, identical ones left alone (so a re-import
   * of the same file writes nothing). Returns the rows written.
   */
  async apply(manager: EntityManager, organizationId: string, importId: string): Promise<number> {
    // Written on behalf of whoever uploaded the file.
    const source = `SELECT organization_id, application_id, kind, review_point, rating, days, departure_type, occurred_on,
                           (SELECT i.created_by_member_id FROM outcome_imports i WHERE i.organization_id = $1 AND i.id = $2), import_id
                      FROM outcome_import_rows WHERE organization_id = $1 AND import_id = $2`;
    const columns = `(organization_id, application_id, kind, review_point, rating, days, departure_type, occurred_on, recorded_by_member_id, import_id)`;
    const changed = `(outcomes.review_point, outcomes.rating, outcomes.days, outcomes.departure_type, outcomes.occurred_on)
                     IS DISTINCT FROM (EXCLUDED.review_point, EXCLUDED.rating, EXCLUDED.days, EXCLUDED.departure_type, EXCLUDED.occurred_on)`;
    const set = `SET rating = EXCLUDED.rating, days = EXCLUDED.days, departure_type = EXCLUDED.departure_type, occurred_on = EXCLUDED.occurred_on,
                     recorded_by_member_id = EXCLUDED.recorded_by_member_id, import_id = EXCLUDED.import_id, updated_at = now()`;
    const statements = [
      `INSERT INTO outcomes ${columns} ${source} AND kind = 'performance_rating'
         ON CONFLICT (organization_id, application_id, review_point) WHERE kind = 'performance_rating' DO UPDATE ${set} WHERE ${changed}`,
      `INSERT INTO outcomes ${columns} ${source} AND kind IN ('time_to_productivity', 'departure')
         ON CONFLICT (organization_id, application_id, kind) WHERE kind IN ('time_to_productivity', 'departure') DO UPDATE ${set} WHERE ${changed}`,
      `INSERT INTO outcomes ${columns} ${source} AND kind = 'promotion'
         ON CONFLICT (organization_id, application_id, occurred_on) WHERE kind = 'promotion' DO NOTHING`,
    ];
    let written = 0;
    for (const sql of statements) {
      const [{ n }] = await manager.query(`WITH w AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM w`, [organizationId, importId]);
      written += n;
    }
    return written;
  }

  async finish(
    manager: EntityManager,
    organizationId: string,
    importId: string,
    result: { status: 'completed' | 'failed'; accepted: number; rejected: number; written: number; unchanged: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE outcome_imports SET status = $3, rows_accepted = $4, rows_rejected = $5, rows_written = $6, rows_unchanged = $7, finished_at = now(), updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [organizationId, importId, result.status, result.accepted, result.rejected, result.written, result.unchanged],
    );
  }

  /** The staged rows are only needed until the import is processed. */
  async dropStagedRows(manager: EntityManager, organizationId: string, importId: string): Promise<void> {
    await manager.query(`DELETE FROM outcome_import_rows WHERE organization_id = $1 AND import_id = $2`, [organizationId, importId]);
  }
}
