import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { newWrappedCandidateKey } from '@hireloop/core/audit/candidate-keys.service';
import { parseMasterKey } from '@hireloop/core/audit/personal-data-cipher';
import { BENCH_DATA_ENCRYPTION_KEY } from './processes';

/**
 * Bulk seeding with set-based SQL (generate_series into temporary tables, then one INSERT … SELECT per table).
 * Only what the measured code reads is written: e.g. the aggregation seeds scorecards and interviews but no audit rows.
 * Bulk loads run with `session_replication_role = replica` (no FK triggers) — the ids are generated consistent here,
 * and the check of a million foreign keys would only measure the seeding.
 */

export interface SeededOrganization {
  organizationId: string;
  hiringManagerId: string;
  interviewerIds: string[];
}

export interface SeededRole {
  roleId: string;
  loopVersionId: string;
  dimensionIds: string[];
  roundIds: string[];
}

/** An organization with a hiring manager and `interviewers` interviewers, written directly (no passwords). */
export async function seedOrganization(pool: Pool, name: string, interviewers: number): Promise<SeededOrganization> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ id: organizationId }] = (await client.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [name])).rows;
    // Person 0 is the hiring manager, 1…n the interviewers.
    const userIds = Array.from({ length: interviewers + 1 }, () => randomUUID());
    const names = userIds.map((_, i) => (i === 0 ? 'Harper Manager' : `Interviewer ${i}`));
    await client.query(
      `INSERT INTO users (id, email, name) SELECT id, 'bench-' || id || '@bench.test', name FROM unnest($1::uuid[], $2::text[]) AS t(id, name)`,
      [userIds, names],
    );
    const members = await client.query<{ id: string; userId: string }>(
      `INSERT INTO members (organization_id, user_id, roles, status)
       SELECT $1, id, CASE WHEN ord = 1 THEN ARRAY['hiring_manager'] ELSE ARRAY['interviewer'] END, 'active'
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)
       RETURNING id, user_id AS "userId"`,
      [organizationId, userIds],
    );
    await client.query('COMMIT');
    const memberOf = new Map(members.rows.map((r) => [r.userId, r.id]));
    const ids = userIds.map((u) => memberOf.get(u)!);
    return { organizationId, hiringManagerId: ids[0], interviewerIds: ids.slice(1) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Leniency offsets for the interviewers (as a previous calibration run would have left them), so reports use them. */
export async function seedOffsets(pool: Pool, organizationId: string, interviewerIds: string[]): Promise<void> {
  await pool.query(
    `INSERT INTO interviewer_calibrations (organization_id, interviewer_id, "offset", n, deviation_sum, k)
     SELECT $1, id, o, n, o * (n + 5), 5   -- reports read deviation_sum / (n + k) (out of sample)
       FROM (SELECT id, round((((ord * 37) % 11) - 5) / 10.0, 3)::double precision AS o, 40 + (ord % 60)::int AS n
               FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)) s
     ON CONFLICT (organization_id, interviewer_id) DO NOTHING`,
    [organizationId, interviewerIds],
  );
}

const DIMENSION_NAMES = [
  'Problem framing',
  'Modeling depth',
  'Experimentation',
  'Production ML',
  'Data skills',
  'Responsible AI',
  'Collaboration',
  'Communication',
];
const DIMENSION_WEIGHTS = [15, 15, 15, 15, 10, 10, 10, 10];

/**
 * An open role with 8 weighted dimensions and 5 rounds that each focus on all 8 (so an interviewer rates every
 * dimension), and its loop version 1 whose snapshot is exactly that — the shape the API's loop versions have.
 */
export async function seedEightDimensionRole(pool: Pool, org: SeededOrganization, title: string): Promise<SeededRole> {
  const dimensionIds = DIMENSION_NAMES.map(() => randomUUID());
  const roundIds = Array.from({ length: 5 }, () => randomUUID());
  const rubric = (what: string) => ({
    '1': `Clearly below the bar on ${what}`,
    '2': `Some ${what}, with gaps`,
    '3': `Solid ${what}; meets the bar`,
    '4': `Exceptional ${what}; raises the bar`,
  });
  const signals = (what: string) => ({ strong: [`Strong ${what}`], weak: [`Weak ${what}`], redFlags: [`Red flag on ${what}`] });
  const snapshot = {
    dimensions: DIMENSION_NAMES.map((name, i) => ({
      id: dimensionIds[i],
      name,
      description: `How well the candidate does ${name.toLowerCase()}`,
      weight: DIMENSION_WEIGHTS[i],
      rubric: rubric(name.toLowerCase()),
      signals: signals(name.toLowerCase()),
      position: i + 1,
    })),
    rounds: roundIds.map((id, i) => ({
      id,
      name: `Round ${i + 1}`,
      kind: 'technical',
      durationMinutes: 60,
      position: i + 1,
      focusDimensionIds: dimensionIds,
      questions: [],
    })),
  };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const [{ id: roleId }] = (
      await client.query(
        `INSERT INTO roles (organization_id, title, level, status, hiring_manager_id, opened_at) VALUES ($1, $2, 'L5', 'open', $3, now()) RETURNING id`,
        [org.organizationId, title, org.hiringManagerId],
      )
    ).rows;
    for (const d of snapshot.dimensions) {
      await client.query(
        `INSERT INTO dimensions (id, organization_id, role_id, name, description, weight, rubric, strong_signals, weak_signals, red_flags, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          d.id,
          org.organizationId,
          roleId,
          d.name,
          d.description,
          d.weight,
          JSON.stringify(d.rubric),
          d.signals.strong,
          d.signals.weak,
          d.signals.redFlags,
          d.position,
        ],
      );
    }
    for (const r of snapshot.rounds) {
      await client.query(
        `INSERT INTO rounds (id, organization_id, role_id, name, kind, duration_minutes, position, focus_dimension_ids) VALUES ($1, $2, $3, $4, 'technical', 60, $5, $6)`,
        [r.id, org.organizationId, roleId, r.name, r.position, dimensionIds],
      );
    }
    const [{ id: loopVersionId }] = (
      await client.query(`INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 1, $3) RETURNING id`, [
        org.organizationId,
        roleId,
        JSON.stringify(snapshot),
      ])
    ).rows;
    await client.query(`UPDATE roles SET current_loop_version_id = $2 WHERE id = $1`, [roleId, loopVersionId]);
    await client.query('COMMIT');
    return { roleId, loopVersionId, dimensionIds, roundIds };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface InterviewBatch {
  organizationId: string;
  roleId: string;
  loopVersionId: string;
  /** Rounds of the loop version; interview j of an application is in round j (mod the number of rounds). */
  roundIds: string[];
  interviewerIds: string[];
  applications: number;
  interviewsPerApplication: number;
}

export interface SeededInterview {
  id: string;
  applicationId: string;
  roundId: string;
  interviewerId: string;
}

/**
 * Candidates, their applications and `interviewsPerApplication` interviews each (one interviewer per interview, all
 * different within an application), already held: they started two hours ago and ended an hour ago.
 */
export async function seedInterviews(pool: Pool, batch: InterviewBatch): Promise<SeededInterview[]> {
  if (batch.interviewerIds.length < batch.interviewsPerApplication)
    throw new Error('need at least as many interviewers as interviews per application');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    await createPanelTables(client, batch);
    await insertPanelRows(client, batch);
    const rows = await client.query<SeededInterview>(
      `SELECT interview_id AS id, application_id AS "applicationId", round_id AS "roundId", interviewer_id AS "interviewerId" FROM seed_cards ORDER BY n, j`,
    );
    await client.query('COMMIT');
    return rows.rows;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('DROP TABLE IF EXISTS seed_apps, seed_cards, seed_interviewers, seed_ratings').catch(() => undefined);
    client.release();
  }
}

export interface PanelBatch extends InterviewBatch {
  dimensionIds: string[];
  /** Also write the numeric rows of `scorecard_ratings` (what the calibration reads). */
  ratingRows: boolean;
}

/**
 * Submitted panels: applications with `interviewsPerApplication` interviews, each with its submitted scorecard rating
 * every dimension (1–4, from the application's quality, the interviewer's leniency and noise, so reports and
 * calibration have real spread), and optionally the rating rows. Returns the application ids.
 */
export async function seedSubmittedPanels(pool: Pool, batch: PanelBatch): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL session_replication_role = replica`);
    await createPanelTables(client, batch);
    await client.query(
      `CREATE TEMP TABLE seed_ratings ON COMMIT DROP AS
       SELECT c.scorecard_id, c.application_id, c.interviewer_id, d.dimension_id, d.pos::int AS pos,
              greatest(1, least(4, round(2.5 + a.quality + i.bias + (random() - 0.5) * 1.6)))::smallint AS rating
         FROM seed_cards c
         JOIN seed_apps a ON a.n = c.n
         JOIN seed_interviewers i ON i.interviewer_id = c.interviewer_id
        CROSS JOIN unnest($1::uuid[]) WITH ORDINALITY AS d(dimension_id, pos)`,
      [batch.dimensionIds],
    );
    await insertPanelRows(client, batch);
    // The evidence text is of a realistic length (~150 characters), since the report job reads the whole jsonb.
    await client.query(
      `INSERT INTO scorecards (id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings,
                               recommendation, signals, red_flags, level_assessment, private_note, submitted_at, created_at, updated_at)
       SELECT c.scorecard_id, $1, c.application_id, c.interview_id, c.interviewer_id, $2, 'submitted', 1, r.ratings,
              CASE WHEN r.mean >= 3.25 THEN 'strong_yes' WHEN r.mean >= 2.5 THEN 'yes' WHEN r.mean >= 1.75 THEN 'no' ELSE 'strong_no' END,
              '[]'::jsonb, '{}', 'at', NULL, now() - interval '30 minutes', now() - interval '50 minutes', now() - interval '30 minutes'
         FROM seed_cards c
         JOIN (SELECT scorecard_id, avg(rating) AS mean,
                      jsonb_agg(jsonb_build_object('dimensionId', dimension_id, 'rating', rating,
                                                   'evidence', 'Walked through the approach step by step, named the trade-offs and backed each claim with a concrete example from past work (' || pos || ').',
                                                   'notAssessed', false, 'notAssessedReason', NULL) ORDER BY pos) AS ratings
                 FROM seed_ratings GROUP BY scorecard_id) r ON r.scorecard_id = c.scorecard_id`,
      [batch.organizationId, batch.loopVersionId],
    );
    // What the scorecards' trigger writes (replica mode: it does not fire here).
    await client.query(
      `UPDATE interview_interviewers ii SET feedback_done = true FROM seed_cards c WHERE ii.interview_id = c.interview_id AND ii.member_id = c.interviewer_id`,
    );
    if (batch.ratingRows) {
      await client.query(
        `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating)
         SELECT scorecard_id, dimension_id, $1, application_id, $2, interviewer_id, rating FROM seed_ratings`,
        [batch.organizationId, batch.roleId],
      );
    }
    await client.query('COMMIT');
    return batch.applications;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.query('DROP TABLE IF EXISTS seed_apps, seed_cards, seed_interviewers, seed_ratings').catch(() => undefined);
    client.release();
  }
}

