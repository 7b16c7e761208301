import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { mulberry32 } from '@hireloop/calibration/synthetic';

/**
 * Direct-insert fixtures for calibration statistics and feedback reminders: roles with a loop, many rated
 * applications at once (set-based inserts, ids generated here), reports, decisions and bare interviews. Rows look
 * like the API writes them (scorecards submitted, rating rows in step), without going through other routes.
 */

export type FixtureRating = 1 | 2 | 3 | 4;
export type FixtureRecommendation = 'strong_no' | 'no' | 'yes' | 'strong_yes';

export interface CalibrationMembers {
  organizationId: string;
  adminId: string;
  hiringManagerId: string;
  interviewerIds: string[];
}

export interface CalibrationRole {
  organizationId: string;
  roleId: string;
  title: string;
  hiringManagerId: string | null;
  loopVersionId: string;
  roundId: string;
  dimensionIds: string[];
}

/** One scorecard of a panel: the interviewer, a rating per dimension (null = not assessed) and a recommendation. */
export interface PanelScorecard {
  interviewerId: string;
  ratings: (FixtureRating | null)[];
  recommendation?: FixtureRecommendation;
}

export interface RatedApplication {
  applicationId: string;
  candidateId: string;
  /** One interview (and submitted scorecard) per panel entry. */
  interviews: { interviewId: string; interviewerId: string; scorecardId: string }[];
}

