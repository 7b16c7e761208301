import type { CalibrationReport } from '@hireloop/calibration';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { LoopSnapshot, OutboxService, Recommendation, requestPanelAggregation, ScorecardRating, StoredHirePolicy } from '@hireloop/core';

/**
 * A panel written straight to the database, the way the scorecard API writes it (scorecard, revision, rating rows
 * and the outbox row in one transaction), so report, worker and debrief tests do not depend on other routes.
 */

export interface PanelMembers {
  organizationId: string;
  adminId: string;
  hiringManagerId: string;
  interviewerIds: string[];
}

export interface PanelFixture extends PanelMembers {
  roleId: string;
  loopVersionId: string;
  dimensionIds: string[];
  roundIds: string[];
  candidateId: string;
  applicationId: string;
  /** One interview per interviewer (round i, interviewer i). */
  interviews: { id: string; roundId: string; interviewerId: string }[];
}

export interface PanelOptions {
  /** Existing members (e.g. from `createTeam`); created directly in the database when absent. */
  members?: PanelMembers;
  /** Interviews to schedule (default: one per interviewer, at most the number of interviewers). */
  interviews?: number;
  policy?: StoredHirePolicy;
  /** Dimension weights (default 40/30/30). */
  weights?: number[];
}

export interface ScorecardContent {
  /** Rating per dimension, in dimension order; null = not assessed. */
  ratings: (1 | 2 | 3 | 4 | null)[];
  recommendation: Recommendation;
  redFlags?: string[];
  evidence?: string;
  privateNote?: string | null;
  levelAssessment?: 'below' | 'at' | 'above' | null;
}

const outbox = new OutboxService();

/** An organization with an admin, a hiring manager and `interviewers` interviewers, all active. */
export async function createPanelMembers(ds: DataSource, interviewers = 3): Promise<PanelMembers> {
  const [{ id: organizationId }] = await ds.query(`INSERT INTO organizations (name) VALUES ($1) RETURNING id`, [
    `Panel org ${randomUUID().slice(0, 8)}`,
  ]);
  const member = async (name: string, roles: string[]): Promise<string> => {
    const [{ id: userId }] = await ds.query(`INSERT INTO users (email, name) VALUES ($1, $2) RETURNING id`, [`${randomUUID()}@panel.test`, name]);
    const [{ id }] = await ds.query(`INSERT INTO members (organization_id, user_id, roles, status) VALUES ($1, $2, $3, 'active') RETURNING id`, [
      organizationId,
      userId,
      roles,
    ]);
    return id;
  };
  const adminId = await member('Alex Admin', ['admin']);
  const hiringManagerId = await member('Harper Manager', ['hiring_manager']);
  const interviewerIds: string[] = [];
  for (let i = 0; i < interviewers; i++) interviewerIds.push(await member(`Interviewer ${i + 1}`, ['interviewer']));
  return { organizationId, adminId, hiringManagerId, interviewerIds };
}