/** seed_apps (n, ids, quality), seed_interviewers (id, leniency), seed_cards (one row per interview/scorecard). */
async function createPanelTables(client: PoolClient, batch: InterviewBatch): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  await client.query(
    `CREATE TEMP TABLE seed_apps ON COMMIT DROP AS
     SELECT g AS n, gen_random_uuid() AS application_id, gen_random_uuid() AS candidate_id,
            'Candidate ' || $2::text || '-' || g AS name, 'candidate-' || $2::text || '-' || g || '@bench.test' AS email,
            (random() - 0.5) * 1.6 AS quality
       FROM generate_series(1, $1::int) g`,
    [batch.applications, tag],
  );
  await client.query(
    `CREATE TEMP TABLE seed_interviewers ON COMMIT DROP AS
     SELECT id AS interviewer_id, ord::int AS ord, (((ord * 37) % 11) - 5) / 10.0 AS bias
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ord)`,
    [batch.interviewerIds],
  );
  // Interviewer of interview j of application n: consecutive from a pseudo-random start, so all differ within a panel
  // and panels mix (every interviewer meets many co-panelists, as calibration needs).
  await client.query(
    `CREATE TEMP TABLE seed_cards ON COMMIT DROP AS
     SELECT a.n, j, a.application_id, gen_random_uuid() AS interview_id, gen_random_uuid() AS scorecard_id,
            ($1::uuid[])[1 + j % cardinality($1::uuid[])] AS round_id,
            ($2::uuid[])[1 + ((a.n * 7919 + j) % cardinality($2::uuid[]))] AS interviewer_id
       FROM seed_apps a CROSS JOIN generate_series(0, $3::int - 1) j`,
    [batch.roundIds, batch.interviewerIds, batch.interviewsPerApplication],
  );
}

