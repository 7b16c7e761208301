import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crypto-shredding of personal data in the append-only audit log: one random data key per candidate (wrapped with
 * the master key DATA_ENCRYPTION_KEY), and two audit columns — the candidate a row's personal fields belong to, and
 * those fields sealed with that candidate's key (AES-256-GCM). Erasure deletes the key row.
 */
export class CandidateKeys1764000900000 implements MigrationInterface {
  name = 'CandidateKeys1764000900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE candidate_keys (
        candidate_id uuid PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        wrapped_key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX candidate_keys_org_idx ON candidate_keys (organization_id, candidate_id)`);
    // Adding nullable columns rewrites no row: the append-only trigger (row-level) does not fire.
    await q.query(`ALTER TABLE audit_log ADD COLUMN subject_candidate_id uuid, ADD COLUMN personal bytea`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_personal_has_subject CHECK (personal IS NULL OR subject_candidate_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_personal_has_subject`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN personal, DROP COLUMN subject_candidate_id`);
    await q.query(`DROP TABLE candidate_keys`);
  }
}