/** An open role with a three-dimension loop (version 1), a candidate, an application and its interviews. */
export async function createPanel(ds: DataSource, options: PanelOptions = {}): Promise<PanelFixture> {
  const members = options.members ?? (await createPanelMembers(ds));
  const org = members.organizationId;
  const weights = options.weights ?? [40, 30, 30];
  const dimensionIds = weights.map(() => randomUUID());
  const roundCount = Math.max(options.interviews ?? members.interviewerIds.length, 1);
  const roundIds = Array.from({ length: roundCount }, () => randomUUID());

  return ds.transaction(async (m) => {
    const [{ id: roleId }] = await m.query(
      `INSERT INTO roles (organization_id, title, level, status, hiring_manager_id, hire_policy, opened_at)
       VALUES ($1, $2, 'L4', 'open', $3, $4, now()) RETURNING id`,
      [org, `Backend Engineer ${randomUUID().slice(0, 6)}`, members.hiringManagerId, JSON.stringify(options.policy ?? {})],
    );
    for (const [i, id] of roundIds.entries()) {
      await m.query(
        `INSERT INTO rounds (id, organization_id, role_id, name, kind, duration_minutes, position, focus_dimension_ids)
         VALUES ($1, $2, $3, $4, 'technical', 60, $5, $6)`,
        [id, org, roleId, `Round ${i + 1}`, i, dimensionIds],
      );
    }
    const snapshot: LoopSnapshot = {
      dimensions: dimensionIds.map((id, i) => ({
        id,
        name: `Dimension ${i + 1}`,
        description: '',
        weight: weights[i],
        rubric: { '1': 'strong no', '2': 'no', '3': 'yes', '4': 'strong yes' },
        signals: { strong: [], weak: [], redFlags: [] },
        position: i,
      })),
      rounds: roundIds.map((id, i) => ({
        id,
        name: `Round ${i + 1}`,
        kind: 'technical',
        durationMinutes: 60,
        position: i,
        focusDimensionIds: dimensionIds,
        questions: [],
      })),
    };
    const [{ id: loopVersionId }] = await m.query(
      `INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 1, $3) RETURNING id`,
      [org, roleId, JSON.stringify(snapshot)],
    );
    await m.query(`UPDATE roles SET current_loop_version_id = $2 WHERE id = $1`, [roleId, loopVersionId]);
    const [{ id: candidateId }] = await m.query(
      `INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'Casey Candidate', $2) RETURNING id`,
      [org, `${randomUUID()}@candidate.test`],
    );
    const [{ id: applicationId }] = await m.query(
      `INSERT INTO applications (organization_id, candidate_id, role_id, stage) VALUES ($1, $2, $3, 'onsite') RETURNING id`,
      [org, candidateId, roleId],
    );
    const interviews: PanelFixture['interviews'] = [];
    for (let i = 0; i < roundCount; i++) {
      const interviewerId = members.interviewerIds[i % members.interviewerIds.length];
      const [{ id }] = await m.query(
        `INSERT INTO interviews (organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() - interval '2 hours', now() - interval '1 hour') RETURNING id`,
        [org, applicationId, roleId, roundIds[i], loopVersionId, [interviewerId]],
      );
      interviews.push({ id, roundId: roundIds[i], interviewerId });
    }
    return { ...members, roleId, loopVersionId, dimensionIds, roundIds, candidateId, applicationId, interviews };
  });
}

/**
 * Submits (first time) or amends (later) the scorecard of interview `index`, with its revision history, rating rows
 * and the aggregation request, in one transaction. Returns the scorecard id and its new revision.
 */
