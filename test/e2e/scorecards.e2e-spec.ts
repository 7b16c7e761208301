import { randomUUID } from 'node:crypto';
import {
  Actor,
  addLoopVersion,
  addMember,
  completeScorecard,
  createHiringScene,
  createOpenRole,
  createTestApp,
  HiringScene,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TestApp,
} from '@hireloop/testing';

describe('scorecards: blind feedback, idempotent submission, validation, amendments, audit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];
  const codes = (res: { body: { errors?: { field: string; code?: string }[] } }) => (res.body.errors ?? []).map((e) => [e.field, e.code]);

  async function outboxRows(applicationId: string) {
    return t.dataSource.query(`SELECT queue, job_name, payload, dedupe_key FROM outbox_messages WHERE payload->>'applicationId' = $1 ORDER BY id`, [
      applicationId,
    ]);
  }
  /** Exactly `n` requests to recompute this application's report, all on the panel-aggregation queue. */
  async function expectAggregationRequests(applicationId: string, n: number) {
    const rows = await outboxRows(applicationId);
    expect(rows).toHaveLength(n);
    for (const row of rows)
      expect(row).toMatchObject({
        queue: 'panel-aggregation',
        job_name: 'aggregate-panel',
        payload: { applicationId },
        dedupe_key: `aggregate:${applicationId}`,
      });
  }
  async function revisions(scorecardId: string) {
    return t.dataSource.query(`SELECT revision, kind, reason FROM scorecard_revisions WHERE scorecard_id = $1 ORDER BY revision`, [scorecardId]);
  }
  async function ratingRows(scorecardId: string) {
    return t.dataSource.query(
      `SELECT dimension_id AS "dimensionId", rating, role_id AS "roleId", interviewer_id AS "interviewerId" FROM scorecard_ratings WHERE scorecard_id = $1 ORDER BY dimension_id`,
      [scorecardId],
    );
  }
  const list = (scene: HiringScene, actor: Actor) => t.http.get(`/v1/applications/${scene.applicationId}/scorecards`).set(actor.auth);

  describe('three people: a recruiter schedules, two interviewers submit, the hiring manager reads everything', () => {
    it('keeps feedback blind at each step', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, hiringManager, admin, interviewers } = scene.team;
      const [alice, bob, carol] = interviewers;
      const { technical, design } = scene.role.rounds;
      const { coding, communication } = scene.role.dimensions;

      const aliceInterview = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice]);
      const bobInterview = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [bob]);

      // Nobody has submitted: interviewers on the panel are blind, others are not on the panel.
      for (const interviewer of [alice, bob]) {
        const res = await list(scene, interviewer).expect(403);
        expect(res.body).toMatchObject({ status: 403, code: 'feedback_blind' });
      }
      expect((await list(scene, carol).expect(403)).body.code).toBe('not_on_panel');
      expect((await list(scene, hiringManager).expect(200)).body).toEqual({ items: [], nextCursor: null });
      expect((await list(scene, recruiter).expect(200)).body.items).toEqual([]);

      // A draft is the author's alone.
      const draft = await t.http
        .put(`/v1/interviews/${aliceInterview}/scorecard`)
        .set(alice.auth)
        .send({ ratings: [{ dimensionId: coding.id, rating: 2 }], privateNote: 'draft note' })
        .expect(200);
      expect(draft.body).toMatchObject({
        status: 'draft',
        revision: 0,
        ratings: [{ dimensionId: coding.id, rating: 2, evidence: null }],
        privateNote: 'draft note',
        history: [],
      });
      expect((await list(scene, hiringManager).expect(200)).body.items).toEqual([]);
      await t.http.get(`/v1/scorecards/${draft.body.id}`).set(hiringManager.auth).expect(404);
      await list(scene, alice).expect(403);
      expect(await outboxRows(scene.applicationId)).toHaveLength(0);

      // Alice submits.
      const aliceBody = {
        ratings: [
          { dimensionId: coding.id, rating: 4, evidence: 'Implemented the LRU cache with tests for every edge case.' },
          { dimensionId: communication.id, rating: 3, evidence: 'Explained the approach clearly before writing code.' },
        ],
        recommendation: 'strong_yes',
        signals: [{ dimensionId: coding.id, kind: 'strong', text: 'Tests edge cases' }],
        levelAssessment: 'above',
        privateNote: 'Would fight to hire.',
      };
      const aliceCard = await t.http.post(`/v1/interviews/${aliceInterview}/scorecard/submit`).set(alice.auth).send(aliceBody).expect(200);
      expect(aliceCard.body).toMatchObject({
        id: draft.body.id,
        status: 'submitted',
        revision: 1,
        interviewerId: alice.memberId,
        interviewerName: 'Alice Interviewer',
        loopVersionId: scene.role.loopVersionId,
        recommendation: 'strong_yes',
        levelAssessment: 'above',
        privateNote: 'Would fight to hire.',
        history: [{ revision: 1, kind: 'submitted', reason: null, actorMemberId: alice.memberId }],
      });
      expect(aliceCard.body.submittedAt).toEqual(expect.any(String));
      expect(await ratingRows(aliceCard.body.id)).toEqual(
        [
          { dimensionId: coding.id, rating: 4, roleId: scene.role.roleId, interviewerId: alice.memberId },
          { dimensionId: communication.id, rating: 3, roleId: scene.role.roleId, interviewerId: alice.memberId },
        ].sort((a, b) => (a.dimensionId < b.dimensionId ? -1 : 1)),
      );
      const outbox = await outboxRows(scene.applicationId);
      expect(outbox).toEqual([
        {
          queue: 'panel-aggregation',
          job_name: 'aggregate-panel',
          payload: { organizationId: scene.team.admin.organizationId, applicationId: scene.applicationId },
          dedupe_key: `aggregate:${scene.applicationId}`,
        },
      ]);

      // Alice now reads the panel (only her own so far); Bob is still blind, also on Alice's scorecard itself.
      const aliceView = await list(scene, alice).expect(200);
      expect(aliceView.body.items.map((s: { id: string }) => s.id)).toEqual([aliceCard.body.id]);
      expect(aliceView.body.items[0].privateNote).toBe('Would fight to hire.');
      expect((await list(scene, bob).expect(403)).body.code).toBe('feedback_blind');
      expect((await t.http.get(`/v1/scorecards/${aliceCard.body.id}`).set(bob.auth).expect(403)).body.code).toBe('feedback_blind');

      // Bob submits, with one dimension not assessed.
      const bobCard = await t.http
        .post(`/v1/interviews/${bobInterview}/scorecard/submit`)
        .set(bob.auth)
        .send({
          ratings: [
            { dimensionId: scene.role.dimensions.design.id, rating: 2, evidence: 'Designed only the happy path; no thought on failures.' },
            { dimensionId: communication.id, notAssessed: true, notAssessedReason: 'Ran out of time to probe it' },
          ],
          recommendation: 'no',
          redFlags: ['Dismisses trade-offs'],
          privateNote: 'Not convinced at all.',
        })
        .expect(200);
      expect(bobCard.body.ratings).toEqual([
        {
          dimensionId: scene.role.dimensions.design.id,
          rating: 2,
          evidence: 'Designed only the happy path; no thought on failures.',
          notAssessed: false,
          notAssessedReason: null,
        },
        { dimensionId: communication.id, rating: null, evidence: null, notAssessed: true, notAssessedReason: 'Ran out of time to probe it' },
      ]);
      expect(await ratingRows(bobCard.body.id)).toEqual([
        { dimensionId: scene.role.dimensions.design.id, rating: 2, roleId: scene.role.roleId, interviewerId: bob.memberId },
      ]);
      await expectAggregationRequests(scene.applicationId, 2);

      // After submitting, each interviewer reads the panel — others' private notes hidden, their own shown.
      const bobView = await list(scene, bob).expect(200);
      const byId = (res: { body: { items: { id: string }[] } }) =>
        Object.fromEntries(res.body.items.map((s) => [s.id, s])) as Record<string, Record<string, unknown>>;
      expect(Object.keys(byId(bobView)).sort()).toEqual([aliceCard.body.id, bobCard.body.id].sort());
      expect(byId(bobView)[aliceCard.body.id]).not.toHaveProperty('privateNote');
      // The list names each rating's dimension (additive: the submit response has no names), also a dimension
      // outside the reader's round (Bob sat the design round; Coding belongs to the technical round only).
      expect(byId(bobView)[aliceCard.body.id].recommendation).toBe('strong_yes');
      expect(byId(bobView)[aliceCard.body.id].ratings).toEqual(
        aliceCard.body.ratings.map((r: { dimensionId: string }) => ({
          ...r,
          dimensionName: r.dimensionId === coding.id ? 'Coding' : 'Communication',
        })),
      );
      expect(design.focusDimensionIds).not.toContain(coding.id);
      expect(
        (byId(bobView)[aliceCard.body.id].ratings as { dimensionId: string; dimensionName: string }[]).find((r) => r.dimensionId === coding.id)
          ?.dimensionName,
      ).toBe('Coding');
      expect(byId(bobView)[bobCard.body.id].ratings).toEqual(
        bobCard.body.ratings.map((r: { dimensionId: string }) => ({
          ...r,
          dimensionName: r.dimensionId === communication.id ? 'Communication' : 'System design',
        })),
      );
      expect(byId(bobView)[bobCard.body.id].privateNote).toBe('Not convinced at all.');
      const aliceAfter = byId(await list(scene, alice).expect(200));
      expect(aliceAfter[bobCard.body.id]).not.toHaveProperty('privateNote');
      const bobReadsAlice = await t.http.get(`/v1/scorecards/${aliceCard.body.id}`).set(bob.auth).expect(200);
      expect(bobReadsAlice.body).not.toHaveProperty('privateNote');
      expect(bobReadsAlice.body.history[0].content).not.toHaveProperty('privateNote');

      // The hiring manager and admins read everything, private notes included; recruiters everything but notes.
      for (const reader of [hiringManager, admin]) {
        const all = byId(await list(scene, reader).expect(200));
        expect(all[aliceCard.body.id].privateNote).toBe('Would fight to hire.');
        expect(all[bobCard.body.id].privateNote).toBe('Not convinced at all.');
      }
      const recruiterView = byId(await list(scene, recruiter).expect(200));
      expect(Object.keys(recruiterView)).toHaveLength(2);
      expect(recruiterView[aliceCard.body.id]).not.toHaveProperty('privateNote');
      const hmDetail = await t.http.get(`/v1/scorecards/${bobCard.body.id}`).set(hiringManager.auth).expect(200);
      expect(hmDetail.body.history).toEqual([
        expect.objectContaining({
          revision: 1,
          kind: 'submitted',
          content: expect.objectContaining({ privateNote: 'Not convinced at all.', recommendation: 'no' }),
        }),
      ]);

      // Still nothing for someone off the panel, another hiring manager, or another tenant.
      expect((await list(scene, carol).expect(403)).body.code).toBe('not_on_panel');
      await t.http.get(`/v1/scorecards/${aliceCard.body.id}`).set(carol.auth).expect(403);
      const otherHm = await addMember(t, admin, ['hiring_manager'], 'Other Manager');
      expect((await list(scene, otherHm).expect(403)).body.code).toBe('not_on_panel');
      const stranger = await signupOrganization(t);
      await list(scene, stranger).expect(404);
      await t.http.get(`/v1/scorecards/${aliceCard.body.id}`).set(stranger.auth).expect(404);
      await t.http.get(`/v1/applications/not-a-uuid/scorecards`).set(admin.auth).expect(404);
    });

    it('keeps an interviewer blind while one of their own interviews on the application still lacks a submission', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const first = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice, bob]);
      const second = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.design.id, [alice]);
      await t.http.post(`/v1/interviews/${first}/scorecard/submit`).set(bob.auth).send(completeScorecard(scene.role.rounds.technical)).expect(200);
      await t.http.post(`/v1/interviews/${first}/scorecard/submit`).set(alice.auth).send(completeScorecard(scene.role.rounds.technical)).expect(200);
      expect((await list(scene, alice).expect(403)).body.code).toBe('feedback_blind');
      await t.http.post(`/v1/interviews/${second}/scorecard/submit`).set(alice.auth).send(completeScorecard(scene.role.rounds.design)).expect(200);
      expect((await list(scene, alice).expect(200)).body.items).toHaveLength(3);
    });

    it('pages the feedback list with the API convention', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, hiringManager, interviewers } = scene.team;
      const interview = await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.technical.id, interviewers);
      for (const i of interviewers)
        await t.http
          .post(`/v1/interviews/${interview}/scorecard/submit`)
          .set(i.auth)
          .send(completeScorecard(scene.role.rounds.technical))
          .expect(200);
      const page1 = await t.http.get(`/v1/applications/${scene.applicationId}/scorecards?limit=2`).set(hiringManager.auth).expect(200);
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.nextCursor).toEqual(expect.any(String));
      const page2 = await t.http
        .get(`/v1/applications/${scene.applicationId}/scorecards?limit=2&cursor=${page1.body.nextCursor}`)
        .set(hiringManager.auth)
        .expect(200);
      expect(page2.body.items).toHaveLength(1);
      expect(page2.body.nextCursor).toBeNull();
      const ids = [...page1.body.items, ...page2.body.items].map((s: { interviewerId: string }) => s.interviewerId).sort();
      expect(ids).toEqual(interviewers.map((i) => i.memberId).sort());
    });
  });

  describe('idempotent submission', () => {
    async function submitted(scene: HiringScene) {
      const [alice] = scene.team.interviewers;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      return { alice, interviewId };
    }

    it('replays the same key and body, refuses the same key with another body', async () => {
      const scene = await createHiringScene(t);
      const { alice, interviewId } = await submitted(scene);
      const body = completeScorecard(scene.role.rounds.technical, { privateNote: 'note' });
      const key = randomUUID();
      const first = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(200);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await revisions(first.body.id)).toHaveLength(1);
      expect(await outboxRows(scene.applicationId)).toHaveLength(1);

      const reuse = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send({ ...body, recommendation: 'no' })
        .expect(422);
      expect(reuse.body).toMatchObject({ status: 422, code: 'idempotency_key_reuse' });
      expect(await revisions(first.body.id)).toHaveLength(1);
    });

    it('treats an identical re-submission without a key as the same scorecard, and a different one as a conflict', async () => {
      const scene = await createHiringScene(t);
      const { alice, interviewId } = await submitted(scene);
      const body = completeScorecard(scene.role.rounds.technical);
      const first = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(body).expect(200);
      // Same content, differently spelled (padding) — still the same scorecard.
      const padded = { ...body, ratings: body.ratings.map((r) => ({ ...r, evidence: `  ${r.evidence}  ` })) };
      const second = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(padded).expect(200);
      expect(second.body).toMatchObject({ id: first.body.id, revision: 1, updatedAt: first.body.updatedAt });
      expect(await revisions(first.body.id)).toHaveLength(1);
      expect(await outboxRows(scene.applicationId)).toHaveLength(1);

      const changed = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .send(completeScorecard(scene.role.rounds.technical, { rating: 1 }))
        .expect(409);
      expect(changed.body).toMatchObject({ code: 'already_submitted', scorecardId: first.body.id });
      const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM scorecards WHERE interview_id = $1`, [interviewId]);
      expect(count[0].n).toBe(1);
    });

    it('makes concurrent submissions with one key a single scorecard revision', async () => {
      const scene = await createHiringScene(t);
      const { alice, interviewId } = await submitted(scene);
      const body = completeScorecard(scene.role.rounds.technical);
      const key = `retry-${randomUUID()}`;
      const results = await Promise.all(
        [0, 1, 2].map(() => t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).set('Idempotency-Key', key).send(body)),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      expect(await revisions(results[0].body.id)).toHaveLength(1);
      expect(await outboxRows(scene.applicationId)).toHaveLength(1);
      // Concurrent submissions without a key also end as one revision.
      const other = await createHiringScene(t);
      const o = await submitted(other);
      const plain = await Promise.all(
        [0, 1].map(() =>
          t.http.post(`/v1/interviews/${o.interviewId}/scorecard/submit`).set(o.alice.auth).send(completeScorecard(other.role.rounds.technical)),
        ),
      );
      expect(plain.map((r) => r.status)).toEqual([200, 200]);
      expect(await revisions(plain[0].body.id)).toHaveLength(1);
    });

    it('keeps keys per member and refuses malformed keys', async () => {
      const scene = await createHiringScene(t);
      const [alice, bob] = scene.team.interviewers;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice, bob]);
      const body = completeScorecard(scene.role.rounds.technical);
      const a = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', 'same-key')
        .send(body)
        .expect(200);
      const b = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(bob.auth)
        .set('Idempotency-Key', 'same-key')
        .send(body)
        .expect(200);
      expect(b.body.id).not.toBe(a.body.id);
      expect(b.body.interviewerId).toBe(bob.memberId);
      const bad = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', 'x'.repeat(201))
        .send(body)
        .expect(400);
      expect(fields(bad)).toEqual(['Idempotency-Key']);
    });

    it('does not store a failed request under its key, so it can be retried with the same key', async () => {
      const scene = await createHiringScene(t);
      const { alice, interviewId } = await submitted(scene);
      const key = randomUUID();
      const body = completeScorecard(scene.role.rounds.technical);
      await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', key)
        .send({ ...body, ratings: body.ratings.slice(1) })
        .expect(400);
      // Same key, corrected body: not a reuse, because the failed attempt stored nothing.
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).set('Idempotency-Key', key).send(body).expect(200);
    });
  });

  describe('validation', () => {
    it('lists every problem of an incomplete submission at once, in words, next to its field', async () => {
      const scene = await createHiringScene(t);
      const [alice] = scene.team.interviewers;
      const round = scene.role.rounds.technical;
      const { coding, communication } = scene.role.dimensions;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
      const submit = (body: object) => t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(body);

      const empty = await submit({}).expect(400);
      expect(empty.body.code).toBe('validation_failed');
      expect(empty.body.errors).toEqual([
        { field: 'ratings', code: 'missing_dimension', message: `Rate "${coding.name}" with evidence, or mark it not assessed and say why.` },
        { field: 'ratings', code: 'missing_dimension', message: `Rate "${communication.name}" with evidence, or mark it not assessed and say why.` },
        { field: 'recommendation', code: 'required', message: 'Choose your recommendation: strong no hire, no hire, hire or strong hire.' },
      ]);

      // Half filled in: a rating without evidence, an unrated dimension, a not-assessed one without reason, no recommendation.
      const half = await submit({
        ratings: [
          { dimensionId: coding.id, rating: 3 },
          { dimensionId: communication.id, notAssessed: true },
        ],
      }).expect(400);
      expect(codes(half)).toEqual([
        ['ratings.0.evidence', 'evidence_required'],
        ['ratings.1.notAssessedReason', 'reason_required'],
        ['recommendation', 'required'],
      ]);
      expect(half.body.errors[0].message).toBe(`Write the evidence for "${coding.name}": what the candidate said or did (at least 20 characters).`);
      // Type mistakes come with the field's label in words; the machine-readable field and code stay.
      const typed = await submit({ ratings: [{ dimensionId: 'coding', rating: 3 }], recommendation: 'strong_maybe' }).expect(400);
      expect(typed.body.errors).toEqual(
        expect.arrayContaining([
          { field: 'ratings.0.dimensionId', code: 'isUuid', message: "Dimension (ratings, item 1): choose one of the role's dimensions." },
          { field: 'recommendation', code: 'isIn', message: 'Recommendation: choose strong no hire, no hire, hire or strong hire.' },
        ]),
      );
      expect(typed.body.detail).toBe('Check Dimension (ratings, item 1), Recommendation.');
      expect((await t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth)).body?.status ?? 'none').not.toBe('submitted');
    });

    it('answers 400 naming the field for each kind of mistake, and stores nothing', async () => {
      const scene = await createHiringScene(t);
      const [alice] = scene.team.interviewers;
      const round = scene.role.rounds.technical;
      const { coding, communication, design } = scene.role.dimensions;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
      const submit = (body: unknown) =>
        t.http
          .post(`/v1/interviews/${interviewId}/scorecard/submit`)
          .set(alice.auth)
          .send(body as object);
      const good = completeScorecard(round);
      const evidence = good.ratings[0].evidence;

      const outOfRange = await submit({ ...good, ratings: [{ ...good.ratings[0], rating: 5 }, good.ratings[1]] }).expect(400);
      expect(outOfRange.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'ratings.0.rating',
            message: 'Choose a rating for "Coding": a level from 1 to 4 (the four-point scale of loop version 1).',
          }),
        ]),
      );
      expect(fields(await submit({ ...good, ratings: [good.ratings[0], { ...good.ratings[1], rating: 0 }] }).expect(400))).toContain(
        'ratings.1.rating',
      );
      expect(fields(await submit({ ...good, ratings: [{ ...good.ratings[0], rating: '3' }, good.ratings[1]] }).expect(400))).toContain(
        'ratings.0.rating',
      );
      expect(codes(await submit({ ...good, ratings: [{ dimensionId: coding.id, evidence }, good.ratings[1]] }).expect(400))).toEqual([
        ['ratings.0.rating', 'rating_required'],
      ]);

      const unknown = await submit({ ...good, ratings: [...good.ratings, { dimensionId: randomUUID(), rating: 3, evidence }] }).expect(400);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ field: 'ratings.2.dimensionId', code: 'unknown_dimension', message: expect.stringContaining('loop version 1') }),
      ]);
      const notFocus = await submit({ ...good, ratings: [...good.ratings, { dimensionId: design.id, rating: 3, evidence }] }).expect(400);
      expect(notFocus.body.errors).toEqual([
        {
          field: 'ratings.2.dimensionId',
          code: 'not_focus_dimension',
          message: '"System design" is not a focus of this round in loop version 1; rate only the round\'s focus dimensions.',
        },
      ]);
      const otherRole = await createOpenRole(t.dataSource, scene.team.admin.organizationId, { hiringManagerId: null });
      expect(
        codes(
          await submit({ ...good, ratings: [...good.ratings, { dimensionId: otherRole.dimensions.coding.id, rating: 3, evidence }] }).expect(400),
        ),
      ).toEqual([['ratings.2.dimensionId', 'unknown_dimension']]);
      expect(codes(await submit({ ...good, ratings: [...good.ratings, { ...good.ratings[0] }] }).expect(400))).toEqual([
        ['ratings.2.dimensionId', 'duplicate_dimension'],
      ]);
      expect(fields(await submit({ ...good, ratings: [{ ...good.ratings[0], dimensionId: 'coding' }, good.ratings[1]] }).expect(400))).toContain(
        'ratings.0.dimensionId',
      );

      const missing = await submit({ ...good, ratings: [good.ratings[0]] }).expect(400);
      expect(missing.body.errors).toEqual([
        { field: 'ratings', code: 'missing_dimension', message: 'Rate "Communication" with evidence, or mark it not assessed and say why.' },
      ]);

      expect(codes(await submit({ ...good, ratings: [{ dimensionId: coding.id, rating: 3 }, good.ratings[1]] }).expect(400))).toEqual([
        ['ratings.0.evidence', 'evidence_required'],
      ]);
      const short = await submit({ ...good, ratings: [{ dimensionId: coding.id, rating: 3, evidence: 'Good.' }, good.ratings[1]] }).expect(400);
      expect(short.body.errors).toEqual([
        { field: 'ratings.0.evidence', code: 'evidence_too_short', message: 'The evidence for "Coding" needs at least 20 characters (it has 5).' },
      ]);

      expect(codes(await submit({ ...good, ratings: [good.ratings[0], { dimensionId: communication.id, notAssessed: true }] }).expect(400))).toEqual([
        ['ratings.1.notAssessedReason', 'reason_required'],
      ]);
      expect(
        codes(
          await submit({
            ...good,
            ratings: [good.ratings[0], { dimensionId: communication.id, notAssessed: true, rating: 2, notAssessedReason: 'No time left' }],
          }).expect(400),
        ),
      ).toEqual([['ratings.1.rating', 'rating_with_not_assessed']]);

      expect(codes(await submit({ ...good, signals: [{ dimensionId: coding.id, kind: 'strong', text: 'Juggles well' }] }).expect(400))).toEqual([
        ['signals.0.text', 'unknown_signal'],
      ]);
      expect(
        codes(await submit({ ...good, signals: [{ dimensionId: design.id, kind: 'strong', text: 'Names trade-offs unprompted' }] }).expect(400)),
      ).toEqual([['signals.0.dimensionId', 'not_focus_dimension']]);
      expect(
        fields(await submit({ ...good, signals: [{ dimensionId: coding.id, kind: 'medium', text: 'Tests edge cases' }] }).expect(400)),
      ).toContain('signals.0.kind');
      expect(codes(await submit({ ...good, redFlags: ['Seemed nervous'] }).expect(400))).toEqual([['redFlags.0', 'unknown_red_flag']]);
      expect(fields(await submit({ ...good, recommendation: 'maybe' }).expect(400))).toEqual(['recommendation']);
      expect(fields(await submit({ ratings: good.ratings }).expect(400))).toEqual(['recommendation']);
      expect(fields(await submit({ ...good, levelAssessment: 'way_above' }).expect(400))).toEqual(['levelAssessment']);
      expect(fields(await submit({ ...good, ratings: 'all good' }).expect(400))).toContain('ratings');
      expect(fields(await submit({ ...good, ratings: [{ ...good.ratings[0], stars: 5 }, good.ratings[1]] }).expect(400))).toContain(
        'ratings.0.stars',
      );
      expect(fields(await submit({ ...good, extra: 1 }).expect(400))).toContain('extra');
      const malformed = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('content-type', 'application/json')
        .send('{"ratings": [')
        .expect(400);
      expect(malformed.body.code).toBe('invalid_json');

      // Several mistakes at once are reported together.
      const many = await submit({
        ratings: [
          { dimensionId: coding.id, rating: 3, evidence: 'meh' },
          { dimensionId: design.id, rating: 2, evidence },
        ],
        recommendation: 'yes',
        redFlags: ['x'],
      }).expect(400);
      expect(codes(many)).toEqual([
        ['ratings.0.evidence', 'evidence_too_short'],
        ['ratings.1.dimensionId', 'not_focus_dimension'],
        ['ratings', 'missing_dimension'],
        ['redFlags.0', 'unknown_red_flag'],
      ]);

      // None of it stored anything.
      expect(await t.dataSource.query(`SELECT id FROM scorecards WHERE interview_id = $1`, [interviewId])).toEqual([]);
      expect(await outboxRows(scene.applicationId)).toEqual([]);

      // The organization's minimum applies, and the message says so.
      await t.http.patch('/v1/organization').set(scene.team.admin.auth).send({ minEvidenceLength: 80 }).expect(200);
      const longer = await submit(good).expect(400);
      expect(longer.body.errors[0]).toMatchObject({
        field: 'ratings.0.evidence',
        message: expect.stringMatching(/^The evidence for "Coding" needs at least 80 characters/),
      });
      await t.http.patch('/v1/organization').set(scene.team.admin.auth).send({ minEvidenceLength: 20 }).expect(200);
      await submit(good).expect(200);
    });

    it("checks against the interview's own loop version, not the role's newest", async () => {
      const scene = await createHiringScene(t);
      const [alice, bob] = scene.team.interviewers;
      const before = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice]);
      let leadership = scene.role.dimensions.coding;
      const v2 = await addLoopVersion(t.dataSource, scene.role, (snapshot, add) => {
        leadership = add('Leadership');
        snapshot.dimensions.push(leadership);
        snapshot.rounds[0].focusDimensionIds.push(leadership.id);
        return snapshot;
      });
      const after = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, v2.rounds.technical.id, [bob]);
      const evidence = 'Led the discussion and drove decisions well.';

      const v1Card = completeScorecard(scene.role.rounds.technical);
      const wrongVersion = await t.http
        .post(`/v1/interviews/${before}/scorecard/submit`)
        .set(alice.auth)
        .send({ ...v1Card, ratings: [...v1Card.ratings, { dimensionId: leadership.id, rating: 3, evidence }] })
        .expect(400);
      expect(wrongVersion.body.errors).toEqual([
        expect.objectContaining({
          field: 'ratings.2.dimensionId',
          message: `Choose one of the role's dimensions (${leadership.id} is not one of loop version 1).`,
        }),
      ]);
      const ok = await t.http.post(`/v1/interviews/${before}/scorecard/submit`).set(alice.auth).send(v1Card).expect(200);
      expect(ok.body.loopVersionId).toBe(scene.role.loopVersionId);

      const missing = await t.http.post(`/v1/interviews/${after}/scorecard/submit`).set(bob.auth).send(v1Card).expect(400);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ field: 'ratings', code: 'missing_dimension', message: expect.stringContaining('"Leadership"') }),
      ]);
      const v2Card = await t.http
        .post(`/v1/interviews/${after}/scorecard/submit`)
        .set(bob.auth)
        .send(completeScorecard(v2.rounds.technical))
        .expect(200);
      expect(v2Card.body.loopVersionId).toBe(v2.loopVersionId);
    });

    it('lets only assigned interviewers write, only for held interviews', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, hiringManager, admin, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const round = scene.role.rounds.technical;
      const body = completeScorecard(round);
      const past = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice]);
      for (const someone of [bob, recruiter, hiringManager, admin]) {
        const res = await t.http.post(`/v1/interviews/${past}/scorecard/submit`).set(someone.auth).send(body).expect(403);
        expect(res.body.code).toBe('not_assigned');
        await t.http.put(`/v1/interviews/${past}/scorecard`).set(someone.auth).send({}).expect(403);
      }
      const stranger = await signupOrganization(t);
      await t.http.post(`/v1/interviews/${past}/scorecard/submit`).set(stranger.auth).send(body).expect(404);
      await t.http.post(`/v1/interviews/${randomUUID()}/scorecard/submit`).set(alice.auth).send(body).expect(404);

      const future = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice], interviewWindow(48));
      await t.http.put(`/v1/interviews/${future}/scorecard`).set(alice.auth).send({ recommendation: 'yes' }).expect(200);
      expect((await t.http.post(`/v1/interviews/${future}/scorecard/submit`).set(alice.auth).send(body).expect(409)).body.code).toBe(
        'interview_not_started',
      );

      const cancelled = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice]);
      await t.http.post(`/v1/interviews/${cancelled}/cancel`).set(recruiter.auth).expect(200);
      expect((await t.http.post(`/v1/interviews/${cancelled}/scorecard/submit`).set(alice.auth).send(body).expect(409)).body.code).toBe(
        'interview_cancelled',
      );
    });

    it('checks drafts for shapes and dimensions but not completeness', async () => {
      const scene = await createHiringScene(t);
      const [alice] = scene.team.interviewers;
      const round = scene.role.rounds.technical;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
      const put = (body: object) => t.http.put(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).send(body);
      await put({}).expect(200);
      await put({
        ratings: [{ dimensionId: scene.role.dimensions.coding.id, rating: 3 }],
        signals: [{ dimensionId: scene.role.dimensions.coding.id, kind: 'weak', text: 'needs hints to finish' }],
      }).expect(200);
      expect(fields(await put({ ratings: [{ dimensionId: scene.role.dimensions.coding.id, rating: 7 }] }).expect(400))).toEqual(['ratings.0.rating']);
      expect(codes(await put({ ratings: [{ dimensionId: scene.role.dimensions.design.id, rating: 2 }] }).expect(400))).toEqual([
        ['ratings.0.dimensionId', 'not_focus_dimension'],
      ]);
      const own = await t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).expect(200);
      expect(own.body).toMatchObject({ status: 'draft', ratings: [{ rating: 3 }], signals: [{ kind: 'weak', text: 'Needs hints to finish' }] });
      expect(
        (
          await t.http
            .post(`/v1/interviews/${interviewId}/scorecard/amend`)
            .set(alice.auth)
            .send({ ...completeScorecard(round), reason: 'Changed my mind' })
            .expect(409)
        ).body.code,
      ).toBe('not_submitted');
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
      expect((await put({}).expect(409)).body.code).toBe('already_submitted');
    });
  });

  describe('amendments, withdrawal and the audit log', () => {
    it('records each amendment as a revision with its reason, audited before and after', async () => {
      const scene = await createHiringScene(t, { candidateName: 'Jane Doe' });
      const { admin, hiringManager, recruiter, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const round = scene.role.rounds.technical;
      const { coding } = scene.role.dimensions;
      const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice, bob]);
      const original = completeScorecard(round, {
        rating: 2,
        evidence: 'Jane struggled with the eviction policy at first.',
        privateNote: 'Doe was late',
      });
      const submitted = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(original).expect(200);
      const id = submitted.body.id;
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(bob.auth).send(completeScorecard(round)).expect(200);

      const amend = (body: object) => t.http.post(`/v1/interviews/${interviewId}/scorecard/amend`).set(alice.auth).send(body);
      expect(fields(await amend(original).expect(400))).toEqual(['reason']);
      expect(fields(await amend({ ...original, reason: 'meh' }).expect(400))).toEqual(['reason']);
      expect((await amend({ ...original, reason: 'Nothing changed really' }).expect(409)).body.code).toBe('no_changes');
      expect(codes(await amend({ ...original, ratings: [original.ratings[0]], reason: 'Dropping a rating' }).expect(400))).toEqual([
        ['ratings', 'missing_dimension'],
      ]);

      const changed = { ...original, ratings: [{ ...original.ratings[0], rating: 3 }, original.ratings[1]] };
      const amended = await amend({ ...changed, reason: "Re-read Jane's code: the eviction was right" }).expect(200);
      expect(amended.body).toMatchObject({ id, status: 'submitted', revision: 2, ratings: [{ dimensionId: coding.id, rating: 3 }, {}] });
      expect(amended.body.history).toEqual([
        expect.objectContaining({ revision: 1, kind: 'submitted', reason: null }),
        expect.objectContaining({
          revision: 2,
          kind: 'amended',
          reason: "Re-read Jane's code: the eviction was right",
          actorMemberId: alice.memberId,
        }),
      ]);
      expect((await ratingRows(id)).find((r: { dimensionId: string }) => r.dimensionId === coding.id).rating).toBe(3);
      await expectAggregationRequests(scene.applicationId, 3);

      // The history of contents is readable, private notes per the usual rule.
      const hmView = await t.http.get(`/v1/scorecards/${id}`).set(hiringManager.auth).expect(200);
      expect(hmView.body.history.map((h: { content: { ratings: { rating: number }[] } }) => h.content.ratings[0].rating)).toEqual([2, 3]);
      expect(hmView.body.history[0].content.privateNote).toBe('Doe was late');
      const bobView = await t.http.get(`/v1/scorecards/${id}`).set(bob.auth).expect(200);
      expect(bobView.body.history.map((h: { content: object }) => h.content)).toEqual([
        expect.not.objectContaining({ privateNote: expect.anything() }),
        expect.not.objectContaining({ privateNote: expect.anything() }),
      ]);

      // Audit: who, what, when, before and after — with the candidate's name masked in free text.
      const audit = await t.http.get(`/v1/audit-log?entityType=scorecard&entityId=${id}`).set(admin.auth).expect(200);
      const rows = [...audit.body.items].reverse();
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['scorecard.submitted', 'scorecard.amended']);
      const [sub, amd] = rows;
      expect(sub).toMatchObject({
        actorMemberId: alice.memberId,
        before: { status: 'draft', revision: 0, ratings: [] },
        after: { status: 'submitted', revision: 1, recommendation: 'yes' },
      });
      expect(amd).toMatchObject({
        actorMemberId: alice.memberId,
        before: { revision: 1, ratings: [{ dimensionId: coding.id, rating: 2 }, {}] },
        after: { revision: 2, ratings: [{ dimensionId: coding.id, rating: 3 }, {}], reason: "Re-read [candidate]'s code: the eviction was right" },
      });
      expect(amd.createdAt).toEqual(expect.any(String));
      expect(amd.after.ratings[0].evidence).toBe('[candidate] struggled with the eviction policy at first.');
      expect(amd.after.privateNote).toBe('[candidate] was late');
      expect(JSON.stringify(audit.body)).not.toMatch(/jane|doe/i);

      // Only admins read it; nobody edits it.
      for (const other of [recruiter, hiringManager, alice]) await t.http.get('/v1/audit-log').set(other.auth).expect(403);
      await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x' WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM audit_log WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);
    });

    it('withdraws with a reason, takes the numbers out, and can be amended back', async () => {
      const scene = await createHiringScene(t);
      const { admin, hiringManager, recruiter, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const round = scene.role.rounds.technical;
      const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice, bob]);
      const card = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(bob.auth).send(completeScorecard(round)).expect(200);
      expect(await ratingRows(card.body.id)).toHaveLength(2);

      const withdraw = (body: object) => t.http.post(`/v1/interviews/${interviewId}/scorecard/withdraw`).set(alice.auth).send(body);
      expect(fields(await withdraw({}).expect(400))).toEqual(['reason']);
      const withdrawn = await withdraw({ reason: 'Interviewed the wrong candidate profile' }).expect(200);
      expect(withdrawn.body).toMatchObject({
        status: 'withdrawn',
        revision: 2,
        history: [{ kind: 'submitted' }, { kind: 'withdrawn', reason: 'Interviewed the wrong candidate profile' }],
      });
      expect(await ratingRows(card.body.id)).toEqual([]);
      await expectAggregationRequests(scene.applicationId, 3);
      // Again: nothing changes.
      expect((await withdraw({ reason: 'Interviewed the wrong candidate profile' }).expect(200)).body.revision).toBe(2);
      await expectAggregationRequests(scene.applicationId, 3);

      // The hiring manager sees it as withdrawn; the panel no longer sees it; Alice no longer reads the panel.
      const hm = await list(scene, hiringManager).expect(200);
      expect(hm.body.items.find((s: { id: string }) => s.id === card.body.id).status).toBe('withdrawn');
      expect((await list(scene, bob).expect(200)).body.items.map((s: { id: string }) => s.id)).not.toContain(card.body.id);
      expect((await list(scene, alice).expect(403)).body.code).toBe('feedback_blind');
      expect(
        (await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(409)).body.code,
      ).toBe('scorecard_withdrawn');

      const back = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/amend`)
        .set(alice.auth)
        .send({ ...completeScorecard(round), reason: 'Withdrew by mistake' })
        .expect(200);
      expect(back.body).toMatchObject({ status: 'submitted', revision: 3 });
      expect(await ratingRows(card.body.id)).toHaveLength(2);
      await expectAggregationRequests(scene.applicationId, 4);

      const audit = await t.http.get(`/v1/audit-log?entityId=${card.body.id}`).set(admin.auth).expect(200);
      expect(audit.body.items.map((r: { action: string }) => r.action).reverse()).toEqual([
        'scorecard.submitted',
        'scorecard.withdrawn',
        'scorecard.amended',
      ]);
      expect(audit.body.items[1]).toMatchObject({
        before: { status: 'submitted', revision: 1 },
        after: { status: 'withdrawn', revision: 2, reason: 'Interviewed the wrong candidate profile' },
      });
    });

    it('serialises amendments and a withdrawal racing on one scorecard, beside an erasure of the candidate, without a deadlock', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const round = scene.role.rounds.technical;
      const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice, bob]);
      const card = await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
      const [{ candidate_id: candidateId }] = await t.dataSource.query(`SELECT candidate_id FROM applications WHERE id = $1`, [scene.applicationId]);

      // Each amendment locks the scorecard in its context statement (after the interview and the application, as the
      // erasure locks the application before the scorecards): all of them must land, one revision each, in some order.
      const amendments = [1, 2, 3, 4, 1, 2].map((rating, i) =>
        t.http
          .post(`/v1/interviews/${interviewId}/scorecard/amend`)
          .set(alice.auth)
          .send({
            ...completeScorecard(round, { rating, evidence: `Second look number ${i}: the tests told the story.` }),
            reason: `Second look ${i}`,
          }),
      );
      const withdrawal = t.http
        .post(`/v1/interviews/${interviewId}/scorecard/withdraw`)
        .set(alice.auth)
        .send({ reason: 'Wrong round, taking it back' });
      const erasure = t.http.delete(`/v1/candidates/${candidateId}`).set(recruiter.auth);
      const answers = await Promise.all([...amendments, withdrawal, erasure]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200, 204]);

      const history = await revisions(card.body.id);
      expect(history.map((r: { revision: number }) => r.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(history.filter((r: { kind: string }) => r.kind === 'amended')).toHaveLength(6);
      expect(history.filter((r: { kind: string }) => r.kind === 'withdrawn')).toHaveLength(1);
      // Every answer saw the scorecard as its own write left it: revisions handed out once each.
      const answered = answers.slice(0, 7).map((r) => r.body.revision);
      expect([...answered].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
      // The stored state is the last revision's, and the numeric rows follow it.
      const [stored] = await t.dataSource.query(`SELECT status, revision, ratings FROM scorecards WHERE id = $1`, [card.body.id]);
      const [last] = await t.dataSource.query(`SELECT kind, content FROM scorecard_revisions WHERE scorecard_id = $1 AND revision = 8`, [
        card.body.id,
      ]);
      expect(stored.revision).toBe(8);
      expect(stored.status).toBe(last.kind === 'withdrawn' ? 'withdrawn' : 'submitted');
      expect(stored.ratings.map((r: { rating: number }) => r.rating)).toEqual(last.content.ratings.map((r: { rating: number }) => r.rating));
      expect((await ratingRows(card.body.id)).map((r: { rating: number }) => r.rating)).toEqual(
        last.kind === 'withdrawn'
          ? []
          : [...last.content.ratings].sort((x, y) => (x.dimensionId < y.dimensionId ? -1 : 1)).map((r: { rating: number }) => r.rating),
      );
    });

    it('freezes feedback once the hiring decision is recorded', async () => {
      const scene = await createHiringScene(t);
      const [alice, bob] = scene.team.interviewers;
      const round = scene.role.rounds.technical;
      const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice, bob]);
      await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(round)).expect(200);
      // The decisions API belongs to the debriefs; here the recorded decision is its effect on the application.
      await t.dataSource.query(`UPDATE applications SET decided_at = now(), status = 'hired' WHERE id = $1`, [scene.applicationId]);
      const amend = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/amend`)
        .set(alice.auth)
        .send({ ...completeScorecard(round, { rating: 1 }), reason: 'Second thoughts' })
        .expect(409);
      expect(amend.body.code).toBe('decision_recorded');
      expect(
        (await t.http.post(`/v1/interviews/${interviewId}/scorecard/withdraw`).set(alice.auth).send({ reason: 'Second thoughts' }).expect(409)).body
          .code,
      ).toBe('decision_recorded');
      expect(
        (await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(bob.auth).send(completeScorecard(round)).expect(409)).body.code,
      ).toBe('decision_recorded');
      expect(await outboxRows(scene.applicationId)).toHaveLength(1);
    });
  });
});
