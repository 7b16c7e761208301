import { MigrationInterface, QueryRunner } from 'typeorm';

/** The large jsonb values written on the hot paths, and how they were compressed before. */
const COLUMNS: [table: string, column: string][] = [
  ['calibration_reports', 'report'],
  ['scorecards', 'ratings'],
  ['scorecard_revisions', 'content'],
  ['audit_log', 'before'],
  ['audit_log', 'after'],
  ['loop_versions', 'snapshot'],
];

/**
 * Large jsonb values (a report is ~4 KB of text) are compressed with lz4 instead of PostgreSQL's default pglz: storing
 * 20,000 reports took 1.2–1.5 s instead of 2.7–2.9 s on the benchmark machine (issue 17), and reading them back is
 * cheaper too. Only values written from now on are affected (nothing is rewritten). A server built without lz4 keeps
 * pglz: the migration notes it and goes on.
 */
export class Lz4Compression1769000100000 implements MigrationInterface {
  name = 'Lz4Compression1769000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        ${COLUMNS.map(([table, column]) => `ALTER TABLE ${table} ALTER COLUMN "${column}" SET COMPRESSION lz4;`).join('\n        ')}
      EXCEPTION WHEN feature_not_supported THEN
        RAISE NOTICE 'this PostgreSQL server has no lz4: large values stay compressed with pglz';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of COLUMNS) await q.query(`ALTER TABLE ${table} ALTER COLUMN "${column}" SET COMPRESSION DEFAULT`);
  }
}