async function insertPanelRows(client: PoolClient, batch: InterviewBatch): Promise<void> {
  await client.query(`INSERT INTO candidates (id, organization_id, name, email) SELECT candidate_id, $1, name, email FROM seed_apps`, [
    batch.organizationId,
  ]);
  // The data key the API makes with each candidate (its creation is audited with a sealed field): without it, every
  // first scorecard of a seeded candidate would make the key inside the submission, racing the panel's other writers.
  const { rows: candidates } = await client.query<{ candidate_id: string }>(`SELECT candidate_id FROM seed_apps`);
  const masterKey = parseMasterKey(BENCH_DATA_ENCRYPTION_KEY);
  await client.query(
    `INSERT INTO candidate_keys (organization_id, candidate_id, wrapped_key) SELECT $1, c, k FROM unnest($2::uuid[], $3::bytea[]) AS t(c, k)`,
    [
      batch.organizationId,
      candidates.map((c) => c.candidate_id),
      candidates.map((c) => newWrappedCandidateKey(masterKey, batch.organizationId, c.candidate_id)),
    ],
  );
  await client.query(
    `INSERT INTO applications (id, organization_id, candidate_id, role_id, stage) SELECT application_id, $1, candidate_id, $2, 'onsite' FROM seed_apps`,
    [batch.organizationId, batch.roleId],
  );
  await client.query(
    `INSERT INTO interviews (id, organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
     SELECT interview_id, $1, application_id, $2, round_id, $3, ARRAY[interviewer_id], now() - interval '2 hours', now() - interval '1 hour' FROM seed_cards`,
    [batch.organizationId, batch.roleId, batch.loopVersionId],
  );
  // What the interviews' trigger writes (triggers do not fire in this session's replica mode).
  await client.query(
    `INSERT INTO interview_interviewers (organization_id, interview_id, member_id, starts_at, ends_at, status)
     SELECT i.organization_id, i.id, c.interviewer_id, i.starts_at, i.ends_at, i.status FROM seed_cards c JOIN interviews i ON i.id = c.interview_id`,
  );
}

/**
 * Vacuumed tables with fresh planner statistics after a bulk load, as autovacuum keeps a production database. Needed
 * here: this machine's PostgreSQL runs with `autovacuum = off`, and never-analysed tables made the planner pick
 * 13-second plans for `GET /v1/me/interviews` (estimates of 36 applications and 80 interviews for 9,850 and 49,253;
 * a GIN pending list never merged).
 */
export async function analyze(pool: Pool): Promise<void> {
  await pool.query(
    'VACUUM ANALYZE candidates, candidate_keys, applications, interviews, interview_interviewers, scorecards, scorecard_ratings, calibration_reports, outbox_messages',
  );
}
