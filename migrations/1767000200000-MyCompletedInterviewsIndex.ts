import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Completed" of GET /v1/me/interviews: a member's submitted scorecards, most recently submitted first, 20 at a time.
 * Without this index every submitted scorecard of the member was read and sorted for each request (3,750 rows for a
 * busy interviewer of the benchmark); with it the page is read in order and the scan stops at the LIMIT.
 */
export class MyCompletedInterviewsIndex1767000200000 implements MigrationInterface {
  name = 'MyCompletedInterviewsIndex1767000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX scorecards_interviewer_submitted_idx
                     ON scorecards (organization_id, interviewer_id, submitted_at DESC NULLS LAST, interview_id DESC)
                     WHERE status = 'submitted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX scorecards_interviewer_submitted_idx`);
  }
}
