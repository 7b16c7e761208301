import { MigrationInterface, QueryRunner } from 'typeorm';
import { asSystem } from './as-system';

/**
 * InterviewInterviewers filled `interview_interviewers` from the interviews already stored, but without the system
 * scope: where the migrating role is not a superuser, row-level security (forced for the owner too) showed it no
 * interview, and the table stayed empty for them. The rows missing are added now (the triggers have kept every row
 * since); rows already there are left as they are.
 */
export class InterviewInterviewersBackfill1769001300000 implements MigrationInterface {
  name = 'InterviewInterviewersBackfill1769001300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      asSystem(`INSERT INTO interview_interviewers (organization_id, interview_id, member_id, starts_at, ends_at, status, feedback_done)
      SELECT DISTINCT i.organization_id, i.id, m, i.starts_at, i.ends_at, i.status,
             EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.interviewer_id = m AND s.status IN ('submitted', 'withdrawn'))
        FROM interviews i, unnest(i.interviewer_ids) AS m
      ON CONFLICT (interview_id, member_id) DO NOTHING`),
    );
  }

  async down(): Promise<void> {
    // Nothing to undo: the rows added are those the triggers keep.
  }
}
