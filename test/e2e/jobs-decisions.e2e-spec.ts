import { DataSource } from 'typeorm';
import {
  Actor,
  addMember,
  completeScorecard,
  createHiringScene,
  createTeam,
  createTestApp,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TestApp,
} from '@hireloop/testing';
import { createPanel, PanelFixture, PanelMembers, waitFor, waitForCurrentReport, writeScorecard } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/** The debrief and the hiring decision, on reports computed by the real worker. */
// Real processes: the e2e project's default timeout does not apply per file, so set it here.
jest.setTimeout(120_000);

describe('jobs: debriefs and decisions', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let members: PanelMembers;
  let otherManager: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    worker = await startWorker({ name: 'decisions-worker' });
    team = await createTeam(t);
    members = {
      organizationId: team.admin.organizationId,
      adminId: team.admin.memberId,
      hiringManagerId: team.hiringManager.memberId,
      interviewerIds: team.interviewers.map((i) => i.memberId),
    };
    otherManager = await addMember(t, team.admin, ['hiring_manager'], 'Other Manager');
    outsider = await signupOrganization(t);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await t?.close();
  });

  /** A panel whose three scorecards are submitted and reflected in a current report. */
  async function decidedPanel(kind: 'hire' | 'no_hire' | 'inconclusive'): Promise<PanelFixture> {
    const panel = await createPanel(ds, { members });
    const count = kind === 'inconclusive' ? 2 : 3;
    for (let i = 0; i < count; i++) {
      await writeScorecard(
        ds,
        panel,
        i,
        kind === 'no_hire' ? { ratings: [1, 2, 1], recommendation: 'strong_no' } : { ratings: [4, 4, 3], recommendation: 'strong_yes' },
      );
    }
    const report = await waitForCurrentReport(ds, panel.applicationId);
    expect(report.recommendation).toBe(kind);
    return panel;
  }

  const decide = (actor: Actor, applicationId: string, body: Record<string, unknown>) =>
    t.http.post(`/v1/applications/${applicationId}/decision`).set(actor.auth).send(body);

  describe('debrief', () => {
    it("shows the report, every scorecard, disagreements, red flags and missing feedback to the role's hiring manager", async () => {
      const panel = await createPanel(ds, { members, interviews: 3 });
      await writeScorecard(ds, panel, 0, { ratings: [4, 4, 4], recommendation: 'strong_yes', privateNote: 'Knew the team lead' });
      await writeScorecard(ds, panel, 1, { ratings: [1, 4, 4], recommendation: 'no', redFlags: ['rude to staff'] });
      // The worker may or may not have stored a report between the two submissions: version 1 or 2.
      const stored = await waitForCurrentReport(ds, panel.applicationId);

      const res = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.hiringManager.auth).expect(200);
      const body = res.body;
      expect(body.application).toMatchObject({
        id: panel.applicationId,
        status: 'active',
        stage: 'onsite',
        decidedAt: null,
        candidate: { id: panel.candidateId, name: 'Casey Candidate' },
        role: { id: panel.roleId, level: 'L4' },
      });
      for (const field of [
        'dimensions',
        'score',
        'rawScore',
        'coverage',
        'interval',
        'splitPanel',
        'redFlags',
        'interviewers',
        'recommendation',
        'reasons',
        'algorithmVersion',
        'inputsHash',
        'version',
        'computedAt',
        'scorecardCount',
      ]) {
        expect(body.report).toHaveProperty(field);
      }
      expect(body.report).toMatchObject({ version: stored.version, scorecardCount: 2, recommendation: 'inconclusive' });
      expect(body.status).toBe('current');
      expect(body.pendingRevisions).toEqual([]);
      expect(body.scorecards).toHaveLength(2);
      const first = body.scorecards.find((s: { interviewer: { id: string } }) => s.interviewer.id === members.interviewerIds[0]);
      expect(first).toMatchObject({
        interviewer: { id: members.interviewerIds[0], name: 'Alice Interviewer' },
        round: { id: panel.roundIds[0], name: 'Round 1', kind: 'technical' },
        recommendation: 'strong_yes',
        privateNote: 'Knew the team lead',
        revision: 1,
        levelAssessment: 'at',
      });
      expect(first.ratings[0]).toMatchObject({
        dimensionId: panel.dimensionIds[0],
        dimensionName: 'Dimension 1',
        rating: 4,
        evidence: 'Evidence for dimension 1',
      });
      expect(body.disagreements).toEqual([
        {
          dimensionId: panel.dimensionIds[0],
          name: 'Dimension 1',
          ratings: [
            { interviewer: { id: members.interviewerIds[1], name: 'Bob Interviewer' }, scorecardId: expect.any(String), rating: 1 },
            { interviewer: { id: members.interviewerIds[0], name: 'Alice Interviewer' }, scorecardId: expect.any(String), rating: 4 },
          ],
        },
      ]);
      expect(body.redFlags).toEqual([
        { flag: 'rude to staff', interviewer: { id: members.interviewerIds[1], name: 'Bob Interviewer' }, scorecardId: expect.any(String) },
      ]);
      expect(body.awaitingFeedback).toEqual([
        {
          interviewId: panel.interviews[2].id,
          interviewer: { id: members.interviewerIds[2], name: 'Carol Interviewer' },
          round: { id: panel.roundIds[2], name: 'Round 3', kind: 'technical' },
          endsAt: expect.any(String),
          scorecardStatus: 'none',
        },
      ]);
      expect(body.decision).toBeNull();

      // A new submission is pending until the worker has included it.
      await writeScorecard(ds, panel, 2, { ratings: [3, 3, 3], recommendation: 'yes' });
      const pending = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.admin.auth).expect(200);
      if (pending.body.status === 'computing') expect(pending.body.pendingRevisions).toEqual([{ scorecardId: expect.any(String), revision: 1 }]);
      await waitFor(
        async () => (await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.admin.auth)).body.status === 'current',
        { what: 'a current debrief' },
      );
    });

    it('names rounds as the loop is: a version no scorecard pins follows loop edits, a pinned one stays as it was', async () => {
      const scene = await createHiringScene(t);
      const { recruiter, hiringManager, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const { technical, design } = scene.role.rounds;
      const coding = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice], interviewWindow(-3));
      await scheduleInterview(t, recruiter, scene.applicationId, design.id, [bob], interviewWindow(-2));
      const debrief = async () => (await t.http.get(`/v1/applications/${scene.applicationId}/debrief`).set(hiringManager.auth).expect(200)).body;
      const awaitedRounds = async () => (await debrief()).awaitingFeedback.map((w: { round: { name: string } }) => w.round.name);
      const renameTechnical = (name: string) =>
        t.http.patch(`/v1/roles/${scene.role.roleId}/rounds/${technical.id}`).set(recruiter.auth).send({ name }).expect(200);

      expect(await awaitedRounds()).toEqual([technical.name, design.name]);
      // No scorecard points at the interviews' version yet: the edit rewrites it, and the debrief reads it as it is now.
      await renameTechnical('Coding deep dive');
      expect(await awaitedRounds()).toEqual(['Coding deep dive', design.name]);

      // Alice's scorecard pins the version: a later edit makes a new one, and this application keeps the old names.
      await t.http.post(`/v1/interviews/${coding}/scorecard/submit`).set(alice.auth).send(completeScorecard(technical)).expect(200);
      const pinned = await debrief();
      expect(pinned.scorecards.map((s: { round: { name: string } }) => s.round.name)).toEqual(['Coding deep dive']);
      expect(pinned.scorecards[0].ratings[0].dimensionName).toEqual(expect.any(String));
      expect(pinned.scorecards[0].ratings[0].dimensionName).not.toBe('');
      await renameTechnical('Renamed after the first scorecard');
      const after = await debrief();
      expect(after.scorecards.map((s: { round: { name: string } }) => s.round.name)).toEqual(['Coding deep dive']);
      expect(after.awaitingFeedback.map((w: { round: { name: string } }) => w.round.name)).toEqual([design.name]);
    });

    it('hides private notes from recruiters and refuses interviewers, other hiring managers and other tenants', async () => {
      const panel = await decidedPanel('hire');
      const recruiter = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.recruiter.auth).expect(200);
      expect(recruiter.body.scorecards).toHaveLength(3);
      for (const s of recruiter.body.scorecards) expect(s).not.toHaveProperty('privateNote');
      const admin = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.admin.auth).expect(200);
      expect(admin.body.scorecards[0].privateNote).toBe('private note');

      const interviewer = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.interviewers[0].auth).expect(403);
      expect(interviewer.headers['content-type']).toContain('application/problem+json');
      const other = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(otherManager.auth).expect(403);
      expect(other.body.code).toBe('debrief_forbidden');
      await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(outsider.auth).expect(404);
      await t.http.get(`/v1/applications/not-a-uuid/debrief`).set(team.admin.auth).expect(404);
    });

    it('says no_feedback for an application without submitted scorecards', async () => {
      const panel = await createPanel(ds, { members });
      const res = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.hiringManager.auth).expect(200);
      expect(res.body).toMatchObject({
        report: null,
        status: 'no_feedback',
        covers: [],
        pendingRevisions: [],
        scorecards: [],
        disagreements: [],
        redFlags: [],
      });
      expect(res.body.awaitingFeedback).toHaveLength(3);
    });
  });

  describe('decision', () => {
    it("records the hiring manager's decision that follows the report, ends the application and triggers calibration", async () => {
      const panel = await decidedPanel('hire');
      const [latest] = await ds.query(`SELECT id, version FROM calibration_reports WHERE application_id = $1 ORDER BY version DESC LIMIT 1`, [
        panel.applicationId,
      ]);
      const rationale = 'Casey Candidate showed a strong signal across every round.';
      const res = await decide(team.hiringManager, panel.applicationId, { decision: 'hire', rationale }).expect(201);
      expect(res.body).toMatchObject({
        applicationId: panel.applicationId,
        decision: 'hire',
        rationale,
        overrideReason: null,
        report: { id: latest.id, version: latest.version, recommendation: 'hire' },
        followedRecommendation: true,
        decidedBy: { id: team.hiringManager.memberId, name: 'Harper Manager' },
      });

      const [application] = await ds.query(`SELECT status, decided_at FROM applications WHERE id = $1`, [panel.applicationId]);
      expect(application.status).toBe('hired');
      expect(application.decided_at).not.toBeNull();
      const audit = await ds.query(
        `SELECT actor_member_id, after, subject_candidate_id, personal FROM audit_log WHERE entity_type = 'application' AND entity_id = $1 AND action = 'decision.recorded'`,
        [panel.applicationId],
      );
      expect(audit).toEqual([
        {
          actor_member_id: team.hiringManager.memberId,
          after: expect.objectContaining({ decision: 'hire', followedRecommendation: true, status: 'hired' }),
          subject_candidate_id: panel.candidateId,
          personal: expect.any(Buffer),
        },
      ]);
      // The append-only audit row holds the rationale only sealed with the candidate's key (erasure destroys it)…
      expect(audit[0].after).not.toHaveProperty('rationale');
      expect(audit[0].personal.toString('latin1')).not.toContain('strong signal');
      // …and the admins' view reads it back, with the name masked.
      const view = await t.http.get(`/v1/audit-log?entityId=${panel.applicationId}&action=decision.recorded`).set(team.admin.auth).expect(200);
      expect(view.body.items[0].after.rationale).not.toContain('Casey');
      expect(view.body.items[0].after.rationale).toMatch(/showed a strong signal across every round\.$/);
      const outbox = await ds.query(
        `SELECT queue, job_name, payload FROM outbox_messages WHERE queue = 'interviewer-calibration' AND organization_id = $1`,
        [members.organizationId],
      );
      expect(outbox).toContainEqual({
        queue: 'interviewer-calibration',
        job_name: 'recompute-calibration',
        payload: { organizationId: members.organizationId, reason: 'decision' },
      });

      const debrief = await t.http.get(`/v1/applications/${panel.applicationId}/debrief`).set(team.recruiter.auth).expect(200);
      expect(debrief.body.application).toMatchObject({ status: 'hired', decidedAt: res.body.decidedAt });
      expect(debrief.body.decision).toEqual(res.body);
      const got = await t.http.get(`/v1/applications/${panel.applicationId}/decision`).set(team.admin.auth).expect(200);
      expect(got.body).toEqual(res.body);

      const again = await decide(team.admin, panel.applicationId, {
        decision: 'no_hire',
        rationale: 'Changed my mind about this.',
        overrideReason: 'x',
      }).expect(409);
      expect(again.body.code).toBe('decision_already_recorded');
    });

    it('needs an override reason to go against the recommendation', async () => {
      const panel = await decidedPanel('no_hire');
      const refused = await decide(team.admin, panel.applicationId, { decision: 'hire', rationale: 'We need this person now.' }).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'overrideReason', code: 'override_reason_required' }] });
      const blank = await decide(team.admin, panel.applicationId, {
        decision: 'hire',
        rationale: 'We need this person now.',
        overrideReason: '   ',
      }).expect(400);
      expect(blank.body.errors[0].field).toBe('overrideReason');

      const res = await decide(team.admin, panel.applicationId, {
        decision: 'hire',
        rationale: 'We need this person now.',
        overrideReason: 'The panel missed the portfolio.',
      }).expect(201);
      expect(res.body).toMatchObject({
        decision: 'hire',
        overrideReason: 'The panel missed the portfolio.',
        report: { recommendation: 'no_hire' },
        followedRecommendation: false,
      });
      const [application] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [panel.applicationId]);
      expect(application.status).toBe('hired');
    });

    it('needs no override when the report is inconclusive, and records followedRecommendation null', async () => {
      const panel = await decidedPanel('inconclusive');
      const res = await decide(team.hiringManager, panel.applicationId, { decision: 'no_hire', rationale: 'Not enough evidence of depth.' }).expect(
        201,
      );
      expect(res.body).toMatchObject({ decision: 'no_hire', report: { recommendation: 'inconclusive' }, followedRecommendation: null });
      const [application] = await ds.query(`SELECT status FROM applications WHERE id = $1`, [panel.applicationId]);
      expect(application.status).toBe('rejected');
    });

    it('without any report, is allowed only with an override reason', async () => {
      const panel = await createPanel(ds, { members });
      const refused = await decide(team.hiringManager, panel.applicationId, {
        decision: 'no_hire',
        rationale: 'Candidate accepted another offer.',
      }).expect(400);
      expect(refused.body.errors[0]).toMatchObject({ field: 'overrideReason' });
      const res = await decide(team.hiringManager, panel.applicationId, {
        decision: 'no_hire',
        rationale: 'Candidate accepted another offer.',
        overrideReason: 'No interviews took place.',
      }).expect(201);
      expect(res.body).toMatchObject({ report: null, followedRecommendation: null });
    });

    it('is refused to recruiters, interviewers, other hiring managers and other tenants', async () => {
      const panel = await decidedPanel('hire');
      const body = { decision: 'hire', rationale: 'Strong signal across every round.' };
      expect((await decide(team.recruiter, panel.applicationId, body).expect(403)).body.code).toBe('role_required');
      expect((await decide(team.interviewers[0], panel.applicationId, body).expect(403)).body.code).toBe('role_required');
      expect((await decide(otherManager, panel.applicationId, body).expect(403)).body.code).toBe('decision_forbidden');
      await decide(outsider, panel.applicationId, body).expect(404);
      await t.http.get(`/v1/applications/${panel.applicationId}/decision`).set(team.admin.auth).expect(404);
      const [application] = await ds.query(`SELECT status, decided_at FROM applications WHERE id = $1`, [panel.applicationId]);
      expect(application).toEqual({ status: 'active', decided_at: null });
    });

    it('validates the request', async () => {
      const panel = await decidedPanel('hire');
      const res = await decide(team.admin, panel.applicationId, { decision: 'maybe', rationale: 'short', extra: 1 }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['decision', 'extra', 'rationale']);
    });

    it('two concurrent decisions: exactly one wins', async () => {
      const panel = await decidedPanel('hire');
      const results = await Promise.all([
        decide(team.admin, panel.applicationId, { decision: 'hire', rationale: 'Strong signal across every round.' }),
        decide(team.hiringManager, panel.applicationId, { decision: 'hire', rationale: 'Strong signal across every round.' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('refuses a withdrawn application', async () => {
      const panel = await createPanel(ds, { members });
      await ds.query(`UPDATE applications SET status = 'withdrawn' WHERE id = $1`, [panel.applicationId]);
      const res = await decide(team.admin, panel.applicationId, {
        decision: 'no_hire',
        rationale: 'Candidate withdrew from the process.',
        overrideReason: 'withdrawn',
      }).expect(409);
      expect(res.body.code).toBe('application_not_active');
    });
  });
});