export async function writeScorecard(
  ds: DataSource,
  panel: PanelFixture,
  index: number,
  content: ScorecardContent,
): Promise<{ scorecardId: string; revision: number }> {
  const interview = panel.interviews[index];
  return ds.transaction(async (m) => {
    const ratings: ScorecardRating[] = panel.dimensionIds.map((dimensionId, i) => {
      const rating = content.ratings[i] ?? null;
      return {
        dimensionId,
        rating,
        evidence: rating === null ? null : (content.evidence ?? `Evidence for dimension ${i + 1}`),
        notAssessed: rating === null,
        notAssessedReason: rating === null ? 'not covered' : null,
      };
    });
    const existing: { id: string; revision: number }[] = await m.query(
      `SELECT id, revision FROM scorecards WHERE interview_id = $1 AND interviewer_id = $2 FOR UPDATE`,
      [interview.id, interview.interviewerId],
    );
    const values = [
      JSON.stringify(ratings),
      content.recommendation,
      content.redFlags ?? [],
      content.levelAssessment ?? 'at',
      content.privateNote === undefined ? 'private note' : content.privateNote,
    ];
    let scorecardId: string;
    let revision: number;
    if (existing[0]) {
      scorecardId = existing[0].id;
      revision = existing[0].revision + 1;
      await m.query(
        `UPDATE scorecards SET status = 'submitted', revision = $2, ratings = $3, recommendation = $4, red_flags = $5, level_assessment = $6,
                private_note = $7, updated_at = now() WHERE id = $1`,
        [scorecardId, revision, ...values],
      );
    } else {
      revision = 1;
      [{ id: scorecardId }] = await m.query(
        `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings,
                                 recommendation, red_flags, level_assessment, private_note, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 'submitted', 1, $6, $7, $8, $9, $10, now()) RETURNING id`,
        [panel.organizationId, panel.applicationId, interview.id, interview.interviewerId, panel.loopVersionId, ...values],
      );
    }
    await m.query(
      `INSERT INTO scorecard_revisions (organization_id, scorecard_id, revision, kind, content, actor_member_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        panel.organizationId,
        scorecardId,
        revision,
        revision === 1 ? 'submitted' : 'amended',
        JSON.stringify({ ratings, recommendation: content.recommendation }),
        interview.interviewerId,
      ],
    );
    await replaceRatingRows(m, panel, scorecardId, interview.interviewerId, ratings);
    await requestPanelAggregation(outbox, m, panel.organizationId, panel.applicationId);
    return { scorecardId, revision };
  });
}

/** Withdraws the scorecard of interview `index` (revision + 1, rating rows removed, aggregation requested). */
export async function withdrawScorecard(ds: DataSource, panel: PanelFixture, index: number): Promise<{ scorecardId: string; revision: number }> {
  const interview = panel.interviews[index];
  return ds.transaction(async (m) => {
    const [row]: { id: string; revision: number }[] = await m.query(
      `SELECT id, revision FROM scorecards WHERE interview_id = $1 AND interviewer_id = $2 FOR UPDATE`,
      [interview.id, interview.interviewerId],
    );
    const revision = row.revision + 1;
    await m.query(`UPDATE scorecards SET status = 'withdrawn', revision = $2, updated_at = now() WHERE id = $1`, [row.id, revision]);
    await m.query(
      `INSERT INTO scorecard_revisions (organization_id, scorecard_id, revision, kind, content, reason, actor_member_id) VALUES ($1, $2, $3, 'withdrawn', '{}', 'test', $4)`,
      [panel.organizationId, row.id, revision, interview.interviewerId],
    );
    await m.query(`DELETE FROM scorecard_ratings WHERE scorecard_id = $1`, [row.id]);
    await requestPanelAggregation(outbox, m, panel.organizationId, panel.applicationId);
    return { scorecardId: row.id, revision };
  });
}

async function replaceRatingRows(
  m: EntityManager,
  panel: PanelFixture,
  scorecardId: string,
  interviewerId: string,
  ratings: ScorecardRating[],
): Promise<void> {
  await m.query(`DELETE FROM scorecard_ratings WHERE scorecard_id = $1`, [scorecardId]);
  for (const r of ratings) {
    if (r.rating === null) continue;
    await m.query(
      `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [scorecardId, r.dimensionId, panel.organizationId, panel.applicationId, panel.roleId, interviewerId, r.rating],
    );
  }
}

/** The latest stored report of the application, or null. */
export async function latestReport(
  ds: DataSource,
  applicationId: string,
): Promise<{ version: number; recommendation: string; covers: Record<string, number>; report: CalibrationReport; inputsHash: string } | null> {
  const rows = await ds.query(
    `SELECT version, recommendation, covers, report, inputs_hash AS "inputsHash" FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
    [applicationId],
  );
  return rows[0] ?? null;
}

/** The application's submitted revisions right now (scorecard id → revision). */
export async function submittedRevisions(ds: DataSource, applicationId: string): Promise<Record<string, number>> {
  const rows: { id: string; revision: number }[] = await ds.query(
    `SELECT id, revision FROM scorecards WHERE application_id = $1 AND status = 'submitted'`,
    [applicationId],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.revision]));
}

/** Polls `check` until it returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'condition'}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

/** Waits until the application's latest report covers exactly its submitted revisions, and returns it. */
export function waitForCurrentReport(ds: DataSource, applicationId: string, timeoutMs = 20_000) {
  return waitFor(
    async () => {
      const [report, current] = await Promise.all([latestReport(ds, applicationId), submittedRevisions(ds, applicationId)]);
      if (!report || Object.keys(current).length === 0) return null;
      const same =
        Object.keys(current).length === Object.keys(report.covers).length &&
        Object.entries(current).every(([id, rev]) => Number(report.covers[id]) === rev);
      return same ? report : null;
    },
    { timeoutMs, what: `a current report for application ${applicationId}` },
  );
}

/** Every stored version of the application's report, oldest first. */
export async function reportVersions(
  ds: DataSource,
  applicationId: string,
): Promise<{ version: number; inputsHash: string; recommendation: string; covers: Record<string, number> }[]> {
  return ds.query(
    `SELECT version, inputs_hash AS "inputsHash", recommendation, covers FROM calibration_reports WHERE application_id = $1 ORDER BY version`,
    [applicationId],
  );
}
