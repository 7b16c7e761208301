import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decision integrity (issue 12):
 * - `roles.rating_scale`: the scale a role rates on (existing roles keep the 4-point scale);
 * - `dimensions.required`: a required dimension must be rated before the report can recommend `hire`;
 * - `scorecard_ratings.rating`: 1–5 (the 5-point scale); the scale of the interview's loop version is checked by the API;
 * - loop-version snapshots state their scale and the `required` flags (filled with the defaults, so existing
 *   snapshots keep comparing equal to the live loop they were made from);
 * - `decisions.stale_acknowledged` / `stale_reason`: a decision taken on a report that did not cover every
 *   submitted scorecard revision, knowingly;
 * - `panel_views`: the first time a panel member read the panel's feedback (amendments after it are flagged).
 */
export class DecisionIntegrity1764000200000 implements MigrationInterface {
  name = 'DecisionIntegrity1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE roles ADD COLUMN rating_scale text NOT NULL DEFAULT 'four_point'
                     CONSTRAINT roles_rating_scale_check CHECK (rating_scale IN ('four_point','five_point','three_level'))`);
    await q.query(`ALTER TABLE dimensions ADD COLUMN required boolean NOT NULL DEFAULT true`);

    await q.query(`ALTER TABLE scorecard_ratings DROP CONSTRAINT scorecard_ratings_rating_check`);
    await q.query(`ALTER TABLE scorecard_ratings ADD CONSTRAINT scorecard_ratings_rating_check CHECK (rating BETWEEN 1 AND 5)`);

    await q.query(`
      UPDATE loop_versions lv
         SET snapshot = jsonb_set(
               lv.snapshot || jsonb_build_object('ratingScale', 'four_point'),
               '{dimensions}',
               COALESCE((SELECT jsonb_agg(CASE WHEN d ? 'required' THEN d ELSE d || '{"required": true}'::jsonb END ORDER BY ord)
                           FROM jsonb_array_elements(lv.snapshot->'dimensions') WITH ORDINALITY AS e(d, ord)), '[]'::jsonb))
       WHERE NOT (lv.snapshot ? 'ratingScale')`);

    await q.query(`ALTER TABLE decisions ADD COLUMN stale_acknowledged boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE decisions ADD COLUMN stale_reason text`);
    await q.query(`ALTER TABLE decisions ADD CONSTRAINT decisions_stale_reason_check
                     CHECK (NOT stale_acknowledged OR (stale_reason IS NOT NULL AND length(btrim(stale_reason)) > 0))`);

    await q.query(`
      CREATE TABLE panel_views (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        first_viewed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, member_id)
      )`);
    await q.query(`CREATE INDEX panel_views_org_idx ON panel_views (organization_id, application_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE panel_views`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_stale_reason_check`);
    await q.query(`ALTER TABLE decisions DROP COLUMN stale_reason`);
    await q.query(`ALTER TABLE decisions DROP COLUMN stale_acknowledged`);
    await q.query(`
      UPDATE loop_versions lv
         SET snapshot = jsonb_set(
               lv.snapshot - 'ratingScale',
               '{dimensions}',
               COALESCE((SELECT jsonb_agg(d - 'required' ORDER BY ord)
                           FROM jsonb_array_elements(lv.snapshot->'dimensions') WITH ORDINALITY AS e(d, ord)), '[]'::jsonb))`);
    // Ratings of 5 cannot go back under the 1–4 check: they are removed from the statistics rows (the scorecards keep them).
    await q.query(`DELETE FROM scorecard_ratings WHERE rating > 4`);
    await q.query(`ALTER TABLE scorecard_ratings DROP CONSTRAINT scorecard_ratings_rating_check`);
    await q.query(`ALTER TABLE scorecard_ratings ADD CONSTRAINT scorecard_ratings_rating_check CHECK (rating BETWEEN 1 AND 4)`);
    await q.query(`ALTER TABLE dimensions DROP COLUMN required`);
    await q.query(`ALTER TABLE roles DROP COLUMN rating_scale`);
  }
}
