import { DataSource } from 'typeorm';
import {
  Actor,
  addMember,
  completeScorecard,
  createOpenRole,
  createTeam,
  createTestApp,
  LoopFixture,
  scheduleInterview,
  TestApp,
} from '@hireloop/testing';
import { createPanel, PanelMembers, waitForCurrentReport, writeScorecard } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Decision integrity (issue 12) over HTTP with the real worker: the blind rule without exceptions, amendments made
 * after reading the panel, no decision on a stale report, rating scales and required dimensions; and (issue 14 item 5)
 * calibration views that never show a blind panel member the panel's ratings.
 */
jest.setTimeout(180_000);

describe('decision integrity', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess | undefined;
  let team: Awaited<ReturnType<typeof createTeam>>;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    worker = await startWorker({ name: 'decision-integrity-worker' });
    team = await createTeam(t);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await t?.close();
  });

  const EVIDENCE = 'Worked through the problem methodically and explained each trade-off.';

  /** An application of `role` with a recruiter-made candidate. */
  async function application(role: LoopFixture): Promise<string> {
    const candidate = await t.http
      .post('/v1/candidates')
      .set(team.recruiter.auth)
      .send({ name: 'Jordan Candidate', email: `${Date.now()}-${Math.random()}@candidate.test` })
      .expect(201);
    const res = await t.http
      .post('/v1/applications')
      .set(team.recruiter.auth)
      .send({ candidateId: candidate.body.id, roleId: role.roleId })
      .expect(201);
    return res.body.id;
  }

  const submit = (actor: Actor, interviewId: string, body: object) =>
    t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(actor.auth).send(body);
  const amend = (actor: Actor, interviewId: string, body: object) =>
    t.http.post(`/v1/interviews/${interviewId}/scorecard/amend`).set(actor.auth).send(body);
  const feedback = (actor: Actor, applicationId: string) => t.http.get(`/v1/applications/${applicationId}/scorecards`).set(actor.auth);
  const debrief = (actor: Actor, applicationId: string) => t.http.get(`/v1/applications/${applicationId}/debrief`).set(actor.auth);
  const allNotAssessed = (role: LoopFixture, round: 'technical' | 'design' | 'pairing') => ({
    ratings: role.rounds[round].focusDimensionIds.map((dimensionId) => ({ dimensionId, notAssessed: true, notAssessedReason: 'We ran out of time' })),
    recommendation: 'yes',
  });

  describe('blind without exceptions', () => {
    let hmOnPanel: Actor;
    let adminOnPanel: Actor;
    let role: LoopFixture;
    let applicationId: string;
    let aliceCardId: string;
    let hmInterviewId: string;
    let adminInterviewId: string;

    beforeAll(async () => {
      hmOnPanel = await addMember(t, team.admin, ['hiring_manager', 'interviewer'], 'Hollis Manager');
      adminOnPanel = await addMember(t, team.admin, ['admin', 'interviewer'], 'Ada Admin');
      role = await createOpenRole(ds, team.admin.organizationId, { hiringManagerId: hmOnPanel.memberId });
      applicationId = await application(role);
      const [alice] = team.interviewers;
      const aliceInterview = await scheduleInterview(t, team.recruiter, applicationId, role.rounds.technical.id, [alice]);
      hmInterviewId = await scheduleInterview(t, team.recruiter, applicationId, role.rounds.design.id, [hmOnPanel]);
      adminInterviewId = await scheduleInterview(t, team.recruiter, applicationId, role.rounds.pairing.id, [adminOnPanel]);
      aliceCardId = (await submit(alice, aliceInterview, completeScorecard(role.rounds.technical, { rating: 2, recommendation: 'no' })).expect(200))
        .body.id;
    });

    it("the role's hiring manager on the panel reads nothing before submitting, nor after an all-not-assessed scorecard", async () => {
      for (const res of [
        await feedback(hmOnPanel, applicationId),
        await debrief(hmOnPanel, applicationId),
        await t.http.get(`/v1/scorecards/${aliceCardId}`).set(hmOnPanel.auth),
      ]) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('feedback_blind');
      }
      const decide = await t.http
        .post(`/v1/applications/${applicationId}/decision`)
        .set(hmOnPanel.auth)
        .send({ decision: 'hire', rationale: 'Strong signals across the loop.', overrideReason: 'x'.repeat(12) });
      expect(decide.status).toBe(403);
      expect(decide.body.code).toBe('feedback_blind');

      await submit(hmOnPanel, hmInterviewId, allNotAssessed(role, 'design')).expect(200);
      expect((await feedback(hmOnPanel, applicationId).expect(403)).body.code).toBe('feedback_blind');
      expect((await debrief(hmOnPanel, applicationId).expect(403)).body.code).toBe('feedback_blind');

      // Rating a dimension (here by amending, before ever reading the panel) opens the panel.
      const design = role.rounds.design.focusDimensionIds;
      await amend(hmOnPanel, hmInterviewId, {
        ratings: [
          { dimensionId: design[0], rating: 3, evidence: EVIDENCE },
          { dimensionId: design[1], notAssessed: true, notAssessedReason: 'We ran out of time' },
        ],
        recommendation: 'yes',
        reason: 'Found my notes on the design discussion',
      }).expect(200);
      const list = await feedback(hmOnPanel, applicationId).expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toContain(aliceCardId);
      // Reading the feedback is reading the panel: recorded at the first read, unchanged by later ones.
      const viewed = () =>
        ds.query(`SELECT first_viewed_at FROM panel_views WHERE application_id = $1 AND member_id = $2`, [applicationId, hmOnPanel.memberId]);
      const [first] = await viewed();
      expect(first).toBeDefined();
      await feedback(hmOnPanel, applicationId).expect(200);
      await debrief(hmOnPanel, applicationId).expect(200);
      expect(await viewed()).toEqual([first]);
    });

    it('an admin on the panel is blind until a real submission; an admin off the panel reads as before', async () => {
      await debrief(team.admin, applicationId).expect(200);
      // Nor through the application's record: the report's recommendation is the panel's verdict.
      const recommendationFor = async (actor: Actor) => {
        const one = await t.http.get(`/v1/applications/${applicationId}`).set(actor.auth).expect(200);
        const list = await t.http.get('/v1/applications').query({ roleId: role.roleId }).set(actor.auth).expect(200);
        return [one.body.reportRecommendation, list.body.items.find((a: { id: string }) => a.id === applicationId).reportRecommendation];
      };
      const report = await waitForCurrentReport(ds, applicationId);
      expect(await recommendationFor(team.admin)).toEqual([report.recommendation, report.recommendation]);
      expect(await recommendationFor(adminOnPanel)).toEqual([null, null]);
      expect((await feedback(adminOnPanel, applicationId).expect(403)).body.code).toBe('feedback_blind');
      expect((await debrief(adminOnPanel, applicationId).expect(403)).body.code).toBe('feedback_blind');
      // Nor through the audit log: the panel's scorecard entries come without their content.
      const audit = await t.http.get('/v1/audit-log').query({ entityType: 'scorecard', entityId: aliceCardId }).set(adminOnPanel.auth).expect(200);
      expect(audit.body.items.length).toBeGreaterThan(0);
      for (const item of audit.body.items) expect(item.after).toEqual({ applicationId, withheld: 'feedback_blind' });
      const offPanel = await t.http.get('/v1/audit-log').query({ entityType: 'scorecard', entityId: aliceCardId }).set(team.admin.auth).expect(200);
      expect(offPanel.body.items[0].after.ratings).toHaveLength(2);
      await submit(adminOnPanel, adminInterviewId, completeScorecard(role.rounds.pairing, { rating: 4 })).expect(200);
      await feedback(adminOnPanel, applicationId).expect(200);
      await debrief(adminOnPanel, applicationId).expect(200);
      const after = await waitForCurrentReport(ds, applicationId);
      expect(await recommendationFor(adminOnPanel)).toEqual([after.recommendation, after.recommendation]);
    });

    it('a decision recorded while an admin on the panel is still blind reaches them through the audit log without its content', async () => {
      const decidedApplication = await application(role);
      const [, bob] = team.interviewers;
      const bobInterview = await scheduleInterview(t, team.recruiter, decidedApplication, role.rounds.technical.id, [bob]);
      await scheduleInterview(t, team.recruiter, decidedApplication, role.rounds.pairing.id, [adminOnPanel]);
      await submit(bob, bobInterview, completeScorecard(role.rounds.technical, { rating: 1, recommendation: 'strong_no' })).expect(200);
      const report = await waitForCurrentReport(ds, decidedApplication);
      const decision = report.recommendation === 'hire' ? 'hire' : 'no_hire';
      await t.http
        .post(`/v1/applications/${decidedApplication}/decision`)
        .set(team.admin.auth)
        .send({
          decision,
          rationale: 'Weak technical signals from the panel so far.',
          ...(report.recommendation === decision ? {} : { overrideReason: 'Deciding on the one round we have.' }),
        })
        .expect(201);
      const entries = (actor: Actor) =>
        t.http.get('/v1/audit-log').query({ action: 'decision.recorded', entityId: decidedApplication }).set(actor.auth).expect(200);
      const seen = (await entries(team.admin)).body.items;
      expect(seen).toHaveLength(1);
      expect(seen[0].after).toMatchObject({ decision, rationale: 'Weak technical signals from the panel so far.' });
      const blind = (await entries(adminOnPanel)).body.items;
      expect(blind).toHaveLength(1);
      expect(blind[0].after).toEqual({ applicationId: decidedApplication, withheld: 'feedback_blind' });
      expect(JSON.stringify(blind[0])).not.toContain('Weak technical signals');
    });

    it('an amendment made after reading the panel is marked, with the ratings before and after', async () => {
      // The hiring manager read the panel in the first test; now they change their mind.
      const design = role.rounds.design.focusDimensionIds;
      await amend(hmOnPanel, hmInterviewId, {
        ratings: [
          { dimensionId: design[0], rating: 2, evidence: EVIDENCE },
          { dimensionId: design[1], rating: 2, evidence: EVIDENCE },
        ],
        recommendation: 'no',
        reason: 'After the debrief I weigh the design gaps more',
      }).expect(200);

      const res = await debrief(team.admin, applicationId).expect(200);
      const card = res.body.scorecards.find((s: { interviewer: { id: string } }) => s.interviewer.id === hmOnPanel.memberId);
      expect(card.amendedAfterViewingPanel).toBe(true);
      expect(card.amendments).toEqual([
        expect.objectContaining({
          revision: 2,
          afterViewingPanel: false,
          reason: 'Found my notes on the design discussion',
          recommendationBefore: 'yes',
          recommendationAfter: 'yes',
        }),
        {
          revision: 3,
          amendedAt: expect.any(String),
          reason: 'After the debrief I weigh the design gaps more',
          afterViewingPanel: true,
          changes: [
            { dimensionId: design[0], dimensionName: 'System design', before: 3, after: 2 },
            { dimensionId: design[1], dimensionName: 'Communication', before: null, after: 2 },
          ],
          recommendationBefore: 'yes',
          recommendationAfter: 'no',
        },
      ]);
      expect(card.amendments[0].changes).toEqual([{ dimensionId: design[0], dimensionName: 'System design', before: null, after: 3 }]);
      // Alice never amended.
      const alice = res.body.scorecards.find((s: { id: string }) => s.id === aliceCardId);
      expect(alice).toMatchObject({ amendedAfterViewingPanel: false, amendments: [] });
      // Names for the ids the report uses.
      expect(res.body.interviewerNames).toMatchObject({
        [hmOnPanel.memberId]: 'Hollis Manager',
        [team.interviewers[0].memberId]: 'Alice Interviewer',
      });

      const one = await t.http.get(`/v1/scorecards/${card.id}`).set(team.admin.auth).expect(200);
      expect(one.body.amendedAfterViewingPanel).toBe(true);
      expect(one.body.amendments.map((a: { afterViewingPanel: boolean }) => a.afterViewingPanel)).toEqual([false, true]);
      const views = await ds.query(`SELECT member_id FROM panel_views WHERE application_id = $1 ORDER BY first_viewed_at`, [applicationId]);
      expect(views.map((v: { member_id: string }) => v.member_id)).toEqual(expect.arrayContaining([hmOnPanel.memberId, adminOnPanel.memberId]));
      // Readers off the panel (the admin who signed up) are not recorded: they cannot amend anything.
      expect(views.map((v: { member_id: string }) => v.member_id)).not.toContain(team.admin.memberId);
    });
  });

  describe('no decision on a stale report', () => {
    let members: PanelMembers;
    beforeAll(() => {
      members = {
        organizationId: team.admin.organizationId,
        adminId: team.admin.memberId,
        hiringManagerId: team.hiringManager.memberId,
        interviewerIds: team.interviewers.map((i) => i.memberId),
      };
    });
    const decide = (applicationId: string, body: object) =>
      t.http.post(`/v1/applications/${applicationId}/decision`).set(team.hiringManager.auth).send(body);

    it('decides on a current report without acknowledging anything, and records the version it was made on', async () => {
      const panel = await createPanel(ds, { members });
      for (let i = 0; i < 3; i++) await writeScorecard(ds, panel, i, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
      const report = await waitForCurrentReport(ds, panel.applicationId);
      const res = await decide(panel.applicationId, { decision: 'hire', rationale: 'The panel is consistent and strong.' }).expect(201);
      expect(res.body).toMatchObject({
        reportVersion: report.version,
        staleAcknowledged: false,
        staleReason: null,
        report: { version: report.version },
      });
    });

    it('answers 409 report_stale while a submitted revision is not covered; decides with acknowledgeStale and a reason', async () => {
      const panel = await createPanel(ds, { members });
      for (let i = 0; i < 3; i++) await writeScorecard(ds, panel, i, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
      await waitForCurrentReport(ds, panel.applicationId);
      // No worker: the amendment stays outside the report (and its recomputation pending).
      await worker!.stop();
      worker = undefined;
      // The latest report once the worker is gone (a job already under way may have stored one more version).
      const [report] = await ds.query(`SELECT max(version)::int AS version FROM calibration_reports WHERE application_id = $1`, [
        panel.applicationId,
      ]);
      const amended = await writeScorecard(ds, panel, 2, { ratings: [1, 1, 2], recommendation: 'strong_no' });

      const stale = await decide(panel.applicationId, { decision: 'hire', rationale: 'The panel is consistent and strong.' }).expect(409);
      expect(stale.headers['content-type']).toContain('application/problem+json');
      expect(stale.body.code).toBe('report_stale');
      expect(stale.body.detail).toContain(`version ${report.version}`);
      expect(stale.body).toMatchObject({
        reportVersion: report.version,
        pendingRevisions: [{ scorecardId: amended.scorecardId, revision: 2 }],
        recomputePending: true,
      });

      const noReason = await decide(panel.applicationId, {
        decision: 'hire',
        rationale: 'The panel is consistent and strong.',
        acknowledgeStale: true,
      }).expect(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'staleReason', code: 'stale_reason_required' })]);
      const blankReason = await decide(panel.applicationId, {
        decision: 'hire',
        rationale: 'The panel is consistent and strong.',
        acknowledgeStale: true,
        staleReason: '   ',
      }).expect(400);
      expect(blankReason.body.errors[0].field).toBe('staleReason');
      expect((await ds.query(`SELECT count(*)::int AS n FROM decisions WHERE application_id = $1`, [panel.applicationId]))[0].n).toBe(0);

      const ok = await decide(panel.applicationId, {
        decision: 'hire',
        rationale: 'The panel is consistent and strong.',
        acknowledgeStale: true,
        staleReason: 'The offer deadline is today; the amendment was discussed in the debrief.',
      }).expect(201);
      expect(ok.body).toMatchObject({
        reportVersion: report.version,
        staleAcknowledged: true,
        staleReason: 'The offer deadline is today; the amendment was discussed in the debrief.',
      });
      expect(amended.revision).toBe(2);
      const got = await t.http.get(`/v1/applications/${panel.applicationId}/decision`).set(team.admin.auth).expect(200);
      expect(got.body).toMatchObject({ reportVersion: report.version, staleAcknowledged: true });
      const d = await debrief(team.admin, panel.applicationId).expect(200);
      expect(d.body.decision).toMatchObject({
        reportVersion: report.version,
        staleAcknowledged: true,
        staleReason: expect.stringContaining('offer deadline'),
      });
      const [row] = await ds.query(`SELECT report_version, stale_acknowledged, stale_reason FROM decisions WHERE application_id = $1`, [
        panel.applicationId,
      ]);
      expect(row).toEqual({
        report_version: report.version,
        stale_acknowledged: true,
        stale_reason: 'The offer deadline is today; the amendment was discussed in the debrief.',
      });
    });

    it('answers 409 when scorecards were submitted but no report exists yet', async () => {
      const panel = await createPanel(ds, { members });
      await writeScorecard(ds, panel, 0, { ratings: [4, 4, 3], recommendation: 'strong_yes' });
      const res = await decide(panel.applicationId, {
        decision: 'no_hire',
        rationale: 'Not enough signal to hire.',
        overrideReason: 'Deciding before the report exists.',
      }).expect(409);
      expect(res.body.code).toBe('report_stale');
    });
  });

  describe('rating scales and required dimensions', () => {
    const RUBRIC5 = { '1': 'far below', '2': 'below', '3': 'meets', '4': 'above', '5': 'far above' };

    it('creates a 5-point role with its levels and scale defaults, requires anchors for every level, takes required flags', async () => {
      const created = await t.http
        .post('/v1/roles')
        .set(team.recruiter.auth)
        .send({ title: 'Data Scientist', ratingScale: 'five_point' })
        .expect(201);
      expect(created.body.ratingScale).toBe('five_point');
      expect(created.body.scaleLevels.map((l: { value: number }) => l.value)).toEqual([1, 2, 3, 4, 5]);
      expect(created.body.scaleLevels[2]).toMatchObject({ value: 3, key: 'meets' });
      expect(created.body.hirePolicy).toMatchObject({ bar: 3, floor: 2, everyDimensionMeets: false });
      const roleId = created.body.id;

      const missing = await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(team.recruiter.auth)
        .send({ name: 'Modelling', weight: 60, rubric: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' } })
        .expect(400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'rubric.5', code: 'rubric_anchor_required' })]);
      const dim = await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(team.recruiter.auth)
        .send({ name: 'Modelling', weight: 60, rubric: RUBRIC5 })
        .expect(201);
      expect(dim.body.dimension).toMatchObject({ required: true, rubric: RUBRIC5 });
      const optional = await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(team.recruiter.auth)
        .send({ name: 'Domain', weight: 40, rubric: RUBRIC5, required: false })
        .expect(201);
      expect(optional.body.dimension.required).toBe(false);
      const flipped = await t.http
        .patch(`/v1/roles/${roleId}/dimensions/${optional.body.dimension.id}`)
        .set(team.recruiter.auth)
        .send({ required: true })
        .expect(200);
      expect(flipped.body.dimension.required).toBe(true);

      // The loop version states the scale and the flags.
      const version = await t.http.get(`/v1/roles/${roleId}/loop-versions/${flipped.body.role.loopVersion.id}`).set(team.recruiter.auth).expect(200);
      expect(version.body.snapshot.ratingScale).toBe('five_point');
      expect(version.body.snapshot.dimensions.map((d: { required: boolean }) => d.required)).toEqual([true, true]);

      // Policy thresholds are checked on the role's scale: 5 is the top level here…
      await t.http
        .patch(`/v1/roles/${roleId}`)
        .set(team.recruiter.auth)
        .send({ hirePolicy: { bar: 4.5, everyDimensionMeets: true } })
        .expect(200);
      // …and off the 4-point scale.
      const four = await t.http
        .post('/v1/roles')
        .set(team.recruiter.auth)
        .send({ title: 'Engineer', hirePolicy: { bar: 5 } })
        .expect(400);
      expect(four.body.errors).toEqual([expect.objectContaining({ field: 'hirePolicy.bar' })]);
    });

    it('changes the scale of an unused role only when every dimension has anchors for the new levels', async () => {
      const created = await t.http.post('/v1/roles').set(team.recruiter.auth).send({ title: 'Analyst' }).expect(201);
      expect(created.body).toMatchObject({ ratingScale: 'four_point', hirePolicy: { bar: 3, margin: 0.5 } });
      const roleId = created.body.id;
      const dim = await t.http
        .post(`/v1/roles/${roleId}/dimensions`)
        .set(team.recruiter.auth)
        .send({ name: 'SQL', weight: 100, rubric: { '1': 'a', '2': 'b', '3': 'c', '4': 'd' } })
        .expect(201);
      const refused = await t.http.patch(`/v1/roles/${roleId}`).set(team.recruiter.auth).send({ ratingScale: 'five_point' }).expect(400);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'ratingScale', code: 'rubric_anchor_missing', message: expect.stringContaining('"SQL"') }),
      ]);
      expect(refused.body.errors[0].message).toContain('level 5');
      await t.http
        .patch(`/v1/roles/${roleId}/dimensions/${dim.body.dimension.id}`)
        .set(team.recruiter.auth)
        .send({ rubric: { '1': 'a', '2': 'b', '3': 'c', '4': 'd', '5': 'e' } })
        .expect(200);
      const five = await t.http.patch(`/v1/roles/${roleId}`).set(team.recruiter.auth).send({ ratingScale: 'five_point' }).expect(200);
      expect(five.body.ratingScale).toBe('five_point');
      // To three levels: the existing anchors 1–3 suffice; bar, floor and margin move to the new scale's defaults.
      const three = await t.http.patch(`/v1/roles/${roleId}`).set(team.recruiter.auth).send({ ratingScale: 'three_level' }).expect(200);
      expect(three.body).toMatchObject({ ratingScale: 'three_level', hirePolicy: { bar: 2, floor: 1.5 } });
      expect(three.body.scaleLevels.map((l: { key: string }) => l.key)).toEqual(['below', 'meets', 'exceeds']);
      await t.http.patch(`/v1/roles/${roleId}`).set(team.recruiter.auth).send({ ratingScale: 'ten_point' }).expect(400);
    });

    it('validates ratings against the scale of the interview loop version: 5 on a 5-point role, not 6; not 4 on three levels', async () => {
      const five = await createOpenRole(ds, team.admin.organizationId, { hiringManagerId: team.hiringManager.memberId, ratingScale: 'five_point' });
      const app5 = await application(five);
      const [alice, bob] = team.interviewers;
      const i5 = await scheduleInterview(t, team.recruiter, app5, five.rounds.technical.id, [alice]);
      const six = await submit(alice, i5, completeScorecard(five.rounds.technical, { rating: 6 })).expect(400);
      expect(six.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'ratings.0.rating', code: 'invalid_rating', message: expect.stringContaining('from 1 to 5') }),
        ]),
      );
      await submit(alice, i5, completeScorecard(five.rounds.technical, { rating: 5 })).expect(200);
      const rows = await ds.query(`SELECT rating FROM scorecard_ratings WHERE application_id = $1`, [app5]);
      expect(rows.map((r: { rating: number }) => r.rating)).toEqual([5, 5]);

      const three = await createOpenRole(ds, team.admin.organizationId, { hiringManagerId: team.hiringManager.memberId, ratingScale: 'three_level' });
      const app3 = await application(three);
      const i3 = await scheduleInterview(t, team.recruiter, app3, three.rounds.technical.id, [bob]);
      const four = await submit(bob, i3, completeScorecard(three.rounds.technical, { rating: 4 })).expect(400);
      expect(four.body.errors[0]).toMatchObject({
        field: 'ratings.0.rating',
        message: expect.stringContaining('from 1 to 3 (the three-level scale'),
      });
      await submit(bob, i3, completeScorecard(three.rounds.technical, { rating: 3 })).expect(200);
      const kit = await t.http.get(`/v1/interviews/${i3}/kit`).set(bob.auth).expect(200);
      expect(kit.body.ratingScale).toBe('three_level');
      expect(kit.body.focusDimensions[0].rubric).toEqual({ '1': expect.any(String), '2': expect.any(String), '3': expect.any(String) });
    });
  });

  describe('calibration views do not leak (issue 14, item 5)', () => {
    it("an interviewer who has not submitted does not see a co-panelist's ratings in the organization distribution", async () => {
      // A fresh organization so the distribution holds only this panel.
      const org = await createTeam(t);
      const [alice, bob] = org.interviewers;
      const role = await createOpenRole(ds, org.admin.organizationId, { hiringManagerId: org.hiringManager.memberId });
      const candidate = await t.http
        .post('/v1/candidates')
        .set(org.recruiter.auth)
        .send({ name: 'Sam Candidate', email: `${Date.now()}@leak.test` })
        .expect(201);
      const applicationId = (
        await t.http.post('/v1/applications').set(org.recruiter.auth).send({ candidateId: candidate.body.id, roleId: role.roleId }).expect(201)
      ).body.id;
      const aliceInterview = await scheduleInterview(t, org.recruiter, applicationId, role.rounds.technical.id, [alice]);
      const bobInterview = await scheduleInterview(t, org.recruiter, applicationId, role.rounds.pairing.id, [bob]);
      const view = (actor: Actor, memberId: string) => t.http.get(`/v1/interviewers/${memberId}/calibration`).set(actor.auth).expect(200);

      const before = await view(bob, bob.memberId);
      expect(before.body.organizationRatingCount).toBe(0);
      // Alice rates: two ratings of 1.
      await submit(alice, aliceInterview, completeScorecard(role.rounds.technical, { rating: 1, recommendation: 'strong_no' })).expect(200);
      const blind = await view(bob, bob.memberId);
      expect(blind.body.organizationRatingCount).toBe(0);
      expect(blind.body.organizationDistribution).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

      // Once Bob has submitted (with ratings), the panel is his to read — and so are its numbers, behind suppression.
      await submit(bob, bobInterview, completeScorecard(role.rounds.pairing, { rating: 3 })).expect(200);
      const after = await view(bob, bob.memberId);
      expect(after.body.organizationRatingCount).toBe(4);
      expect(after.body.organizationDistributionSuppressed).toBe(true);
      expect(after.body.organizationDistribution).toEqual({ 1: null, 2: null, 3: null, 4: null, 5: null });
      expect(after.body.ratingCount).toBe(2);
      expect(after.body.ratingDistributionSuppressed).toBe(true);
    });

    it('the role view leaves out applications on whose panel the caller is blind, and suppresses fewer than 5', async () => {
      const org = await createTeam(t);
      const hm = await addMember(t, org.admin, ['hiring_manager', 'interviewer'], 'Panel Manager');
      const role = await createOpenRole(ds, org.admin.organizationId, { hiringManagerId: hm.memberId });
      const applicationIds: string[] = [];
      for (let i = 0; i < 6; i++) {
        const candidate = await t.http
          .post('/v1/candidates')
          .set(org.recruiter.auth)
          .send({ name: `Candidate ${i}`, email: `${Date.now()}-${i}@role.test` })
          .expect(201);
        applicationIds.push(
          (await t.http.post('/v1/applications').set(org.recruiter.auth).send({ candidateId: candidate.body.id, roleId: role.roleId }).expect(201))
            .body.id,
        );
      }
      for (const [i, id] of applicationIds.entries()) {
        await ds.query(
          `INSERT INTO calibration_reports (organization_id, application_id, version, inputs_hash, algorithm_version, score, recommendation, scorecard_count, report)
           VALUES ($1, $2, 1, 'h', 'test', $3, 'inconclusive', 3, '{}')`,
          [org.admin.organizationId, id, 2 + i * 0.1],
        );
      }
      const roleView = () => t.http.get(`/v1/roles/${role.roleId}/calibration`).set(hm.auth).expect(200);
      const all = await roleView();
      expect(all.body.scoreDistribution).toMatchObject({ applications: 6, suppressed: false });
      // The hiring manager joins the panel of two applications: their scores leave the view, and 4 < 5 are withheld.
      await scheduleInterview(t, org.recruiter, applicationIds[0], role.rounds.technical.id, [hm]);
      await scheduleInterview(t, org.recruiter, applicationIds[1], role.rounds.technical.id, [hm]);
      const blind = await roleView();
      expect(blind.body.scoreDistribution.applications).toBe(4);
      expect(blind.body.scoreDistribution.suppressed).toBe(true);
      expect(blind.body.scoreDistribution.buckets.every((b: { count: number | null }) => b.count === null)).toBe(true);
      expect(blind.body.scoreDistribution.recommendations).toEqual({ hire: null, no_hire: null, inconclusive: null });
      // An admin off the panel still sees all six.
      expect((await t.http.get(`/v1/roles/${role.roleId}/calibration`).set(org.admin.auth).expect(200)).body.scoreDistribution.applications).toBe(6);
    });
  });
});
