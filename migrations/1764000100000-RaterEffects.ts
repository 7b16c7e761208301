import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Leniency as a joint rater-effect model, used out of sample (issue 12).
 *
 * `interviewer_calibrations` gains what the out-of-sample offset needs: the interviewer's deviation sum
 * S = Σ (rating − μ̂) over their co-rated ratings (n of them) and the shrinkage k, so that
 * offset = S / (n + k). `interviewer_application_calibrations` holds each interviewer's share of S and n per
 * application; the report of application X uses (S − s_X) / (n − n_X + k). Existing rows get S = offset × (n + 5),
 * the identity of the previous model with its default k = 5, until the next nightly run recomputes them.
 */
export class RaterEffects1764000100000 implements MigrationInterface {
  name = 'RaterEffects1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE interviewer_calibrations
        ADD COLUMN deviation_sum double precision NOT NULL DEFAULT 0,
        ADD COLUMN k double precision NOT NULL DEFAULT 5 CONSTRAINT interviewer_calibrations_k_check CHECK (k > 0)`);
    await q.query(`UPDATE interviewer_calibrations SET deviation_sum = "offset" * (n + 5) WHERE n > 0`);

    await q.query(`
      CREATE TABLE interviewer_application_calibrations (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        interviewer_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        deviation_sum double precision NOT NULL,
        n int NOT NULL CHECK (n > 0),
        PRIMARY KEY (organization_id, application_id, interviewer_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE interviewer_application_calibrations`);
    await q.query(`ALTER TABLE interviewer_calibrations DROP COLUMN k, DROP COLUMN deviation_sum`);
  }
}
