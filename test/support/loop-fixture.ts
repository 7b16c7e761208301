import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { LoopSnapshot, RoundKind, SnapshotDimension, SnapshotRound } from '@hireloop/core';
import { Actor, createTeam, uniqueEmail } from './actors';
import type { TestApp } from './test-app';

/**
 * An open role with a loop, inserted directly with SQL — for tests that need a role but are not about building one
 * (the roles API has its own tests). Follows the loops contract: `roles.current_loop_version_id` points at version 1,
 * whose snapshot is exactly the live dimensions, rounds and questions.
 */
export interface LoopFixture {
  organizationId: string;
  roleId: string;
  title: string;
  level: string;
  hiringManagerId: string | null;
  loopVersionId: string;
  loopVersionNumber: number;
  snapshot: LoopSnapshot;
  /** By name: coding, design, communication. */
  dimensions: Record<'coding' | 'design' | 'communication', SnapshotDimension>;
  /** By name: technical (coding + communication), design (design + communication), pairing (coding + design). */
  rounds: Record<'technical' | 'design' | 'pairing', SnapshotRound>;
}

export interface OpenRoleOptions {
  hiringManagerId: string | null;
  title?: string;
  level?: string;
  /** Defaults to 'open'. */
  status?: 'draft' | 'open' | 'closed';
  /** Defaults to 'four_point'. */
  ratingScale?: 'four_point' | 'five_point' | 'three_level';
  /** Names of dimensions (coding, design, communication) that are not required. */
  optional?: ('coding' | 'design' | 'communication')[];
}

const RUBRIC = (what: string, scale: 'four_point' | 'five_point' | 'three_level' = 'four_point'): Record<string, string> =>
  scale === 'three_level'
    ? { '1': `Below the bar on ${what}`, '2': `Meets the bar on ${what}`, '3': `Exceeds the bar on ${what}` }
    : {
        '1': `Clearly below the bar on ${what}`,
        '2': `Some ${what}, with significant gaps`,
        '3': `Solid ${what}; meets the bar`,
        '4': `Exceptional ${what}; raises the bar`,
        ...(scale === 'five_point' ? { '5': `Far above the bar on ${what}` } : {}),
      };

