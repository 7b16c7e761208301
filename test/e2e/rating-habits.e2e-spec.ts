import { Actor, addMember, createTeam, createTestApp, TestApp } from '@hireloop/testing';
import { createCalibrationRole, insertRatedApplications, PanelScorecard, seededRandom } from '@hireloop/testing/calibration-fixture';

/**
 * Halo, straight-lining and anchoring on the interviewer calibration view (issue 16, items 3 and 4): 30 panels of
 * 7 interviewers; six rate each dimension independently, one ("Hal") gives every dimension the same rating.
 */
describe('rating habits on the interviewer calibration view', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let hal: Actor;
  let honest: Actor[];
  let halScorecards: { scorecardId: string; applicationId: string }[];
  let dimensionIds: string[];

  beforeAll(async () => {
    t = await createTestApp();
    team = await createTeam(t);
    const more = await Promise.all([1, 2, 3].map((i) => addMember(t, team.admin, ['interviewer'], `Interviewer ${i}`)));
    hal = await addMember(t, team.admin, ['interviewer'], 'Hal Halo');
    honest = [...team.interviewers, ...more];
    const role = await createCalibrationRole(t.dataSource, team.admin.organizationId, {
      hiringManagerId: team.hiringManager.memberId,
      dimensions: 3,
      title: 'Data Engineer',
    });
    dimensionIds = role.dimensionIds;
    const random = seededRandom(16);
    const rating = () => (1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4;
    const panels: PanelScorecard[][] = Array.from({ length: 30 }, () => {
      const flat = rating();
      return [
        ...honest.map((m) => ({ interviewerId: m.memberId, ratings: [rating(), rating(), rating()], recommendation: 'yes' as const })),
        { interviewerId: hal.memberId, ratings: [flat, flat, flat], recommendation: 'yes' as const },
      ];
    });
    const applications = await insertRatedApplications(t.dataSource, role, panels);
    halScorecards = applications.map((a) => ({
      scorecardId: a.interviews.find((i) => i.interviewerId === hal.memberId)!.scorecardId,
      applicationId: a.applicationId,
    }));

    // Anchoring: Hal amends two scorecards, one before reading the panel, one after (3 → 2 on the first dimension).
    const org = team.admin.organizationId;
    const content = (r: number) =>
      JSON.stringify({ ratings: dimensionIds.map((dimensionId) => ({ dimensionId, rating: r })), recommendation: 'yes' });
    for (const [i, card] of halScorecards.slice(0, 2).entries()) {
      await t.dataSource.query(
        `INSERT INTO scorecard_revisions (organization_id, scorecard_id, revision, kind, content, actor_member_id, created_at)
         VALUES ($1, $2, 1, 'submitted', $3, $4, now() - interval '3 hours'), ($1, $2, 2, 'amended', $5, $4, now() - interval '1 hour')`,
        [
          org,
          card.scorecardId,
          content(3),
          hal.memberId,
          JSON.stringify({ ratings: dimensionIds.map((dimensionId, d) => ({ dimensionId, rating: d === 0 ? 2 : 3 })), recommendation: 'no' }),
        ],
      );
      // Read the panel 2 hours ago (before the amendment) for the first, only after it for the second.
      await t.dataSource.query(
        `INSERT INTO panel_views (organization_id, application_id, member_id, first_viewed_at) VALUES ($1, $2, $3, now() - $4::interval)`,
        [org, card.applicationId, hal.memberId, i === 0 ? '2 hours' : '30 minutes'],
      );
    }
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  it('flags the halo interviewer above the organization’s 95th percentile, with straight-lining', async () => {
    const res = await t.http.get(`/v1/interviewers/${hal.memberId}/calibration`).set(team.admin.auth).expect(200);
    expect(res.body.ratingHabits.scorecards).toBe(30);
    expect(res.body.ratingHabits.halo.value).toBeCloseTo(1, 10);
    expect(res.body.ratingHabits.halo.organizationPercentile95).toBeLessThan(0.6);
    expect(res.body.ratingHabits.halo.flagged).toBe(true);
    expect(res.body.ratingHabits.straightLining).toMatchObject({ value: 1, flagged: true });

    const other = await t.http.get(`/v1/interviewers/${honest[0].memberId}/calibration`).set(team.hiringManager.auth).expect(200);
    expect(Math.abs(other.body.ratingHabits.halo.value)).toBeLessThan(0.6);
    expect(other.body.ratingHabits.straightLining.value).toBeLessThan(0.3);
  });

  it('lists the amendments made after reading the panel with the rating change', async () => {
    const res = await t.http.get(`/v1/interviewers/${hal.memberId}/calibration`).set(hal.auth).expect(200);
    expect(res.body.anchoring).toMatchObject({ amendments: 2, afterViewingPanel: 1 });
    expect(res.body.anchoring.items).toEqual([
      expect.objectContaining({
        scorecardId: halScorecards[0].scorecardId,
        applicationId: halScorecards[0].applicationId,
        revision: 2,
        changes: [{ dimensionId: dimensionIds[0], dimensionName: expect.any(String), before: 3, after: 2 }],
        recommendationBefore: 'yes',
        recommendationAfter: 'no',
      }),
    ]);
  });

  it('leaves out applications on whose panel the caller is still blind', async () => {
    // The admin is put on the panel of Hal's first application (an upcoming interview, nothing submitted): blind there.
    const [{ round_id: roundId, loop_version_id: loopVersionId, role_id: roleId }] = await t.dataSource.query(
      `SELECT round_id, loop_version_id, role_id FROM interviews WHERE application_id = $1 LIMIT 1`,
      [halScorecards[0].applicationId],
    );
    await t.dataSource.query(
      `INSERT INTO interviews (organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + interval '1 day', now() + interval '1 day 1 hour')`,
      [team.admin.organizationId, halScorecards[0].applicationId, roleId, roundId, loopVersionId, [team.admin.memberId]],
    );
    const blindView = await t.http.get(`/v1/interviewers/${hal.memberId}/calibration`).set(team.admin.auth).expect(200);
    expect(blindView.body.ratingHabits.scorecards).toBe(29);
    expect(blindView.body.anchoring).toMatchObject({ amendments: 1, afterViewingPanel: 0, items: [] });
    // Hal himself is not blind anywhere: all 30 counted, the anchored amendment visible.
    const own = await t.http.get(`/v1/interviewers/${hal.memberId}/calibration`).set(hal.auth).expect(200);
    expect(own.body.ratingHabits.scorecards).toBe(30);
    expect(own.body.anchoring.afterViewingPanel).toBe(1);
  });
});
