import { randomUUID } from 'node:crypto';
import {
  addLoopVersion,
  addMember,
  completeScorecard,
  createHiringScene,
  createOpenRole,
  createTestApp,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TestApp,
} from '@hireloop/testing';

describe('interviews: scheduling, my interviews, the interview kit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];

  describe('scheduling', () => {
    it("schedules a round with interviewers, pinning the role's current loop version, audited", async () => {
      const scene = await createHiringScene(t);
      const { recruiter, admin, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const window = interviewWindow(24, 45);
      const res = await t.http
        .post(`/v1/applications/${scene.applicationId}/interviews`)
        .set(recruiter.auth)
        .send({ roundId: scene.role.rounds.design.id, interviewerIds: [alice.memberId, bob.memberId], ...window })
        .expect(201);
      expect(res.body).toMatchObject({
        applicationId: scene.applicationId,
        roleId: scene.role.roleId,
        round: { id: scene.role.rounds.design.id, name: 'System design', kind: 'system_design' },
        loopVersionId: scene.role.loopVersionId,
        loopVersionNumber: 1,
        interviewerIds: [alice.memberId, bob.memberId],
        interviewers: [
          { id: alice.memberId, name: alice.name },
          { id: bob.memberId, name: bob.name },
        ],
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        status: 'scheduled',
      });

      // The application names its interviewers (no client needs the member list, which stops at a page of 100).
      const detail = await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200);
      expect(detail.body.interviews.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
      expect(detail.body.interviews[0].interviewers).toEqual(res.body.interviewers);

      const audit = await t.http.get(`/v1/audit-log?entityType=interview&entityId=${res.body.id}`).set(admin.auth).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          action: 'interview.scheduled',
          actorMemberId: recruiter.memberId,
          after: expect.objectContaining({ roundId: scene.role.rounds.design.id, loopVersionId: scene.role.loopVersionId }),
        }),
      ]);
    });

    it('pins each interview to the version current when it was scheduled', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, interviewers } = scene.team;
      const [alice] = interviewers;
      const before = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      const v2 = await addLoopVersion(t.dataSource, scene.role, (snapshot, add) => {
        const d = add('Leadership');
        snapshot.dimensions.push(d);
        snapshot.rounds[0].focusDimensionIds.push(d.id);
        return snapshot;
      });
      const after = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      const k1 = await t.http.get(`/v1/interviews/${before}/kit`).set(alice.auth).expect(200);
      const k2 = await t.http.get(`/v1/interviews/${after}/kit`).set(alice.auth).expect(200);
      expect(k1.body.loopVersion).toEqual({ id: scene.role.loopVersionId, number: 1 });
      expect(k1.body.focusDimensions.map((d: { name: string }) => d.name)).toEqual(['Coding', 'Communication']);
      expect(k2.body.loopVersion).toEqual({ id: v2.loopVersionId, number: 2 });
      expect(k2.body.focusDimensions.map((d: { name: string }) => d.name)).toEqual(['Coding', 'Communication', 'Leadership']);
    });

    it('refuses bad input with field errors', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, admin, hiringManager, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const post = (body: object) => t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(recruiter.auth).send(body);
      const base = { roundId: scene.role.rounds.technical.id, interviewerIds: [alice.memberId], ...interviewWindow(24) };

      const backwards = await post({ ...base, endsAt: base.startsAt }).expect(400);
      expect(backwards.body.errors).toEqual([
        { field: 'endsAt', message: 'End time: choose a time after the start time.', code: 'ends_before_start' },
      ]);
      expect(fields(await post({ ...base, endsAt: interviewWindow(24, 13 * 60).endsAt }).expect(400))).toEqual(['endsAt']);
      expect(fields(await post({ ...base, startsAt: 'tomorrow' }).expect(400))).toEqual(['startsAt']);
      expect(fields(await post({ ...base, interviewerIds: [] }).expect(400))).toEqual(['interviewerIds']);
      expect(fields(await post({ ...base, interviewerIds: [alice.memberId, alice.memberId] }).expect(400))).toEqual(['interviewerIds']);
      expect(fields(await post({ ...base, interviewerIds: ['alice'] }).expect(400))).toEqual(['interviewerIds']);
      expect(fields(await post({ ...base, roundId: 'round-1' }).expect(400))).toEqual(['roundId']);

      const otherRole = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: null });
      const foreignRound = await post({ ...base, roundId: otherRole.rounds.technical.id }).expect(400);
      expect(foreignRound.body.errors).toEqual([expect.objectContaining({ field: 'roundId', code: 'unknown_round' })]);

      const stranger = await signupOrganization(t);
      const strangerInterviewer = await addMember(t, stranger, ['interviewer']);
      const deactivated = await addMember(t, admin, ['interviewer'], 'Gone Interviewer');
      await t.http.post(`/v1/members/${deactivated.memberId}/deactivate`).set(admin.auth).expect(200);
      const ghost = randomUUID();
      const bad = await post({
        ...base,
        interviewerIds: [alice.memberId, hiringManager.memberId, strangerInterviewer.memberId, deactivated.memberId, ghost],
      }).expect(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'interviewerIds', code: 'not_interviewers' })]);
      for (const id of [hiringManager.memberId, strangerInterviewer.memberId, deactivated.memberId, ghost])
        expect(bad.body.errors[0].message).toContain(id);
      expect(bad.body.errors[0].message).not.toContain(alice.memberId);

      // Nothing was stored by any of it.
      expect((await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200)).body.interviews).toEqual([]);
      await post({ ...base, interviewerIds: [alice.memberId, bob.memberId] }).expect(201);
    });

    it('refuses a start time in the past (beyond a few minutes of clock skew) on schedule and on move, with every problem of the times', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, interviewers } = scene.team;
      const [alice] = interviewers;
      const post = (body: object) => t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(recruiter.auth).send(body);
      const base = { roundId: scene.role.rounds.technical.id, interviewerIds: [alice.memberId] };

      const yesterday = await post({ ...base, ...interviewWindow(-24) }).expect(422);
      expect(yesterday.body).toMatchObject({ code: 'start_in_past', detail: 'The start time is in the past: choose a time from now on.' });
      expect(yesterday.body.errors).toEqual([
        { field: 'startsAt', message: 'The start time is in the past: choose a time from now on.', code: 'start_in_past' },
      ]);
      // Every problem of the times at once: in the past and ending before it starts.
      const past = interviewWindow(-3);
      const both = await post({ ...base, startsAt: past.startsAt, endsAt: interviewWindow(-4).startsAt }).expect(422);
      expect(both.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
        ['startsAt', 'start_in_past'],
        ['endsAt', 'ends_before_start'],
      ]);
      // A started-a-minute-ago booking is within the grace (clocks differ); tomorrow is fine.
      await post({ ...base, ...interviewWindow(-1 / 60) }).expect(201);
      const id = (await post({ ...base, ...interviewWindow(30) }).expect(201)).body.id;

      const move = (body: object) => t.http.patch(`/v1/interviews/${id}`).set(recruiter.auth).send(body);
      const moved = await move(interviewWindow(-2)).expect(422);
      expect(moved.body.code).toBe('start_in_past');
      expect(moved.body.errors).toEqual([expect.objectContaining({ field: 'startsAt', code: 'start_in_past' })]);
      const unchanged = (await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200)).body.interviews.find(
        (i: { id: string }) => i.id === id,
      );
      expect(new Date(unchanged.startsAt).getTime()).toBeGreaterThan(Date.now());
      await move(interviewWindow(31)).expect(200);
    });

    it('schedules only for active applications of open roles, by recruiters and admins, within the tenant', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, admin, hiringManager, interviewers } = scene.team;
      const [alice] = interviewers;
      const body = { roundId: scene.role.rounds.technical.id, interviewerIds: [alice.memberId], ...interviewWindow(24) };
      for (const someone of [alice, hiringManager]) {
        expect((await t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(someone.auth).send(body).expect(403)).body.code).toBe(
          'role_required',
        );
      }
      await t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(admin.auth).send(body).expect(201);
      const stranger = await signupOrganization(t);
      await t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(stranger.auth).send(body).expect(404);
      await t.http.post(`/v1/applications/${randomUUID()}/interviews`).set(recruiter.auth).send(body).expect(404);

      await t.dataSource.query(`UPDATE roles SET status = 'closed' WHERE id = $1`, [scene.role.roleId]);
      expect((await t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(recruiter.auth).send(body).expect(409)).body.code).toBe(
        'role_not_open',
      );
      await t.dataSource.query(`UPDATE roles SET status = 'open' WHERE id = $1`, [scene.role.roleId]);

      await t.http.patch(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).send({ status: 'withdrawn' }).expect(200);
      expect((await t.http.post(`/v1/applications/${scene.applicationId}/interviews`).set(recruiter.auth).send(body).expect(409)).body.code).toBe(
        'application_not_active',
      );
    });

    it('cancels interviews without feedback only', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, admin, interviewers } = scene.team;
      const [alice] = interviewers;
      const quiet = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      await t.http.put(`/v1/interviews/${quiet}/scorecard`).set(alice.auth).send({ recommendation: 'yes' }).expect(200);
      await t.http.post(`/v1/interviews/${quiet}/cancel`).set(alice.auth).expect(403);
      const cancelled = await t.http.post(`/v1/interviews/${quiet}/cancel`).set(recruiter.auth).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      await t.http.post(`/v1/interviews/${quiet}/cancel`).set(recruiter.auth).expect(200);
      const audit = await t.http.get(`/v1/audit-log?entityId=${quiet}`).set(admin.auth).expect(200);
      expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['interview.cancelled', 'interview.scheduled']);

      const held = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      await t.http.post(`/v1/interviews/${held}/scorecard/submit`).set(alice.auth).send(completeScorecard(scene.role.rounds.technical)).expect(200);
      expect((await t.http.post(`/v1/interviews/${held}/cancel`).set(recruiter.auth).expect(409)).body.code).toBe('interview_has_feedback');
    });
  });

  describe('GET /v1/me/interviews', () => {
    it("lists the caller's upcoming interviews, those awaiting their feedback (with due time and overdue mark) and the completed ones", async () => {
      const scene = await createHiringScene(t, { candidateName: 'Sam Candidate' });
      const { recruiter, interviewers } = scene.team;
      const [alice, bob, carol] = interviewers;
      const { technical, design, pairing } = scene.role.rounds;
      const soon = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice, bob], interviewWindow(2));
      const later = await scheduleInterview(t, recruiter, scene.applicationId, pairing.id, [alice], interviewWindow(48));
      const ongoing = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [alice], interviewWindow(-0.5, 60));
      const older = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice], interviewWindow(-30));
      const recent = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [alice, carol], interviewWindow(-3));
      const cancelled = await scheduleInterview(t, recruiter, scene.applicationId, pairing.id, [alice], interviewWindow(-5));
      await t.http.post(`/v1/interviews/${cancelled}/cancel`).set(recruiter.auth).expect(200);

      const mine = await t.http.get('/v1/me/interviews').set(alice.auth).expect(200);
      expect(mine.body.upcoming.map((i: { id: string }) => i.id)).toEqual([ongoing, soon, later]);
      expect(mine.body.awaitingFeedback.map((i: { id: string }) => i.id)).toEqual([older, recent]);
      expect(mine.body.upcoming[1]).toEqual({
        id: soon,
        applicationId: scene.applicationId,
        candidateName: 'Sam Candidate',
        roleId: scene.role.roleId,
        roleTitle: scene.role.title,
        round: { id: technical.id, name: 'Technical interview', kind: 'technical' },
        startsAt: expect.any(String),
        endsAt: expect.any(String),
        scorecardStatus: 'none',
        scorecardId: null,
        scorecardSubmittedAt: null,
        feedbackDueAt: new Date(new Date(mine.body.upcoming[1].endsAt).getTime() + 24 * 3600_000).toISOString(),
        feedbackOverdue: false,
      });
      // Due 24 hours (the default reminderAfterHours) after the end: `older` ended 29 hours ago, `recent` 2 hours ago.
      expect(mine.body.awaitingFeedback.map((i: { feedbackOverdue: boolean }) => i.feedbackOverdue)).toEqual([true, false]);
      await t.http.patch('/v1/organization').set(scene.team.admin.auth).send({ reminderAfterHours: 1 }).expect(200);
      const strict = await t.http.get('/v1/me/interviews').set(alice.auth).expect(200);
      expect(strict.body.awaitingFeedback.map((i: { feedbackOverdue: boolean }) => i.feedbackOverdue)).toEqual([true, true]);
      expect(strict.body.awaitingFeedback[1].feedbackDueAt).toBe(
        new Date(new Date(strict.body.awaitingFeedback[1].endsAt).getTime() + 3600_000).toISOString(),
      );
      expect(mine.body.completed).toEqual([]);

      // A draft keeps it awaiting; a submission takes it off the list and onto the completed one.
      await t.http.put(`/v1/interviews/${older}/scorecard`).set(alice.auth).send({}).expect(200);
      await t.http.post(`/v1/interviews/${recent}/scorecard/submit`).set(alice.auth).send(completeScorecard(design)).expect(200);
      const after = await t.http.get('/v1/me/interviews').set(alice.auth).expect(200);
      expect(after.body.awaitingFeedback.map((i: { id: string; scorecardStatus: string }) => [i.id, i.scorecardStatus])).toEqual([[older, 'draft']]);
      expect(after.body.completed).toEqual([
        expect.objectContaining({ id: recent, scorecardStatus: 'submitted', scorecardSubmittedAt: expect.any(String), feedbackOverdue: false }),
      ]);
      expect((await t.http.get('/v1/me/interviews?limit=1').set(alice.auth).expect(200)).body.upcoming).toHaveLength(1);
      await t.http.get('/v1/me/interviews?limit=0').set(alice.auth).expect(400);

      // Each interviewer sees only their own; Carol still owes feedback on `recent`.
      const bobs = await t.http.get('/v1/me/interviews').set(bob.auth).expect(200);
      expect(bobs.body).toEqual({ upcoming: [expect.objectContaining({ id: soon })], awaitingFeedback: [], completed: [] });
      const carols = await t.http.get('/v1/me/interviews').set(carol.auth).expect(200);
      expect(carols.body.awaitingFeedback.map((i: { id: string }) => i.id)).toEqual([recent]);
      expect((await t.http.get('/v1/me/interviews').set(recruiter.auth).expect(200)).body).toEqual({
        upcoming: [],
        awaitingFeedback: [],
        completed: [],
      });

      // Once the decision is recorded nothing is awaited any more.
      await t.dataSource.query(`UPDATE applications SET decided_at = now() WHERE id = $1`, [scene.applicationId]);
      const decided = await t.http.get('/v1/me/interviews').set(alice.auth).expect(200);
      expect(decided.body.awaitingFeedback).toEqual([]);
      expect(decided.body.completed.map((i: { id: string }) => i.id)).toEqual([recent]);
    });
  });

  describe('GET /v1/me/interviews/completed', () => {
    it("pages the caller's completed interviews, most recently submitted first, searched by candidate name or role title, counted", async () => {
      const scene = await createHiringScene(t, { candidateName: 'Sam Candidate' });
      const { recruiter, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const { technical, design, pairing } = scene.role.rounds;
      const quinn = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: 'Quinn Lookup', email: `quinn-${randomUUID()}@example.test` })
        .expect(201);
      const quinnApplication = await t.http
        .post('/v1/applications')
        .set(recruiter.auth)
        .send({ candidateId: quinn.body.id, roleId: scene.role.roleId })
        .expect(201);
      const rounds = [technical, design, pairing, technical];
      const applications = [scene.applicationId, scene.applicationId, scene.applicationId, quinnApplication.body.id];
      const ids: string[] = [];
      for (const [index, round] of rounds.entries()) {
        const id = await scheduleInterview(t, recruiter, applications[index], round.id, [alice, bob], interviewWindow(-10 + index));
        await t.http.post(`/v1/interviews/${id}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
        ids.push(id);
      }
      // A draft is not completed; neither is Bob's interview he has not submitted.
      const draft = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [alice], interviewWindow(-2));
      await t.http.put(`/v1/interviews/${draft}/scorecard`).set(alice.auth).send({}).expect(200);
      // Submitted one after the other, except two at the very same instant: the interview id breaks the tie.
      const base = Date.now() - 3600_000;
      const at = [base, base + 1000, base + 1000, base + 2000];
      for (const [index, id] of ids.entries()) {
        await t.dataSource.query(`UPDATE scorecards SET submitted_at = $2 WHERE interview_id = $1`, [id, new Date(at[index]).toISOString()]);
      }
      const tied = [ids[1], ids[2]].sort().reverse();
      const expected = [ids[3], ...tied, ids[0]];

      const first = await t.http.get('/v1/me/interviews/completed?limit=2&withTotal=true').set(alice.auth).expect(200);
      expect(first.body.total).toBe(4);
      expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(expected.slice(0, 2));
      expect(first.body.items[0]).toEqual({
        id: ids[3],
        applicationId: quinnApplication.body.id,
        candidateName: 'Quinn Lookup',
        roleId: scene.role.roleId,
        roleTitle: scene.role.title,
        round: { id: technical.id, name: 'Technical interview', kind: 'technical' },
        startsAt: expect.any(String),
        endsAt: expect.any(String),
        scorecardStatus: 'submitted',
        scorecardId: expect.any(String),
        scorecardSubmittedAt: new Date(at[3]).toISOString(),
        feedbackDueAt: expect.any(String),
        feedbackOverdue: false,
      });
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http.get(`/v1/me/interviews/completed?limit=2&cursor=${first.body.nextCursor}`).set(alice.auth).expect(200);
      expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(expected.slice(2));
      expect(second.body.nextCursor).toBeNull();
      expect(second.body).not.toHaveProperty('total');
      // The `completed` list of GET /v1/me/interviews is the first page, item for item (same fields, same order).
      const all = await t.http.get('/v1/me/interviews/completed').set(alice.auth).expect(200);
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(expected);
      const mine = await t.http.get('/v1/me/interviews').set(alice.auth).expect(200);
      expect(mine.body.completed).toEqual(all.body.items);
      expect((await t.http.get('/v1/me/interviews?limit=2').set(alice.auth).expect(200)).body.completed).toEqual(first.body.items);

      const byName = await t.http.get('/v1/me/interviews/completed?q=quinn&withTotal=true').set(alice.auth).expect(200);
      expect(byName.body).toEqual({ items: [expect.objectContaining({ id: ids[3] })], nextCursor: null, total: 1 });
      const byTitle = await t.http
        .get(`/v1/me/interviews/completed?q=${encodeURIComponent(scene.role.title.slice(1, 6).toUpperCase())}&withTotal=true`)
        .set(alice.auth)
        .expect(200);
      expect(byTitle.body.total).toBe(4);
      const wildcard = await t.http.get('/v1/me/interviews/completed?q=%25&withTotal=true').set(alice.auth).expect(200);
      expect(wildcard.body).toEqual({ items: [], nextCursor: null, total: 0 });

      // Only the caller's own submissions: Bob submitted none, the recruiter is on no panel.
      expect((await t.http.get('/v1/me/interviews/completed?withTotal=true').set(bob.auth).expect(200)).body).toEqual({
        items: [],
        nextCursor: null,
        total: 0,
      });
      await t.http.post(`/v1/interviews/${ids[0]}/scorecard/submit`).set(bob.auth).send(completeScorecard(technical)).expect(200);
      const bobs = await t.http.get('/v1/me/interviews/completed').set(bob.auth).expect(200);
      expect(bobs.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
      expect((await t.http.get('/v1/me/interviews/completed').set(recruiter.auth).expect(200)).body.items).toEqual([]);

      // Another organization sees none of them, not even with this organization's cursor.
      const other = await createHiringScene(t, { candidateName: 'Quinn Lookup' });
      const outsider = other.team.interviewers[0];
      const theirs = await t.http
        .get(`/v1/me/interviews/completed?q=quinn&withTotal=true&cursor=${first.body.nextCursor}`)
        .set(outsider.auth)
        .expect(200);
      expect(theirs.body).toEqual({ items: [], nextCursor: null, total: 0 });
    });

    it('refuses bad paging input with field-level messages and needs a signed-in member', async () => {
      const scene = await createHiringScene(t);
      const [alice] = scene.team.interviewers;
      for (const query of [
        'limit=0',
        'limit=101',
        'withTotal=maybe',
        `q=${'x'.repeat(201)}`,
        'cursor=not-a-cursor',
        `cursor=${Buffer.from('["x","y"]').toString('base64url')}`,
      ]) {
        const res = await t.http.get(`/v1/me/interviews/completed?${query}`).set(alice.auth).expect(400);
        expect(fields(res).length).toBe(1);
      }
      await t.http.get('/v1/me/interviews/completed').expect(401);
    });
  });

  describe('the interview kit', () => {
    it("gives the assigned interviewer the round, rubric, signals, questions and their own scorecard — nothing of others'", async () => {
      const scene = await createHiringScene(t, { candidateName: 'Robin Example' });
      const { recruiter, hiringManager, admin, interviewers } = scene.team;
      const [alice, bob, carol] = interviewers;
      const round = scene.role.rounds.technical;
      const window = interviewWindow(-2);
      const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice, bob], window);

      const kit = await t.http.get(`/v1/interviews/${interviewId}/kit`).set(alice.auth).expect(200);
      expect(kit.body).toEqual({
        interview: { id: interviewId, applicationId: scene.applicationId, status: 'scheduled', ...window },
        candidate: { name: 'Robin Example' },
        role: { id: scene.role.roleId, title: scene.role.title, level: 'L5' },
        loopVersion: { id: scene.role.loopVersionId, number: 1 },
        ratingScale: 'four_point',
        scaleLevels: [
          { value: 1, key: 'strong_against', label: expect.any(String) },
          { value: 2, key: 'against', label: expect.any(String) },
          { value: 3, key: 'for', label: expect.any(String) },
          { value: 4, key: 'strong_for', label: expect.any(String) },
        ],
        round: { id: round.id, name: 'Technical interview', kind: 'technical', durationMinutes: 60 },
        focusDimensions: [scene.role.dimensions.coding, scene.role.dimensions.communication].map((d) => ({
          id: d.id,
          name: d.name,
          description: d.description,
          rubric: d.rubric,
          required: true,
          signals: d.signals,
        })),
        questions: round.questions.map((q) => ({
          id: q.id,
          prompt: q.prompt,
          pointsOfAssessment: q.pointsOfAssessment,
          pitfalls: q.pitfalls,
          followUps: q.followUps,
        })),
        minEvidenceLength: 20,
        myScorecard: null,
      });
      expect(kit.body.focusDimensions[0].rubric).toEqual({
        '1': expect.any(String),
        '2': expect.any(String),
        '3': expect.any(String),
        '4': expect.any(String),
      });

      // Bob submits on the same interview; Alice's kit shows her own draft and nothing of Bob's.
      const bobsEvidence = 'Bob-only evidence: solved it in linear time with a clean design.';
      await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(bob.auth)
        .send({ ...completeScorecard(round, { evidence: bobsEvidence, recommendation: 'strong_no' }), privateNote: 'Bob private' })
        .expect(200);
      await t.http.put(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).send({ recommendation: 'yes', privateNote: 'mine' }).expect(200);
      const again = await t.http.get(`/v1/interviews/${interviewId}/kit`).set(alice.auth).expect(200);
      expect(again.body.myScorecard).toMatchObject({ interviewerId: alice.memberId, status: 'draft', recommendation: 'yes', privateNote: 'mine' });
      const text = JSON.stringify(again.body);
      for (const secret of [bobsEvidence, 'Bob private', 'strong_no', bob.memberId]) expect(text).not.toContain(secret);

      // Once submitted and amended, the kit's own scorecard (read in the kit's one statement) is the scorecard's view
      // (read with its own statements): the author's name, the revisions and the amendment.
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
      await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/amend`)
        .set(alice.auth)
        .send({ ...completeScorecard(round, { recommendation: 'strong_yes' }), reason: 'Rechecked my notes' })
        .expect(200);
      const amendedKit = await t.http.get(`/v1/interviews/${interviewId}/kit`).set(alice.auth).expect(200);
      const ownView = await t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).expect(200);
      // The kit leaves out each revision's full content (GET …/scorecard has it); everything else is the same.
      const withoutContent = (view: { history: object[] }) => ({
        ...view,
        history: view.history.map(({ content: _, ...rest }: { content?: unknown }) => rest),
      });
      expect(withoutContent(amendedKit.body.myScorecard)).toEqual(withoutContent(ownView.body));
      expect(amendedKit.body.myScorecard.history).toHaveLength(2);
      expect(amendedKit.body.myScorecard).toMatchObject({
        interviewerName: alice.name,
        recommendation: 'strong_yes',
        amendments: [{ reason: 'Rechecked my notes' }],
      });
      expect(JSON.stringify(amendedKit.body)).not.toContain(bobsEvidence);

      // Readers who prepare loops see the kit without a scorecard; others are refused.
      for (const reader of [recruiter, hiringManager, admin]) {
        const res = await t.http.get(`/v1/interviews/${interviewId}/kit`).set(reader.auth).expect(200);
        expect(res.body.myScorecard).toBeNull();
        expect(JSON.stringify(res.body)).not.toContain(bobsEvidence);
      }
      expect((await t.http.get(`/v1/interviews/${interviewId}/kit`).set(carol.auth).expect(403)).body.code).toBe('not_assigned');
      const otherHm = await addMember(t, admin, ['hiring_manager']);
      await t.http.get(`/v1/interviews/${interviewId}/kit`).set(otherHm.auth).expect(403);
      const stranger = await signupOrganization(t);
      await t.http.get(`/v1/interviews/${interviewId}/kit`).set(stranger.auth).expect(404);
      await t.http.get(`/v1/interviews/${randomUUID()}/kit`).set(alice.auth).expect(404);
      await t.http.get('/v1/interviews/not-a-uuid/kit').set(alice.auth).expect(404);
    });
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/candidates',
      '/v1/candidates/{id}',
      '/v1/applications',
      '/v1/applications/{id}',
      '/v1/applications/{id}/interviews',
      '/v1/applications/{id}/scorecards',
      '/v1/me/interviews',
      '/v1/me/interviews/completed',
      '/v1/interviews/{id}/kit',
      '/v1/interviews/{id}/scorecard',
      '/v1/interviews/{id}/scorecard/submit',
      '/v1/interviews/{id}/scorecard/amend',
      '/v1/interviews/{id}/scorecard/withdraw',
      '/v1/scorecards/{id}',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/v1/interviews/{id}/scorecard/submit'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
    );
    expect(Object.keys(doc.components.schemas.RatingInputDto.properties).sort()).toEqual([
      'dimensionId',
      'evidence',
      'notAssessed',
      'notAssessedReason',
      'rating',
    ]);
  });
});
