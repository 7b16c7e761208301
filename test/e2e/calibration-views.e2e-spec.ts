import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { raterEffects, LeniencyRating } from '@hireloop/calibration';
import { CalibrationStatsRepository } from '@hireloop/core/calibration-stats/calibration-stats.repository';
import { InterviewerCalibrationService } from '@hireloop/core/calibration-stats/interviewer-calibration.service';
import { Actor, addMember, createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';
import {
  CalibrationRole,
  createCalibrationRole,
  generatePanels,
  insertDecision,
  insertRatedApplications,
  insertReport,
  PanelScorecard,
  RatedApplication,
  seededRandom,
} from '@hireloop/testing/calibration-fixture';

/**
 * The calibration views on data written straight to the database and recomputed by the calibration service:
 * contents checked against figures computed here from the same inputs, and who may see what.
 */
describe('calibration views', () => {
  let t: TestApp;
  let ds: DataSource;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let otherManager: Actor;
  let outsider: Actor;
  let role: CalibrationRole;
  let otherRole: CalibrationRole;
  let panels: PanelScorecard[][];
  let applications: RatedApplication[];
  const scores: (number | null)[] = [];
  const recommendations: ('hire' | 'no_hire' | 'inconclusive')[] = [];
  const decisions = new Map<string, 'hire' | 'no_hire'>();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestApp();
    ds = t.dataSource;
    team = await createTeam(t);
    otherManager = await addMember(t, team.admin, ['hiring_manager'], 'Other Manager');
    outsider = await signupOrganization(t);
    const org = team.admin.organizationId;
    const [alice, bob, carol] = team.interviewers.map((i) => i.memberId);

    role = await createCalibrationRole(ds, org, { hiringManagerId: team.hiringManager.memberId, dimensions: 3, title: 'Platform Engineer' });
    otherRole = await createCalibrationRole(ds, org, { hiringManagerId: otherManager.memberId, dimensions: 2 });
    // Alice rates about a point higher than her co-panelists, Carol a point lower.
    panels = generatePanels(seededRandom(2024), {
      applications: 40,
      interviewerIds: [alice, bob, carol],
      dimensions: 3,
      panelSize: 3,
      biases: [0.9, 0, -0.9],
      skipShare: 0,
    });
    applications = await insertRatedApplications(ds, role, panels);
    await insertRatedApplications(
      ds,
      otherRole,
      generatePanels(seededRandom(7), { applications: 10, interviewerIds: [alice, bob], dimensions: 2, panelSize: 2 }),
    );

    // Reports: scores across the whole scale (1, 1.25, … 4), then two without a score.
    for (const [i, application] of applications.entries()) {
      const score = i < 26 ? 1 + (i % 13) * 0.25 : i < 28 ? null : 2.6;
      const recommendation = score === null ? 'inconclusive' : score >= 3 ? 'hire' : score < 2.5 ? 'no_hire' : 'inconclusive';
      if (i === 3) await insertReport(ds, role, application.applicationId, { score: 4, recommendation: 'hire' }); // superseded below
      await insertReport(ds, role, application.applicationId, { score, recommendation });
      scores.push(score);
      recommendations.push(recommendation);
    }
    // Decisions on the first 12 applications: hire on even indexes, no-hire on odd ones.
    for (let i = 0; i < 12; i++) {
      const decision = i % 2 === 0 ? 'hire' : 'no_hire';
      await insertDecision(ds, role, applications[i].applicationId, decision, team.hiringManager.memberId);
      decisions.set(applications[i].applicationId, decision);
    }
    await new InterviewerCalibrationService(ds, new CalibrationStatsRepository(ds)).recompute(org);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const roleView = (actor: Actor, roleId = role.roleId) => t.http.get(`/v1/roles/${roleId}/calibration`).set(actor.auth);
  const interviewerView = (actor: Actor, memberId: string) => t.http.get(`/v1/interviewers/${memberId}/calibration`).set(actor.auth);

  describe('GET /v1/roles/:id/calibration', () => {
    it('shows reliability per dimension, the score distribution and how often decisions followed the report', async () => {
      const res = await roleView(team.hiringManager).expect(200);
      const stored: { dimension_id: string; alpha: number; n_units: number; n_ratings: number }[] = await ds.query(
        `SELECT dimension_id, alpha, n_units, n_ratings FROM role_reliability WHERE role_id = $1`,
        [role.roleId],
      );
      expect(res.body.roleId).toBe(role.roleId);
      expect(res.body.title).toBe('Platform Engineer');
      expect(res.body.dimensions).toEqual(
        role.dimensionIds.map((dimensionId, i) => {
          const row = stored.find((r) => r.dimension_id === dimensionId)!;
          return { dimensionId, name: `Dimension ${i + 1}`, alpha: row.alpha, nUnits: 40, nRatings: 120, suppressed: false };
        }),
      );
      // Biased raters disagree more than they agree: alpha is well below 1 but defined.
      for (const d of res.body.dimensions) expect(d.alpha).toBeLessThan(0.9);

      const expectedBuckets = Array.from(
        { length: 12 },
        (_, b) => scores.filter((s) => s !== null && Math.min(11, Math.floor((s - 1) / 0.25)) === b).length,
      );
      expect(res.body.scoreDistribution).toEqual({
        applications: 40,
        suppressed: false,
        buckets: expectedBuckets.map((count, b) => ({ from: 1 + b * 0.25, to: 1.25 + b * 0.25, count })),
        unscored: 2,
        recommendations: {
          hire: recommendations.filter((r) => r === 'hire').length,
          no_hire: recommendations.filter((r) => r === 'no_hire').length,
          inconclusive: recommendations.filter((r) => r === 'inconclusive').length,
        },
      });
      expect(res.body.scoreDistribution.buckets[11].count).toBe(4); // two of 3.75 and two of exactly 4

      let followed = 0;
      let overrides = 0;
      for (let i = 0; i < 12; i++) {
        if (recommendations[i] === 'inconclusive') continue;
        if (recommendations[i] === decisions.get(applications[i].applicationId)) followed++;
        else overrides++;
      }
      expect(res.body.decisions).toEqual({ total: 12, followedRecommendation: followed, overrides, followRate: followed / (followed + overrides) });
      expect(followed).toBeGreaterThan(0);
      expect(overrides).toBeGreaterThan(0);
      expect(Date.parse(res.body.computedAt)).toBeGreaterThan(Date.now() - 120_000);
    });

    it('is for admins and the role’s hiring manager only', async () => {
      await roleView(team.admin).expect(200);
      await roleView(team.hiringManager).expect(200);
      await roleView(otherManager, otherRole.roleId).expect(200);
      const notTheirs = await roleView(otherManager).expect(403);
      expect(notTheirs.headers['content-type']).toContain('application/problem+json');
      expect(notTheirs.body.code).toBe('not_role_hiring_manager');
      expect((await roleView(team.recruiter).expect(403)).body.code).toBe('role_required');
      await roleView(team.interviewers[0]).expect(403);
      await t.http.get(`/v1/roles/${role.roleId}/calibration`).expect(401);
    });

    it("answers 404 for another organization's role, an unknown id or a malformed one", async () => {
      await roleView(outsider).expect(404);
      await roleView(team.admin, randomUUID()).expect(404);
      await roleView(team.admin, 'not-a-uuid').expect(404);
    });

    it('shows dimensions with no figures yet as null alpha and zero counts', async () => {
      const fresh = await createCalibrationRole(ds, team.admin.organizationId, { hiringManagerId: team.hiringManager.memberId, dimensions: 2 });
      const res = await roleView(team.hiringManager, fresh.roleId).expect(200);
      expect(res.body).toEqual({
        roleId: fresh.roleId,
        title: fresh.title,
        dimensions: fresh.dimensionIds.map((dimensionId, i) => ({
          dimensionId,
          name: `Dimension ${i + 1}`,
          alpha: null,
          nUnits: 0,
          nRatings: 0,
          suppressed: false,
        })),
        scoreDistribution: expect.objectContaining({ applications: 0, unscored: 0, recommendations: { hire: 0, no_hire: 0, inconclusive: 0 } }),
        decisions: { total: 0, followedRecommendation: 0, overrides: 0, followRate: null },
        computedAt: null,
      });
    });
  });

  describe('GET /v1/interviewers/:id/calibration', () => {
    const history = async (): Promise<LeniencyRating[]> =>
      (
        await ds.query(`SELECT interviewer_id, application_id, dimension_id, rating FROM scorecard_ratings WHERE organization_id = $1`, [
          team.admin.organizationId,
        ])
      ).map((r: { interviewer_id: string; application_id: string; dimension_id: string; rating: number }) => ({
        interviewerId: r.interviewer_id,
        applicationId: r.application_id,
        dimensionId: r.dimension_id,
        rating: r.rating as LeniencyRating['rating'],
      }));

    it("shows the leniency offset with its n, the rating distribution against the organization's, and recommendation matches", async () => {
      const [alice, , carol] = team.interviewers;
      const pure = raterEffects(await history()).interviewers; // the joint model; stored offsets are rounded to 6 decimals
      const res = await interviewerView(team.hiringManager, alice.memberId).expect(200);
      expect(res.body).toMatchObject({ interviewerId: alice.memberId, name: 'Alice Interviewer', n: pure[alice.memberId].n });
      expect(Math.abs(res.body.offset - pure[alice.memberId].offset)).toBeLessThanOrEqual(5e-7 + 1e-9);
      expect(res.body.offset).toBeGreaterThan(0.2);
      const carolView = await interviewerView(team.admin, carol.memberId).expect(200);
      expect(carolView.body.offset).toBeLessThan(-0.2);

      const all = await history();
      const share = (rows: LeniencyRating[]) =>
        Object.fromEntries([1, 2, 3, 4].map((v) => [String(v), rows.filter((r) => r.rating === v).length / rows.length]));
      const own = all.filter((r) => r.interviewerId === alice.memberId);
      expect(res.body.ratingCount).toBe(own.length);
      expect(res.body.organizationRatingCount).toBe(all.length);
      for (const v of ['1', '2', '3', '4']) {
        expect(res.body.ratingDistribution[v]).toBeCloseTo(share(own)[v], 12);
        expect(res.body.organizationDistribution[v]).toBeCloseTo(share(all)[v], 12);
      }
      expect(Object.values(res.body.ratingDistribution as Record<string, number>).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);

      // Alice sat every panel of the role; 12 of them have a decision.
      let matched = 0;
      for (const [i, application] of applications.entries()) {
        const decision = decisions.get(application.applicationId);
        if (!decision) continue;
        const recommendation = panels[i].find((s) => s.interviewerId === alice.memberId)!.recommendation!;
        if (['yes', 'strong_yes'].includes(recommendation) === (decision === 'hire')) matched++;
      }
      expect(res.body.recommendations).toEqual({ total: 12, matchedDecision: matched, matchRate: matched / 12 });
      expect(Date.parse(res.body.computedAt)).toBeGreaterThan(Date.now() - 120_000);
    });

    it('is for admins, any hiring manager and the interviewer themself', async () => {
      const [alice, bob] = team.interviewers;
      await interviewerView(team.admin, alice.memberId).expect(200);
      await interviewerView(team.hiringManager, alice.memberId).expect(200);
      await interviewerView(otherManager, alice.memberId).expect(200);
      await interviewerView(alice, alice.memberId).expect(200);
      expect((await interviewerView(bob, alice.memberId).expect(403)).body.code).toBe('calibration_not_visible');
      await interviewerView(team.recruiter, alice.memberId).expect(403);
      await t.http.get(`/v1/interviewers/${alice.memberId}/calibration`).expect(401);
    });

    it("answers 404 for another organization's member or an unknown id", async () => {
      await interviewerView(outsider, team.interviewers[0].memberId).expect(404);
      await interviewerView(team.admin, outsider.memberId).expect(404);
      await interviewerView(team.admin, randomUUID()).expect(404);
    });

    it('shows zeros for a member without ratings or computed offset', async () => {
      const res = await interviewerView(team.recruiter, team.recruiter.memberId).expect(200);
      expect(res.body).toMatchObject({
        offset: 0,
        n: 0,
        computedAt: null,
        ratingDistribution: { 1: 0, 2: 0, 3: 0, 4: 0 },
        ratingCount: 0,
        recommendations: { total: 0, matchedDecision: 0, matchRate: null },
      });
      expect(res.body.organizationRatingCount).toBeGreaterThan(0);
    });
  });
});
