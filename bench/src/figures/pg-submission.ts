import type { Pool, PoolClient } from 'pg';
import type { LoopSnapshot } from '@hireloop/core';
import { submissionBody } from '../scene';

/**
 * The database's ceiling for a scorecard submission: a plain `pg` script sending, in one transaction per scorecard,
 * the statements the API sends for `POST /v1/interviews/:id/scorecard/submit` (see ScorecardWritesService.submit,
 * ScorecardsRepository, AuditService, OutboxService, ScorecardViews) — the same reads and locks, the same rows
 * written — with none of the HTTP, framework, validation or ORM work around them.
 *
 * Per submission:
 *   auth: the membership re-read of the JWT strategy
 *   BEGIN
 *   interview FOR SHARE, application FOR SHARE, loop version FOR KEY SHARE, organization, candidate
 *   scorecard draft INSERT … ON CONFLICT DO NOTHING, then the row FOR UPDATE
 *   UPDATE scorecards (submitted content), INSERT scorecard_revisions, DELETE + INSERT scorecard_ratings,
 *   INSERT audit_log, INSERT outbox_messages + pg_notify('outbox')
 *   the response's reads: the scorecard, the interviewer's name, the revisions
 *   COMMIT
 */

export interface PgSubmission {
  organizationId: string;
  interviewerId: string;
  interviewerUserId: string;
  interviewId: string;
  roundId: string;
  seed: number;
}

