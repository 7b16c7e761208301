import { MigrationInterface, QueryRunner } from 'typeorm';

/** Roles and their loops (versioned), the question bank, candidates, applications, interviews and scorecards. */
export class HiringDomain1763860001000 implements MigrationInterface {
  name = 'HiringDomain1763860001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        title text NOT NULL,
        level text,
        department text,
        location text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','open','closed')),
        hiring_manager_id uuid REFERENCES members(id),
        hire_policy jsonb NOT NULL DEFAULT '{}'::jsonb,
        current_loop_version_id uuid,
        template_key text,
        cloned_from_role_id uuid REFERENCES roles(id) ON DELETE SET NULL,
        opened_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX roles_org_created_idx ON roles (organization_id, created_at, id)`);

    await q.query(`
      CREATE TABLE loop_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        number int NOT NULL CHECK (number > 0),
        snapshot jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (role_id, number)
      )`);
    await q.query(
      `ALTER TABLE roles ADD CONSTRAINT roles_current_loop_version_fk FOREIGN KEY (current_loop_version_id) REFERENCES loop_versions(id) DEFERRABLE INITIALLY DEFERRED`,
    );

    await q.query(`
      CREATE TABLE dimensions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        weight numeric(7,3) NOT NULL CHECK (weight > 0 AND weight <= 100),
        rubric jsonb NOT NULL,
        strong_signals text[] NOT NULL DEFAULT '{}',
        weak_signals text[] NOT NULL DEFAULT '{}',
        red_flags text[] NOT NULL DEFAULT '{}',
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX dimensions_role_name_idx ON dimensions (role_id, lower(name))`);

    await q.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        prompt text NOT NULL,
        points_of_assessment text[] NOT NULL DEFAULT '{}',
        pitfalls text[] NOT NULL DEFAULT '{}',
        follow_ups text[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        dimension_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX questions_org_created_idx ON questions (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX questions_tags_idx ON questions USING gin (tags)`);
    await q.query(`CREATE INDEX questions_dimensions_idx ON questions USING gin (dimension_ids)`);

    await q.query(`
      CREATE TABLE rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('screen','technical','system_design','case','coding','behavioral','bar_raiser','other')),
        duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
        position int NOT NULL,
        focus_dimension_ids uuid[] NOT NULL DEFAULT '{}',
        question_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX rounds_role_idx ON rounds (role_id, position)`);

    await q.query(`
      CREATE TABLE candidates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        source text,
        links text[] NOT NULL DEFAULT '{}',
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, email)
      )`);
    await q.query(`CREATE INDEX candidates_org_created_idx ON candidates (organization_id, created_at, id)`);

    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        candidate_id uuid NOT NULL REFERENCES candidates(id),
        role_id uuid NOT NULL REFERENCES roles(id),
        stage text NOT NULL DEFAULT 'applied',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','hired','rejected','withdrawn')),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX applications_one_active_idx ON applications (candidate_id, role_id) WHERE status = 'active'`);
    await q.query(`CREATE INDEX applications_org_created_idx ON applications (organization_id, created_at, id)`);
    await q.query(`CREATE INDEX applications_role_idx ON applications (role_id)`);

    await q.query(`
      CREATE TABLE interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id),
        role_id uuid NOT NULL REFERENCES roles(id),
        round_id uuid NOT NULL REFERENCES rounds(id),
        loop_version_id uuid NOT NULL REFERENCES loop_versions(id),
        interviewer_ids uuid[] NOT NULL CHECK (cardinality(interviewer_ids) > 0),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled','cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX interviews_application_idx ON interviews (application_id)`);
    await q.query(`CREATE INDEX interviews_interviewers_idx ON interviews USING gin (interviewer_ids)`);
    await q.query(`CREATE INDEX interviews_ends_idx ON interviews (ends_at) WHERE status = 'scheduled'`);

    await q.query(`
      CREATE TABLE scorecards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id),
        interview_id uuid NOT NULL REFERENCES interviews(id),
        interviewer_id uuid NOT NULL REFERENCES members(id),
        loop_version_id uuid NOT NULL REFERENCES loop_versions(id),
        status text NOT NULL CHECK (status IN ('draft','submitted','withdrawn')),
        revision int NOT NULL DEFAULT 0,
        ratings jsonb NOT NULL DEFAULT '[]'::jsonb,
        recommendation text CHECK (recommendation IN ('strong_no','no','yes','strong_yes')),
        signals jsonb NOT NULL DEFAULT '[]'::jsonb,
        red_flags text[] NOT NULL DEFAULT '{}',
        level_assessment text CHECK (level_assessment IN ('below','at','above')),
        private_note text,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (interview_id, interviewer_id),
        CHECK (status = 'draft' OR recommendation IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX scorecards_application_idx ON scorecards (application_id, status)`);
    await q.query(`CREATE INDEX scorecards_interviewer_idx ON scorecards (interviewer_id)`);
    await q.query(`CREATE INDEX scorecards_loop_version_idx ON scorecards (loop_version_id)`);

    await q.query(`
      CREATE TABLE scorecard_revisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        scorecard_id uuid NOT NULL REFERENCES scorecards(id),
        revision int NOT NULL CHECK (revision > 0),
        kind text NOT NULL CHECK (kind IN ('submitted','amended','withdrawn')),
        content jsonb NOT NULL,
        reason text,
        actor_member_id uuid NOT NULL REFERENCES members(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (scorecard_id, revision)
      )`);

    await q.query(`
      CREATE TABLE scorecard_ratings (
        scorecard_id uuid NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
        dimension_id uuid NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications(id),
        role_id uuid NOT NULL REFERENCES roles(id),
        interviewer_id uuid NOT NULL REFERENCES members(id),
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 4),
        PRIMARY KEY (scorecard_id, dimension_id)
      )`);
    await q.query(`CREATE INDEX scorecard_ratings_group_idx ON scorecard_ratings (organization_id, application_id, dimension_id)`);
    await q.query(`CREATE INDEX scorecard_ratings_interviewer_idx ON scorecard_ratings (organization_id, interviewer_id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        scope text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
        request_hash text NOT NULL,
        status_code int NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, member_id, scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'scorecard_ratings',
      'scorecard_revisions',
      'scorecards',
      'interviews',
      'applications',
      'candidates',
      'rounds',
      'questions',
      'dimensions',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`ALTER TABLE roles DROP CONSTRAINT roles_current_loop_version_fk`);
    await q.query(`DROP TABLE loop_versions`);
    await q.query(`DROP TABLE roles`);
  }
}
