import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GIN index on `interviews.interviewer_ids` serves no query: under row-level security PostgreSQL cannot use it
 * for `@>` (not LEAKPROOF), so a member's interviews are found through `interview_interviewers` (1768000300000), and
 * the remaining `= ANY(interviewer_ids)` conditions are checked on an interview found by another index. Dropping it
 * spares every interview written its maintenance.
 */
export class DropInterviewersGinIndex1769000200000 implements MigrationInterface {
  name = 'DropInterviewersGinIndex1769000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS interviews_interviewers_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS interviews_interviewers_idx ON interviews USING gin (interviewer_ids)`);
  }
}