export async function submitWithPlainPg(pool: Pool, snapshot: LoopSnapshot, s: PgSubmission): Promise<void> {
  const org = s.organizationId;
  const auth = await pool.query(`SELECT roles FROM members WHERE id = $1 AND organization_id = $2 AND user_id = $3 AND status = 'active'`, [
    s.interviewerId,
    org,
    s.interviewerUserId,
  ]);
  if (auth.rowCount === 0) throw new Error('member not found');
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await writeSubmission(client, snapshot, s);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function writeSubmission(client: PoolClient, snapshot: LoopSnapshot, s: PgSubmission): Promise<void> {
  const org = s.organizationId;
  const interview = (
    await client.query(
      `SELECT id, organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at, status, created_at, updated_at
         FROM interviews WHERE organization_id = $1 AND id = $2 LIMIT 1 FOR SHARE`,
      [org, s.interviewId],
    )
  ).rows[0];
  if (!interview) throw new Error('interview not found');
  const application = (
    await client.query(
      `SELECT id, organization_id, candidate_id, role_id, stage, status, decided_at, created_at, updated_at
         FROM applications WHERE organization_id = $1 AND id = $2 LIMIT 1 FOR SHARE`,
      [org, interview.application_id],
    )
  ).rows[0];
  const version = (
    await client.query(
      `SELECT id, organization_id AS "organizationId", role_id AS "roleId", number, snapshot, created_at AS "createdAt"
         FROM loop_versions WHERE organization_id = $1 AND id = $2 FOR KEY SHARE`,
      [org, interview.loop_version_id],
    )
  ).rows[0];
  if (!version) throw new Error('loop version not found');
  await client.query(`SELECT id, name, settings, created_at, updated_at FROM organizations WHERE id = $1 LIMIT 1`, [org]);
  await client.query(
    `SELECT id, organization_id, name, email, source, links, erased_at, created_at, updated_at FROM candidates WHERE organization_id = $1 AND id = $2 LIMIT 1`,
    [org, application.candidate_id],
  );

  const content = contentFor(snapshot, s.roundId, s.seed);
  await client.query(
    `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision)
     VALUES ($1, $2, $3, $4, $5, 'draft', 0)
     ON CONFLICT (interview_id, interviewer_id) DO NOTHING`,
    [org, application.id, interview.id, s.interviewerId, interview.loop_version_id],
  );
  const card = (
    await client.query(
      `SELECT id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings, recommendation, signals,
              red_flags, level_assessment, private_note, submitted_at, created_at, updated_at
         FROM scorecards WHERE organization_id = $1 AND interview_id = $2 AND interviewer_id = $3 LIMIT 1 FOR UPDATE`,
      [org, interview.id, s.interviewerId],
    )
  ).rows[0];
  if (card.status !== 'draft') throw new Error(`scorecard already ${card.status}`);
  const revision = card.revision + 1;
  await client.query(
    `UPDATE scorecards SET status = $3, revision = $4, ratings = $5, recommendation = $6, signals = $7, red_flags = $8, level_assessment = $9,
            private_note = $10, submitted_at = $11, updated_at = CURRENT_TIMESTAMP
      WHERE organization_id = $1 AND id = $2`,
    [
      org,
      card.id,
      'submitted',
      revision,
      JSON.stringify(content.ratings),
      content.recommendation,
      JSON.stringify(content.signals),
      content.redFlags,
      content.levelAssessment,
      content.privateNote,
      new Date(),
    ],
  );
  await client.query(
    `INSERT INTO scorecard_revisions (organization_id, scorecard_id, revision, kind, content, reason, actor_member_id)
     VALUES ($1, $2, $3, 'submitted', $4, NULL, $5) RETURNING id, created_at`,
    [org, card.id, revision, JSON.stringify(content), s.interviewerId],
  );
  await client.query(`DELETE FROM scorecard_ratings WHERE organization_id = $1 AND scorecard_id = $2`, [org, card.id]);
  const values: unknown[] = [];
  const tuples = content.ratings.map((r, i) => {
    values.push(card.id, r.dimensionId, org, application.id, interview.role_id, s.interviewerId, r.rating);
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await client.query(
    `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating) VALUES ${tuples.join(', ')}`,
    values,
  );
  const state = (status: string, rev: number, c: unknown) => ({
    interviewId: interview.id,
    applicationId: application.id,
    loopVersionId: interview.loop_version_id,
    status,
    revision: rev,
    ...(c as object),
  });
  const empty = { ratings: [], recommendation: null, signals: [], redFlags: [], levelAssessment: null, privateNote: null };
  await client.query(
    `INSERT INTO audit_log (organization_id, actor_member_id, action, entity_type, entity_id, before, after, request_id)
     VALUES ($1, $2, 'scorecard.submitted', 'scorecard', $3, $4, $5, NULL) RETURNING id, created_at`,
    [org, s.interviewerId, card.id, JSON.stringify(state('draft', 0, empty)), JSON.stringify(state('submitted', revision, content))],
  );
  await client.query(
    `INSERT INTO outbox_messages (organization_id, queue, job_name, payload, dedupe_key, last_error, published_at)
     VALUES ($1, 'panel-aggregation', 'aggregate-panel', $2, $3, NULL, NULL) RETURNING id, attempts, created_at`,
    [org, JSON.stringify({ organizationId: org, applicationId: application.id }), `aggregate:${application.id}`],
  );
  await client.query(`SELECT pg_notify('outbox', $1)`, ['panel-aggregation']);
  // The response: the scorecard as stored, the interviewer's name and the history.
  await client.query(
    `SELECT id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings, recommendation, signals,
            red_flags, level_assessment, private_note, submitted_at, created_at, updated_at
       FROM scorecards WHERE organization_id = $1 AND id = $2 LIMIT 1`,
    [org, card.id],
  );
  await client.query(`SELECT m.id, u.name FROM members m JOIN users u ON u.id = m.user_id WHERE m.organization_id = $1 AND m.id = ANY($2::uuid[])`, [
    org,
    [s.interviewerId],
  ]);
  await client.query(
    `SELECT id, organization_id, scorecard_id, revision, kind, content, reason, actor_member_id, created_at
       FROM scorecard_revisions WHERE organization_id = $1 AND scorecard_id = ANY($2) ORDER BY scorecard_id ASC, revision ASC`,
    [org, [card.id]],
  );
}

/** The normalized content the API stores for the same request body. */
function contentFor(snapshot: LoopSnapshot, roundId: string, seed: number) {
  const body = submissionBody(
    snapshot,
    snapshot.rounds.find((r) => r.id === roundId)!,
    seed,
  );
  return { ...body, ratings: body.ratings.map((r) => ({ ...r, notAssessed: false, notAssessedReason: null })) };
}
