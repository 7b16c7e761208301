import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per (interview, interviewer), kept by a trigger on `interviews`, for `GET /v1/me/interviews` (issue 17).
 * The member's interviews were found with `interviewer_ids @> ARRAY[member]` through the GIN index, but under
 * row-level security PostgreSQL may only use an index for a condition whose operator is LEAKPROOF, and array
 * containment is not: as the application's role every list scanned the organization's interviews (42 ms for a member
 * with 356 past interviews among 22,541; 3.8 ms as the superuser, who bypasses the policies). Here the member is a
 * uuid equality (leakproof), and the index also orders by end time.
 */
export class InterviewInterviewers1768000300000 implements MigrationInterface {
  name = 'InterviewInterviewers1768000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interview_interviewers (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        member_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL,
        feedback_done boolean NOT NULL DEFAULT false,
        PRIMARY KEY (interview_id, member_id)
      )`);
    await q.query(`CREATE INDEX interview_interviewers_member_idx ON interview_interviewers (organization_id, member_id, ends_at, interview_id)`);
    // "Awaiting feedback" reads only the member's interviews still without their submitted (or withdrawn) scorecard,
    // not their whole history.
    await q.query(
      `CREATE INDEX interview_interviewers_awaiting_idx ON interview_interviewers (organization_id, member_id, ends_at, interview_id) WHERE status = 'scheduled' AND NOT feedback_done`,
    );
    await q.query(`SELECT enable_tenant_isolation('interview_interviewers'::regclass)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON interview_interviewers TO hireloop_app`);
    // Runs as the writer of the interview, under the same tenant setting, so the policies admit its rows.
    await q.query(`
      CREATE FUNCTION interview_interviewers_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          DELETE FROM interview_interviewers WHERE interview_id = NEW.id AND member_id <> ALL (NEW.interviewer_ids);
        END IF;
        INSERT INTO interview_interviewers (organization_id, interview_id, member_id, starts_at, ends_at, status)
        SELECT DISTINCT NEW.organization_id, NEW.id, m, NEW.starts_at, NEW.ends_at, NEW.status FROM unnest(NEW.interviewer_ids) AS m
        ON CONFLICT (interview_id, member_id) DO UPDATE
          SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, status = EXCLUDED.status;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER interviews_sync_interviewers
        AFTER INSERT OR UPDATE OF interviewer_ids, starts_at, ends_at, status ON interviews
        FOR EACH ROW EXECUTE FUNCTION interview_interviewers_sync()`);
    // feedback_done follows the interviewer's scorecard: submitted or withdrawn = done.
    await q.query(`
      CREATE FUNCTION interview_interviewers_feedback_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE interview_interviewers SET feedback_done = false WHERE interview_id = OLD.interview_id AND member_id = OLD.interviewer_id;
        ELSE
          UPDATE interview_interviewers SET feedback_done = NEW.status IN ('submitted', 'withdrawn')
           WHERE interview_id = NEW.interview_id AND member_id = NEW.interviewer_id
             AND feedback_done IS DISTINCT FROM (NEW.status IN ('submitted', 'withdrawn'));
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER scorecards_sync_feedback_done
        AFTER INSERT OR DELETE OR UPDATE OF status ON scorecards
        FOR EACH ROW EXECUTE FUNCTION interview_interviewers_feedback_sync()`);
    await q.query(`
      INSERT INTO interview_interviewers (organization_id, interview_id, member_id, starts_at, ends_at, status, feedback_done)
      SELECT DISTINCT i.organization_id, i.id, m, i.starts_at, i.ends_at, i.status,
             EXISTS (SELECT 1 FROM scorecards s WHERE s.interview_id = i.id AND s.interviewer_id = m AND s.status IN ('submitted', 'withdrawn'))
        FROM interviews i, unnest(i.interviewer_ids) AS m`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER scorecards_sync_feedback_done ON scorecards`);
    await q.query(`DROP FUNCTION interview_interviewers_feedback_sync()`);
    await q.query(`DROP TRIGGER interviews_sync_interviewers ON interviews`);
    await q.query(`DROP FUNCTION interview_interviewers_sync()`);
    await q.query(`DROP TABLE interview_interviewers`);
  }
}
