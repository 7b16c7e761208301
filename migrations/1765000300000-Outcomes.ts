import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quality of hire (issue 15): what happened after a hire, and the organization's performance-rating scale.
 *
 * - `outcomes`: one row per recorded outcome of a hired application — a performance rating at a review point
 *   (90d / 6m / 12m, at most one each), time to productivity (days, at most one), a departure (voluntary /
 *   involuntary with its date, at most one) or a promotion (a date, any number, one per date).
 * - `outcome_settings`: the organization's rating scale (min, max, a label per level); absent = 1–5 default.
 * - The member role `people_analytics` joins the allowed member roles. The check is rebuilt from the list it holds
 *   now (not a literal list), so another migration adding a role of its own in parallel keeps it.
 * Both tables get the tenant policies of every tenant table (`enable_tenant_isolation`) and grants for hireloop_app.
 */
export class Outcomes1765000300000 implements MigrationInterface {
  name = 'Outcomes1765000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcomes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('performance_rating', 'time_to_productivity', 'departure', 'promotion')),
        review_point text CHECK (review_point IN ('90d', '6m', '12m')),
        rating integer,
        days integer CHECK (days >= 0),
        departure_type text CHECK (departure_type IN ('voluntary', 'involuntary')),
        occurred_on date,
        recorded_by_member_id uuid REFERENCES members(id) ON DELETE SET NULL,
        import_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcomes_shape CHECK (
          (kind = 'performance_rating' AND review_point IS NOT NULL AND rating IS NOT NULL AND days IS NULL AND departure_type IS NULL)
          OR (kind = 'time_to_productivity' AND days IS NOT NULL AND review_point IS NULL AND rating IS NULL AND departure_type IS NULL)
          OR (kind = 'departure' AND departure_type IS NOT NULL AND occurred_on IS NOT NULL AND review_point IS NULL AND rating IS NULL AND days IS NULL)
          OR (kind = 'promotion' AND occurred_on IS NOT NULL AND review_point IS NULL AND rating IS NULL AND days IS NULL AND departure_type IS NULL)
        )
      )`);
    await q.query(
      `CREATE UNIQUE INDEX outcomes_one_rating_per_review_point ON outcomes (organization_id, application_id, review_point) WHERE kind = 'performance_rating'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX outcomes_one_per_application ON outcomes (organization_id, application_id, kind) WHERE kind IN ('time_to_productivity', 'departure')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX outcomes_one_promotion_per_date ON outcomes (organization_id, application_id, occurred_on) WHERE kind = 'promotion'`,
    );
    await q.query(`CREATE INDEX outcomes_by_kind ON outcomes (organization_id, kind, review_point)`);

    await q.query(`
      CREATE TABLE outcome_settings (
        organization_id uuid PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
        rating_min integer NOT NULL,
        rating_max integer NOT NULL,
        rating_labels jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_settings_scale CHECK (rating_min >= 0 AND rating_max > rating_min AND rating_max - rating_min <= 10)
      )`);
    for (const table of ['outcomes', 'outcome_settings']) {
      await q.query(`SELECT enable_tenant_isolation('${table}'::regclass)`);
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO hireloop_app`);
    }
    await this.setMemberRoles(q, (roles) => (roles.includes('people_analytics') ? roles : [...roles, 'people_analytics']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE members SET roles = array_remove(roles, 'people_analytics') WHERE 'people_analytics' = ANY(roles) AND cardinality(roles) > 1`,
    );
    await q.query(`DELETE FROM members WHERE roles = ARRAY['people_analytics']::text[]`);
    await this.setMemberRoles(q, (roles) => roles.filter((r) => r !== 'people_analytics'));
    await q.query(`DROP TABLE outcome_settings`);
    await q.query(`DROP TABLE outcomes`);
  }

  /** Rebuilds the CHECK on members.roles from the roles it allows now, changed by `change`. */
  private async setMemberRoles(q: QueryRunner, change: (roles: string[]) => string[]): Promise<void> {
    const checks: { name: string; definition: string }[] = await q.query(`
      SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = 'members'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%roles <@%'`);
    if (checks.length !== 1) throw new Error(`expected one roles check on members, found ${checks.length}`);
    const [{ name, definition }] = checks;
    const current = [...definition.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    const roles = change(current);
    await q.query(`ALTER TABLE members DROP CONSTRAINT "${name}"`);
    await q.query(
      `ALTER TABLE members ADD CONSTRAINT "${name}" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${roles.map((r) => `'${r}'`).join(', ')}]::text[])`,
    );
  }
}