/** An organization with an admin, a hiring manager and interviewers, all active members (no logins). */
export async function createCalibrationMembers(ds: DataSource, interviewers = 4): Promise<CalibrationMembers> {
  const organizationId = randomUUID();
  await ds.query(`INSERT INTO organizations (id, name) VALUES ($1, $2)`, [organizationId, `Calibration org ${organizationId.slice(0, 8)}`]);
  const member = async (name: string, roles: string[]): Promise<string> => {
    const userId = randomUUID();
    const id = randomUUID();
    await ds.query(`INSERT INTO users (id, email, name) VALUES ($1, $2, $3)`, [userId, `${userId}@calibration.test`, name]);
    await ds.query(`INSERT INTO members (id, organization_id, user_id, roles, status) VALUES ($1, $2, $3, $4, 'active')`, [
      id,
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

/** An open role with `dimensions` equally weighted dimensions, one round and loop version 1. */
export async function createCalibrationRole(
  ds: DataSource,
  organizationId: string,
  options: { hiringManagerId?: string | null; dimensions?: number; title?: string } = {},
): Promise<CalibrationRole> {
  const roleId = randomUUID();
  const loopVersionId = randomUUID();
  const roundId = randomUUID();
  const count = options.dimensions ?? 3;
  const dimensionIds = Array.from({ length: count }, () => randomUUID());
  const title = options.title ?? `Calibrated role ${roleId.slice(0, 6)}`;
  const hiringManagerId = options.hiringManagerId ?? null;
  const weight = Math.round((100 / count) * 1000) / 1000;
  const rubric = { '1': 'strong no', '2': 'no', '3': 'yes', '4': 'strong yes' };
  await ds.transaction(async (m) => {
    await m.query(`INSERT INTO roles (id, organization_id, title, status, hiring_manager_id, opened_at) VALUES ($1, $2, $3, 'open', $4, now())`, [
      roleId,
      organizationId,
      title,
      hiringManagerId,
    ]);
    for (const [i, id] of dimensionIds.entries()) {
      await m.query(`INSERT INTO dimensions (id, organization_id, role_id, name, weight, rubric, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        id,
        organizationId,
        roleId,
        `Dimension ${i + 1}`,
        weight,
        JSON.stringify(rubric),
        i,
      ]);
    }
    await m.query(
      `INSERT INTO rounds (id, organization_id, role_id, name, kind, duration_minutes, position, focus_dimension_ids) VALUES ($1, $2, $3, 'Onsite', 'technical', 60, 0, $4)`,
      [roundId, organizationId, roleId, dimensionIds],
    );
    const snapshot = {
      dimensions: dimensionIds.map((id, i) => ({
        id,
        name: `Dimension ${i + 1}`,
        description: '',
        weight,
        rubric,
        signals: { strong: [], weak: [], redFlags: [] },
        position: i,
      })),
      rounds: [{ id: roundId, name: 'Onsite', kind: 'technical', durationMinutes: 60, position: 0, focusDimensionIds: dimensionIds, questions: [] }],
    };
    await m.query(`INSERT INTO loop_versions (id, organization_id, role_id, number, snapshot) VALUES ($1, $2, $3, 1, $4)`, [
      loopVersionId,
      organizationId,
      roleId,
      JSON.stringify(snapshot),
    ]);
    await m.query(`UPDATE roles SET current_loop_version_id = $2 WHERE id = $1`, [roleId, loopVersionId]);
  });
  return { organizationId, roleId, title, hiringManagerId, loopVersionId, roundId, dimensionIds };
}

const CHUNK = 5000;

/**
 * Inserts rows given as parallel arrays ($1…$n in `sql`), one statement per chunk; `scalars` follow as $n+1….
 */
async function bulkInsert(ds: DataSource, sql: string, columns: unknown[][], scalars: unknown[] = []): Promise<void> {
  const length = columns[0]?.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    await ds.query(sql, [...columns.map((c) => c.slice(start, start + CHUNK)), ...scalars]);
  }
}

/**
 * One application per panel: a candidate, an application, one interview per scorecard (ended `endedAt`, default
 * 2 days ago) and the submitted scorecard with its rating rows. The same interviewer may appear twice in a panel
 * (two interviews, two scorecards). Set-based: thousands of applications take a few seconds.
 */
export async function insertRatedApplications(
  ds: DataSource,
  role: CalibrationRole,
  panels: PanelScorecard[][],
  options: { endedAt?: Date } = {},
): Promise<RatedApplication[]> {
  const org = role.organizationId;
  const endsAt = options.endedAt ?? new Date(Date.now() - 2 * 24 * 3600 * 1000);
  const startsAt = new Date(endsAt.getTime() - 3600 * 1000);
  const applications: RatedApplication[] = panels.map((panel) => ({
    applicationId: randomUUID(),
    candidateId: randomUUID(),
    interviews: panel.map((s) => ({ interviewId: randomUUID(), interviewerId: s.interviewerId, scorecardId: randomUUID() })),
  }));

  await bulkInsert(
    ds,
    `INSERT INTO candidates (id, organization_id, name, email) SELECT id, $3::uuid, 'Generated Candidate', email FROM unnest($1::uuid[], $2::text[]) AS t(id, email)`,
    [applications.map((a) => a.candidateId), applications.map((a) => `${a.candidateId}@generated.test`)],
    [org],
  );
  await bulkInsert(
    ds,
    `INSERT INTO applications (id, organization_id, candidate_id, role_id, stage) SELECT id, $3::uuid, candidate_id, $4::uuid, 'onsite' FROM unnest($1::uuid[], $2::uuid[]) AS t(id, candidate_id)`,
    [applications.map((a) => a.applicationId), applications.map((a) => a.candidateId)],
    [org, role.roleId],
  );

  const interviewRows = { id: [] as string[], applicationId: [] as string[], interviewerId: [] as string[] };
  const scorecardRows = {
    id: [] as string[],
    applicationId: [] as string[],
    interviewId: [] as string[],
    interviewerId: [] as string[],
    ratings: [] as string[],
    recommendation: [] as string[],
  };
  const ratingRows = {
    scorecardId: [] as string[],
    dimensionId: [] as string[],
    applicationId: [] as string[],
    interviewerId: [] as string[],
    rating: [] as number[],
  };
  applications.forEach((application, a) => {
    panels[a].forEach((scorecard, s) => {
      const { interviewId, scorecardId } = application.interviews[s];
      interviewRows.id.push(interviewId);
      interviewRows.applicationId.push(application.applicationId);
      interviewRows.interviewerId.push(scorecard.interviewerId);
      const ratings = role.dimensionIds.map((dimensionId, d) => {
        const rating = scorecard.ratings[d] ?? null;
        return {
          dimensionId,
          rating,
          evidence: rating === null ? null : 'Generated evidence for this dimension',
          notAssessed: rating === null,
          notAssessedReason: rating === null ? 'not covered' : null,
        };
      });
      scorecardRows.id.push(scorecardId);
      scorecardRows.applicationId.push(application.applicationId);
      scorecardRows.interviewId.push(interviewId);
      scorecardRows.interviewerId.push(scorecard.interviewerId);
      scorecardRows.ratings.push(JSON.stringify(ratings));
      scorecardRows.recommendation.push(scorecard.recommendation ?? 'yes');
      for (const r of ratings) {
        if (r.rating === null) continue;
        ratingRows.scorecardId.push(scorecardId);
        ratingRows.dimensionId.push(r.dimensionId);
        ratingRows.applicationId.push(application.applicationId);
        ratingRows.interviewerId.push(scorecard.interviewerId);
        ratingRows.rating.push(r.rating);
      }
    });
  });

  await bulkInsert(
    ds,
    `INSERT INTO interviews (id, organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
     SELECT id, $4::uuid, application_id, $5::uuid, $6::uuid, $7::uuid, ARRAY[interviewer_id], $8::timestamptz, $9::timestamptz
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS t(id, application_id, interviewer_id)`,
    [interviewRows.id, interviewRows.applicationId, interviewRows.interviewerId],
    [org, role.roleId, role.roundId, role.loopVersionId, startsAt.toISOString(), endsAt.toISOString()],
  );
  await bulkInsert(
    ds,
    `INSERT INTO scorecards (id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings, recommendation, level_assessment, submitted_at)
     SELECT id, $7::uuid, application_id, interview_id, interviewer_id, $8::uuid, 'submitted', 1, ratings, recommendation, 'at', now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::jsonb[], $6::text[]) AS t(id, application_id, interview_id, interviewer_id, ratings, recommendation)`,
    [
      scorecardRows.id,
      scorecardRows.applicationId,
      scorecardRows.interviewId,
      scorecardRows.interviewerId,
      scorecardRows.ratings,
      scorecardRows.recommendation,
    ],
    [org, role.loopVersionId],
  );
  await bulkInsert(
    ds,
    `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating)
     SELECT scorecard_id, dimension_id, $6::uuid, application_id, $7::uuid, interviewer_id, rating
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::smallint[]) AS t(scorecard_id, dimension_id, application_id, interviewer_id, rating)`,
    [ratingRows.scorecardId, ratingRows.dimensionId, ratingRows.applicationId, ratingRows.interviewerId, ratingRows.rating],
    [org, role.roleId],
  );
  return applications;
}

/** Stores a report version for the application (the latest one counts in the role's score distribution). */
export async function insertReport(
  ds: DataSource,
  role: CalibrationRole,
  applicationId: string,
  report: { score: number | null; recommendation: 'hire' | 'no_hire' | 'inconclusive' },
): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const [{ version }] = await ds.query(
    `INSERT INTO calibration_reports (id, organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, report)
     SELECT $1, $2, $3, COALESCE(max(version), 0) + 1, md5(random()::text), 'fixture', $4, $5, 0, '{}'::jsonb
       FROM calibration_reports WHERE application_id = $3
     RETURNING version`,
    [id, role.organizationId, applicationId, report.score, report.recommendation],
  );
  return { id, version };
}

/**
 * Records a hiring decision as the decisions API stores it (against the application's latest report, if any):
 * followed_recommendation is true/false against a hire/no-hire recommendation and null otherwise.
 */
export async function insertDecision(
  ds: DataSource,
  role: CalibrationRole,
  applicationId: string,
  decision: 'hire' | 'no_hire',
  decidedBy: string,
): Promise<void> {
  const [report]: { id: string; version: number; recommendation: string }[] = await ds.query(
    `SELECT id, version, recommendation FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`,
    [applicationId],
  );
  const followed = report && report.recommendation !== 'inconclusive' ? report.recommendation === decision : null;
  await ds.query(
    `INSERT INTO decisions (organization_id, application_id, decision, rationale, override_reason, report_id, report_version, report_recommendation, followed_recommendation, decided_by_member_id)
     VALUES ($1, $2, $3, 'Decided in a calibration fixture.', $4, $5, $6, $7, $8, $9)`,
    [
      role.organizationId,
      applicationId,
      decision,
      followed === false || !report ? 'Fixture override of the recommendation.' : null,
      report?.id ?? null,
      report?.version ?? null,
      report?.recommendation ?? null,
      followed,
      decidedBy,
    ],
  );
  await ds.query(`UPDATE applications SET status = $2, decided_at = now() WHERE id = $1`, [
    applicationId,
    decision === 'hire' ? 'hired' : 'rejected',
  ]);
}

/** A scheduled interview of a new application of the role (no scorecards), ending at `endsAt`. */
export async function scheduleInterview(
  ds: DataSource,
  role: CalibrationRole,
  options: { interviewerIds: string[]; endsAt: Date; applicationId?: string },
): Promise<{ interviewId: string; applicationId: string }> {
  let applicationId = options.applicationId;
  if (!applicationId) {
    const candidateId = randomUUID();
    applicationId = randomUUID();
    await ds.query(`INSERT INTO candidates (id, organization_id, name, email) VALUES ($1, $2, 'Reminder Candidate', $3)`, [
      candidateId,
      role.organizationId,
      `${candidateId}@reminder.test`,
    ]);
    await ds.query(`INSERT INTO applications (id, organization_id, candidate_id, role_id, stage) VALUES ($1, $2, $3, $4, 'onsite')`, [
      applicationId,
      role.organizationId,
      candidateId,
      role.roleId,
    ]);
  }
  const interviewId = randomUUID();
  await ds.query(
    `INSERT INTO interviews (id, organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz - interval '1 hour', $8::timestamptz)`,
    [
      interviewId,
      role.organizationId,
      applicationId,
      role.roleId,
      role.roundId,
      role.loopVersionId,
      options.interviewerIds,
      options.endsAt.toISOString(),
    ],
  );
  return { interviewId, applicationId };
}

/** Submits a scorecard (all dimensions rated `rating`) for an interview, with its rating rows. */
export async function submitFixtureScorecard(
  ds: DataSource,
  role: CalibrationRole,
  interviewId: string,
  interviewerId: string,
  rating: FixtureRating = 3,
): Promise<string> {
  const [{ application_id: applicationId }] = await ds.query(`SELECT application_id FROM interviews WHERE id = $1`, [interviewId]);
  const scorecardId = randomUUID();
  const ratings = role.dimensionIds.map((dimensionId) => ({
    dimensionId,
    rating,
    evidence: 'Fixture evidence for this dimension',
    notAssessed: false,
    notAssessedReason: null,
  }));
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO scorecards (id, organization_id, application_id, interview_id, interviewer_id, loop_version_id, status, revision, ratings, recommendation, level_assessment, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'submitted', 1, $7, 'yes', 'at', now())`,
      [scorecardId, role.organizationId, applicationId, interviewId, interviewerId, role.loopVersionId, JSON.stringify(ratings)],
    );
    for (const dimensionId of role.dimensionIds) {
      await m.query(
        `INSERT INTO scorecard_ratings (scorecard_id, dimension_id, organization_id, application_id, role_id, interviewer_id, rating) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [scorecardId, dimensionId, role.organizationId, applicationId, role.roleId, interviewerId, rating],
      );
    }
  });
  return scorecardId;
}

/** Deterministic pseudo-random numbers in [0, 1), so generated data is the same on every run. */
export const seededRandom = mulberry32;

/**
 * Panels with realistic structure: each application has a latent quality, each interviewer a leniency bias, each
 * rating = quality + bias + noise rounded into 1..4; panels of `panelSize` distinct interviewers, some dimensions
 * left unrated, and with probability `repeatShare` one interviewer sits a second interview on the same application.
 */
export function generatePanels(
  random: () => number,
  options: {
    applications: number;
    interviewerIds: string[];
    dimensions: number;
    panelSize?: number;
    skipShare?: number;
    repeatShare?: number;
    biases?: number[];
  },
): PanelScorecard[][] {
  const panelSize = Math.min(options.panelSize ?? 3, options.interviewerIds.length);
  const biases = options.biases ?? options.interviewerIds.map(() => (random() - 0.5) * 1.6);
  const clamp = (x: number): FixtureRating => Math.min(4, Math.max(1, Math.round(x))) as FixtureRating;
  const panels: PanelScorecard[][] = [];
  for (let a = 0; a < options.applications; a++) {
    const quality = 1.5 + random() * 2;
    const chosen = [...options.interviewerIds.keys()].sort(() => random() - 0.5).slice(0, panelSize);
    if (random() < (options.repeatShare ?? 0)) chosen.push(chosen[0]);
    panels.push(
      chosen.map((i) => {
        const ratings = Array.from({ length: options.dimensions }, () =>
          random() < (options.skipShare ?? 0.1) ? null : clamp(quality + biases[i] + (random() - 0.5) * 1.5),
        );
        const mean = ratings.filter((r): r is FixtureRating => r !== null).reduce((s, r, _, all) => s + r / all.length, 0);
        const recommendation: FixtureRecommendation = mean >= 3.4 ? 'strong_yes' : mean >= 2.5 ? 'yes' : mean >= 1.7 ? 'no' : 'strong_no';
        return { interviewerId: options.interviewerIds[i], ratings, recommendation };
      }),
    );
  }
  return panels;
}

// ---- Webhooks -------------------------------------------------------------------------------------------------

/** One request the receiver got: raw body bytes (as signed), headers and when it arrived. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  /** Requests received on `path` so far, in arrival order. */
  received(path: string): ReceivedWebhook[];
  /** Status codes to answer on `path`, one per request; 200 once they run out (or `fallback`). */
  respond(path: string, statuses: number[], fallback?: number): void;
  close(): Promise<void>;
}

/** A local HTTP endpoint on the loopback interface that records webhooks, for tests. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received = new Map<string, ReceivedWebhook[]>();
  const scripts = new Map<string, { statuses: number[]; fallback: number }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const list = received.get(path) ?? [];
      list.push({ path, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() });
      received.set(path, list);
      const script = scripts.get(path);
      const status = script?.statuses.shift() ?? script?.fallback ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received: (path) => [...(received.get(path) ?? [])],
    respond: (path, statuses, fallback = 200) => void scripts.set(path, { statuses: [...statuses], fallback }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
