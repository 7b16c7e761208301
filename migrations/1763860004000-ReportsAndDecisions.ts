import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calibrated panel reports (versioned per application), hiring decisions, and the interviewer leniency offsets the
 * reports read (filled by the interviewer-calibration job).
 */
export class ReportsAndDecisions1763860004000 implements MigrationInterface {
  name = 'ReportsAndDecisions1763860004000';

  async up(q: QueryRunner): Promise<void> {
    // "offset" is a reserved word: always quoted.
    await q.query(`
      CREATE TABLE interviewer_calibrations (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        interviewer_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        "offset" double precision NOT NULL DEFAULT 0,
        n int NOT NULL DEFAULT 0 CHECK (n >= 0),
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, interviewer_id)
      )`);

    await q.query(`
      CREATE TABLE calibration_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version > 0),
        inputs_hash text NOT NULL,
        algorithm_version text NOT NULL,
        score double precision,
        recommendation text NOT NULL CHECK (recommendation IN ('hire','no_hire','inconclusive')),
        scorecard_count int NOT NULL CHECK (scorecard_count >= 0),
        covers jsonb NOT NULL DEFAULT '{}'::jsonb,
        report jsonb NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calibration_reports_application_version_key UNIQUE (application_id, version)
      )`);
    await q.query(`CREATE INDEX calibration_reports_org_recommendation_idx ON calibration_reports (organization_id, recommendation)`);

    await q.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        decision text NOT NULL CHECK (decision IN ('hire','no_hire')),
        rationale text NOT NULL CHECK (length(rationale) >= 10),
        override_reason text,
        report_id uuid REFERENCES calibration_reports(id),
        report_version int,
        report_recommendation text CHECK (report_recommendation IN ('hire','no_hire','inconclusive')),
        followed_recommendation boolean,
        decided_by_member_id uuid NOT NULL REFERENCES members(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT decisions_application_key UNIQUE (application_id)
      )`);
    await q.query(`CREATE INDEX decisions_org_created_idx ON decisions (organization_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decisions`);
    await q.query(`DROP TABLE calibration_reports`);
    await q.query(`DROP TABLE interviewer_calibrations`);
  }
}