export async function createOpenRole(dataSource: DataSource, organizationId: string, options: OpenRoleOptions): Promise<LoopFixture> {
  const title = options.title ?? `Senior Engineer ${randomUUID().slice(0, 6)}`;
  const level = options.level ?? 'L5';
  const ratingScale = options.ratingScale ?? 'four_point';
  return dataSource.transaction(async (m) => {
    const [role] = await m.query(
      `INSERT INTO roles (organization_id, title, level, status, hiring_manager_id, opened_at, rating_scale)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $4 = 'open' THEN now() END, $6) RETURNING id`,
      [organizationId, title, level, options.status ?? 'open', options.hiringManagerId, ratingScale],
    );
    const roleId: string = role.id;

    const dimensionSpecs = [
      {
        key: 'coding',
        name: 'Coding',
        weight: 40,
        strong: ['Writes working code quickly', 'Tests edge cases'],
        weak: ['Needs hints to finish'],
        redFlags: ['Copies code without understanding'],
      },
      {
        key: 'design',
        name: 'System design',
        weight: 35,
        strong: ['Names trade-offs unprompted'],
        weak: ['Designs only the happy path'],
        redFlags: ['Dismisses trade-offs'],
      },
      {
        key: 'communication',
        name: 'Communication',
        weight: 25,
        strong: ['Explains clearly'],
        weak: ['Rambles'],
        redFlags: ['Rude to the interviewer'],
      },
    ] as const;
    const dimensions: SnapshotDimension[] = [];
    for (const [i, d] of dimensionSpecs.entries()) {
      const rubric = RUBRIC(d.name.toLowerCase(), ratingScale);
      const required = !(options.optional ?? []).includes(d.key);
      const [row] = await m.query(
        `INSERT INTO dimensions (organization_id, role_id, name, description, weight, rubric, strong_signals, weak_signals, red_flags, position, required)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          organizationId,
          roleId,
          d.name,
          `How well the candidate does ${d.name.toLowerCase()}`,
          d.weight,
          JSON.stringify(rubric),
          d.strong,
          d.weak,
          d.redFlags,
          i + 1,
          required,
        ],
      );
      dimensions.push({
        id: row.id,
        name: d.name,
        description: `How well the candidate does ${d.name.toLowerCase()}`,
        weight: d.weight,
        rubric,
        required,
        signals: { strong: [...d.strong], weak: [...d.weak], redFlags: [...d.redFlags] },
        position: i + 1,
      });
    }
    const [coding, design, communication] = dimensions;

    const roundSpecs: { key: string; name: string; kind: RoundKind; minutes: number; focus: string[]; question: string }[] = [
      {
        key: 'technical',
        name: 'Technical interview',
        kind: 'technical',
        minutes: 60,
        focus: [coding.id, communication.id],
        question: 'Implement an LRU cache.',
      },
      {
        key: 'design',
        name: 'System design',
        kind: 'system_design',
        minutes: 60,
        focus: [design.id, communication.id],
        question: 'Design a URL shortener.',
      },
      {
        key: 'pairing',
        name: 'Pair programming',
        kind: 'coding',
        minutes: 90,
        focus: [coding.id, design.id],
        question: 'Extend a small service with a new endpoint.',
      },
    ];
    const rounds: SnapshotRound[] = [];
    for (const [i, r] of roundSpecs.entries()) {
      const [q] = await m.query(
        `INSERT INTO questions (organization_id, prompt, points_of_assessment, pitfalls, follow_ups, tags, dimension_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          organizationId,
          r.question,
          ['Clarifies requirements', 'Considers complexity'],
          ['Jumps into code'],
          ['How would you test it?'],
          [r.kind],
          r.focus,
        ],
      );
      const [row] = await m.query(
        `INSERT INTO rounds (organization_id, role_id, name, kind, duration_minutes, position, focus_dimension_ids, question_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [organizationId, roleId, r.name, r.kind, r.minutes, i + 1, r.focus, [q.id]],
      );
      rounds.push({
        id: row.id,
        name: r.name,
        kind: r.kind,
        durationMinutes: r.minutes,
        position: i + 1,
        focusDimensionIds: [...r.focus],
        questions: [
          {
            id: q.id,
            prompt: r.question,
            pointsOfAssessment: ['Clarifies requirements', 'Considers complexity'],
            pitfalls: ['Jumps into code'],
            followUps: ['How would you test it?'],
            tags: [r.kind],
          },
        ],
      });
    }

    const snapshot: LoopSnapshot = { ratingScale, dimensions, rounds };
    const [version] = await m.query(`INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, 1, $3) RETURNING id`, [
      organizationId,
      roleId,
      JSON.stringify(snapshot),
    ]);
    await m.query(`UPDATE roles SET current_loop_version_id = $2 WHERE id = $1`, [roleId, version.id]);

    return {
      organizationId,
      roleId,
      title,
      level,
      hiringManagerId: options.hiringManagerId,
      loopVersionId: version.id,
      loopVersionNumber: 1,
      snapshot,
      dimensions: { coding, design, communication },
      rounds: { technical: rounds[0], design: rounds[1], pairing: rounds[2] },
    };
  });
}

/**
 * Makes a new loop version current, as the loops API does when a loop in use changes: `change` edits a copy of the
 * current snapshot (the live rows are updated to match for dimensions it adds). Interviews scheduled before keep
 * their version. Returns the fixture with the new version.
 */
export async function addLoopVersion(
  dataSource: DataSource,
  fixture: LoopFixture,
  change: (snapshot: LoopSnapshot, newDimension: (name: string) => SnapshotDimension) => LoopSnapshot,
): Promise<LoopFixture> {
  return dataSource.transaction(async (m) => {
    const added: SnapshotDimension[] = [];
    const newDimension = (name: string): SnapshotDimension => {
      const d: SnapshotDimension = {
        id: randomUUID(),
        name,
        description: `${name} (added later)`,
        weight: 10,
        rubric: RUBRIC(name.toLowerCase()),
        signals: { strong: [`${name} strength`], weak: [`${name} weakness`], redFlags: [] },
        position: 10 + added.length,
      };
      added.push(d);
      return d;
    };
    const snapshot = change(structuredClone(fixture.snapshot), newDimension);
    for (const d of added) {
      await m.query(
        `INSERT INTO dimensions (id, organization_id, role_id, name, description, weight, rubric, strong_signals, weak_signals, red_flags, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          d.id,
          fixture.organizationId,
          fixture.roleId,
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
      await m.query(`UPDATE rounds SET focus_dimension_ids = $3 WHERE organization_id = $1 AND id = $2`, [
        fixture.organizationId,
        r.id,
        r.focusDimensionIds,
      ]);
    }
    const number = fixture.loopVersionNumber + 1;
    const [version] = await m.query(`INSERT INTO loop_versions (organization_id, role_id, number, snapshot) VALUES ($1, $2, $3, $4) RETURNING id`, [
      fixture.organizationId,
      fixture.roleId,
      number,
      JSON.stringify(snapshot),
    ]);
    await m.query(`UPDATE roles SET current_loop_version_id = $2, updated_at = now() WHERE id = $1`, [fixture.roleId, version.id]);
    const byId = new Map(snapshot.dimensions.map((d) => [d.id, d]));
    const roundById = new Map(snapshot.rounds.map((r) => [r.id, r]));
    return {
      ...fixture,
      loopVersionId: version.id,
      loopVersionNumber: number,
      snapshot,
      dimensions: {
        coding: byId.get(fixture.dimensions.coding.id) ?? fixture.dimensions.coding,
        design: byId.get(fixture.dimensions.design.id) ?? fixture.dimensions.design,
        communication: byId.get(fixture.dimensions.communication.id) ?? fixture.dimensions.communication,
      },
      rounds: {
        technical: roundById.get(fixture.rounds.technical.id) ?? fixture.rounds.technical,
        design: roundById.get(fixture.rounds.design.id) ?? fixture.rounds.design,
        pairing: roundById.get(fixture.rounds.pairing.id) ?? fixture.rounds.pairing,
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// A hiring scene over HTTP: a team, an open role (fixture), a candidate and their application.
// ---------------------------------------------------------------------------------------------------------------

export interface HiringScene {
  team: Awaited<ReturnType<typeof createTeam>>;
  role: LoopFixture;
  candidate: { id: string; name: string; email: string };
  applicationId: string;
}

export async function createHiringScene(t: TestApp, options: { candidateName?: string; candidateEmail?: string } = {}): Promise<HiringScene> {
  const team = await createTeam(t);
  const role = await createOpenRole(t.dataSource, team.admin.organizationId, { hiringManagerId: team.hiringManager.memberId });
  const name = options.candidateName ?? 'Jane Doe';
  const email = options.candidateEmail ?? uniqueEmail('candidate');
  const candidate = await t.http.post('/v1/candidates').set(team.recruiter.auth).send({ name, email, source: 'referral' }).expect(201);
  const application = await t.http
    .post('/v1/applications')
    .set(team.recruiter.auth)
    .send({ candidateId: candidate.body.id, roleId: role.roleId })
    .expect(201);
  return { team, role, candidate: { id: candidate.body.id, name, email: candidate.body.email }, applicationId: application.body.id };
}

/** An interview window relative to now: negative hours are in the past. */
export function interviewWindow(startHoursFromNow: number, durationMinutes = 60): { startsAt: string; endsAt: string } {
  const start = Date.now() + startHoursFromNow * 3600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + durationMinutes * 60_000).toISOString() };
}

/**
 * Schedules a round (recruiter) and returns the interview id. The API refuses start times in the past, so a window
 * that starts before now (an interview that already took place: scorecards, reminders, overdue feedback) is
 * scheduled over HTTP at the same time of day some whole days ahead — with allowConflict, since the double-booking
 * check never judged past times — and then moved back to the window asked for by SQL (backdateInterview).
 */
export async function scheduleInterview(
  t: TestApp,
  recruiter: Actor,
  applicationId: string,
  roundId: string,
  interviewers: Actor[],
  window: { startsAt: string; endsAt: string } = interviewWindow(-2),
): Promise<string> {
  const inPast = new Date(window.startsAt).getTime() < Date.now() + 60_000;
  const days = inPast ? Math.ceil((Date.now() - new Date(window.startsAt).getTime()) / 86_400_000) + 1 : 0;
  const shift = (iso: string) => new Date(new Date(iso).getTime() + days * 86_400_000).toISOString();
  const booking = inPast ? { startsAt: shift(window.startsAt), endsAt: shift(window.endsAt), allowConflict: true } : window;
  const res = await t.http
    .post(`/v1/applications/${applicationId}/interviews`)
    .set(recruiter.auth)
    .send({ roundId, interviewerIds: interviewers.map((i) => i.memberId), ...booking });
  if (res.status !== 201) throw new Error(`scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (inPast) await backdateInterview(t.dataSource, res.body.id, window);
  return res.body.id;
}

/**
 * Moves an interview to a window in the past directly in the database: the API (rightly) refuses past start times,
 * but tests of scorecards, reminders and overdue feedback need interviews that already took place.
 */
export async function backdateInterview(
  dataSource: DataSource,
  interviewId: string,
  window: { startsAt: string | Date; endsAt: string | Date },
): Promise<void> {
  const startsAt = new Date(window.startsAt).toISOString();
  const endsAt = new Date(window.endsAt).toISOString();
  // TypeORM answers an UPDATE with [rows, affected count].
  const [, affected] = (await dataSource.query(`UPDATE interviews SET starts_at = $2, ends_at = $3 WHERE id = $1`, [
    interviewId,
    startsAt,
    endsAt,
  ])) as [unknown[], number];
  if (affected !== 1) throw new Error(`no interview ${interviewId} to backdate`);
}

/** A complete, valid submission for a round: every focus dimension rated `rating` with enough evidence. */
export function completeScorecard(
  round: SnapshotRound,
  options: { rating?: number; recommendation?: string; evidence?: string; privateNote?: string } = {},
) {
  return {
    ratings: round.focusDimensionIds.map((dimensionId) => ({
      dimensionId,
      rating: options.rating ?? 3,
      evidence: options.evidence ?? 'Worked through the problem methodically and explained each trade-off.',
    })),
    recommendation: options.recommendation ?? 'yes',
    ...(options.privateNote !== undefined ? { privateNote: options.privateNote } : {}),
  };
}
