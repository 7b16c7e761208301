import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback reminders (notifications, signed webhook deliveries) and the per-role reliability figures written by the
 * interviewer-calibration job (the leniency offsets it writes live in `interviewer_calibrations`, 1763860004000).
 */
export class CalibrationAndReminders1763860005000 implements MigrationInterface {
  name = 'CalibrationAndReminders1763860005000';

  async up(q: QueryRunner): Promise<void> {
    // One row per reminder or escalation. The unique key is what makes the scan idempotent: the same interview,
    // interviewer, kind and step (days since the scorecard fell due) is inserted at most once, even by two workers.
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        recipient_member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('feedback_reminder','feedback_escalation')),
        interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        interviewer_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        step int NOT NULL CHECK (step >= 0),
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT notifications_once_key UNIQUE (interview_id, interviewer_id, kind, step)
      )`);
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (organization_id, recipient_member_id, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        notification_id uuid REFERENCES notifications(id) ON DELETE SET NULL,
        event text NOT NULL,
        url text NOT NULL,
        body jsonb NOT NULL,
        signature text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','delivered','failed')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_status_code int,
        last_error text,
        attempt_log jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_org_created_idx ON webhook_deliveries (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_deliveries_notification_idx ON webhook_deliveries (notification_id)`);

    // Krippendorff's alpha (interval) per role and dimension; alpha is null when undefined (too few pairable ratings
    // or no variation at all).
    await q.query(`
      CREATE TABLE role_reliability (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        dimension_id uuid NOT NULL,
        alpha double precision,
        n_units int NOT NULL CHECK (n_units >= 0),
        n_ratings int NOT NULL CHECK (n_ratings >= 0),
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (role_id, dimension_id)
      )`);
    await q.query(`CREATE INDEX role_reliability_org_idx ON role_reliability (organization_id)`);

    // The calibration views read one interviewer's recommendations against decisions.
    await q.query(`CREATE INDEX scorecards_interviewer_status_idx ON scorecards (organization_id, interviewer_id, status)`);
    // The reminder scan walks interviews by end time within a bounded window.
    await q.query(`CREATE INDEX interviews_scheduled_ends_id_idx ON interviews (ends_at, id) WHERE status = 'scheduled'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX interviews_scheduled_ends_id_idx`);
    await q.query(`DROP INDEX scorecards_interviewer_status_idx`);
    await q.query(`DROP TABLE role_reliability`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE notifications`);
  }
}
