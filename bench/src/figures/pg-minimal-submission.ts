import type { Pool } from 'pg';
import type { LoopSnapshot } from '@hireloop/core';
import { submissionBody } from '../scene';
import type { PgSubmission } from './pg-submission';

/**
 * The database's ceiling for a scorecard submission (issue 17): the least work that stores the same facts — one
 * transaction writing the scorecard row (submitted, with its content), one row per rating, one outbox row (the
 * report request) and one audit row — sent by a plain `pg` client as ONE statement (data-modifying CTEs; a single
 * statement is its own transaction), as a named prepared statement, with no NOTIFY, no reads, no locks taken by hand
 * (the foreign keys still take theirs) and as the table owner (no row-level security).
 * Anything the API does beyond this is overhead to be explained: validation, authentication, tenant scope, the
 * revision row, the response's reads, the framework.
 */
const MINIMAL_SUBMISSION = `
WITH card AS (
  INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings,
                          recommendation, signals, red_flags, level_assessment, private_note, submitted_at)
  VALUES ($1, $2, $3, $4, $5, 'submitted', 1, $6, $7, $8, $9, $10, $11, now())
  RETURNING id),
rows AS (
  INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating)
  SELECT card.id, r.dimension_id, $1, $2, $12, $4, r.rating FROM card, unnest($13::uuid[], $14::smallint[]) AS r(dimension_id, rating)),
outbox AS (
  INSERT INTO outbox_messages (organization_id, queue, job_name, payload, dedupe_key)
  VALUES ($1, 'panel-aggregation', 'aggregate-panel', $15, $16))
INSERT INTO audit_log (organization_id, actor_member_id, action, entity_type, entity_id, after)
SELECT $1, $4, 'scorecard.submitted', 'scorecard', card.id, $17 FROM card`;

export async function submitMinimal(
  pool: Pool,
  snapshot: LoopSnapshot,
  s: PgSubmission & { applicationId: string; roleId: string; loopVersionId: string },
): Promise<void> {
  const body = submissionBody(
    snapshot,
    snapshot.rounds.find((r) => r.id === s.roundId)!,
    s.seed,
  );
  const ratings = body.ratings.map((r) => ({ ...r, notAssessed: false, notAssessedReason: null }));
  const rated = ratings.filter((r) => r.rating !== null);
  const content = { ...body, ratings };
  await pool.query({
    name: 'hireloop-bench-minimal-submission',
    text: MINIMAL_SUBMISSION,
    values: [
      s.organizationId,
      s.applicationId,
      s.interviewId,
      s.interviewerId,
      s.loopVersionId,
      JSON.stringify(ratings),
      body.recommendation,
      JSON.stringify(body.signals),
      body.redFlags,
      body.levelAssessment,
      body.privateNote,
      s.roleId,
      rated.map((r) => r.dimensionId),
      rated.map((r) => r.rating),
      JSON.stringify({ organizationId: s.organizationId, applicationId: s.applicationId }),
      `aggregate:${s.applicationId}`,
      JSON.stringify({ interviewId: s.interviewId, applicationId: s.applicationId, status: 'submitted', revision: 1, ...content }),
    ],
  });
}
