import { addMember, createHiringScene, createTestApp, HiringScene, signupOrganization, TestApp } from '@hireloop/testing';
import type { Actor } from '@hireloop/testing';

/**
 * Outcomes after a hire (issue 15, item 1): who may read and write them, what is accepted, the audit trail with the
 * values sealed, and candidate erasure deleting them.
 */
jest.setTimeout(120_000);

describe('outcomes of a hired application', () => {
  let t: TestApp;
  let scene: HiringScene;
  let analyst: Actor;
  const outcomesPath = () => `/v1/applications/${scene.applicationId}/outcomes`;

  async function hire(applicationId: string) {
    await t.http
      .post(`/v1/applications/${applicationId}/decision`)
      .set(scene.team.hiringManager.auth)
      .send({ decision: 'hire', rationale: 'Strong across the loop; the panel agreed.', overrideReason: 'No report yet; the evidence was plain.' })
      .expect(201);
  }

  beforeAll(async () => {
    t = await createTestApp();
    scene = await createHiringScene(t, { candidateName: 'Quinn Outcome' });
    // Admins can grant the new member role.
    analyst = await addMember(t, scene.team.admin, ['people_analytics'], 'Pat Analyst');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('refuses outcomes for an application that is not hired yet (409)', async () => {
    const res = await t.http.post(outcomesPath()).set(scene.team.hiringManager.auth).send({ kind: 'promotion', date: '2026-01-10' }).expect(409);
    expect(res.body.code).toBe('application_not_hired');
  });

  describe('once hired', () => {
    let ratingId: string;

    beforeAll(async () => {
      await hire(scene.applicationId);
    });

    it("the role's hiring manager records a 90-day rating on the default 1–5 scale, with its label", async () => {
      const res = await t.http
        .post(outcomesPath())
        .set(scene.team.hiringManager.auth)
        .send({ kind: 'performance_rating', reviewPoint: '90d', rating: 4, date: '2026-03-01' })
        .expect(201);
      expect(res.body).toMatchObject({
        kind: 'performance_rating',
        reviewPoint: '90d',
        rating: 4,
        ratingLabel: 'Exceeds expectations',
        date: '2026-03-01',
        days: null,
      });
      ratingId = res.body.id;
    });

    it('people analytics and admins record the other kinds', async () => {
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'time_to_productivity', days: 45 }).expect(201);
      await t.http.post(outcomesPath()).set(scene.team.admin.auth).send({ kind: 'promotion', date: '2026-09-01' }).expect(201);
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'departure', departureType: 'voluntary', date: '2027-02-01' }).expect(201);
      const list = await t.http.get(outcomesPath()).set(analyst.auth).expect(200);
      expect(list.body.scale).toMatchObject({ min: 1, max: 5 });
      expect(list.body.items.map((o: { kind: string }) => o.kind)).toEqual(['performance_rating', 'time_to_productivity', 'promotion', 'departure']);
    });

    it.each([
      [{ kind: 'performance_rating', reviewPoint: '12m', rating: 6 }, 'rating', 'rating_off_scale'],
      [{ kind: 'performance_rating', reviewPoint: '12m', rating: 2.5 }, 'rating', 'rating_off_scale'],
      [{ kind: 'performance_rating', rating: 3 }, 'reviewPoint', 'required'],
      [{ kind: 'performance_rating', reviewPoint: '2y', rating: 3 }, 'reviewPoint', 'invalid_review_point'],
      [{ kind: 'departure', departureType: 'voluntary' }, 'date', 'required'],
      [{ kind: 'departure', departureType: 'fired', date: '2027-01-01' }, 'departureType', 'invalid_departure_type'],
      [{ kind: 'promotion', date: '2026-02-30' }, 'date', 'invalid_date'],
      [{ kind: 'time_to_productivity', days: -1 }, 'days', 'invalid_days'],
      [{ kind: 'time_to_productivity', days: 30, rating: 3 }, 'rating', 'not_applicable'],
      [{ kind: 'bonus' }, 'kind', 'invalid_kind'],
    ])('answers 400 with a field error for %j', async (body, field, code) => {
      const res = await t.http.post(outcomesPath()).set(scene.team.hiringManager.auth).send(body).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    });

    it('keeps one rating per review point (409), one departure, one promotion per date', async () => {
      expect(
        (await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'performance_rating', reviewPoint: '90d', rating: 2 }).expect(409)).body
          .code,
      ).toBe('outcome_exists');
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'departure', departureType: 'involuntary', date: '2027-03-01' }).expect(409);
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'promotion', date: '2026-09-01' }).expect(409);
    });

    it('corrects a rating with PATCH; the kind cannot change', async () => {
      const res = await t.http.patch(`${outcomesPath()}/${ratingId}`).set(analyst.auth).send({ rating: 3 }).expect(200);
      expect(res.body).toMatchObject({ id: ratingId, rating: 3, ratingLabel: 'Meets expectations', reviewPoint: '90d' });
      await t.http.patch(`${outcomesPath()}/${ratingId}`).set(analyst.auth).send({ kind: 'promotion' }).expect(400);
      await t.http.patch(`${outcomesPath()}/${ratingId}`).set(analyst.auth).send({ rating: 9 }).expect(400);
    });

    it('never lets interviewers or recruiters in (403), nor a hiring manager of another role', async () => {
      const other = await addMember(t, scene.team.admin, ['hiring_manager'], 'Other Manager');
      for (const actor of [scene.team.interviewers[0], scene.team.recruiter]) {
        await t.http.get(outcomesPath()).set(actor.auth).expect(403);
        await t.http.post(outcomesPath()).set(actor.auth).send({ kind: 'promotion', date: '2026-10-01' }).expect(403);
        await t.http.patch(`${outcomesPath()}/${ratingId}`).set(actor.auth).send({ rating: 1 }).expect(403);
        await t.http.delete(`${outcomesPath()}/${ratingId}`).set(actor.auth).expect(403);
      }
      await t.http.get(outcomesPath()).set(other.auth).expect(403);
      await t.http.post(outcomesPath()).set(other.auth).send({ kind: 'promotion', date: '2026-10-01' }).expect(403);
    });

    it('hides them from another organization (404)', async () => {
      const stranger = await signupOrganization(t);
      await t.http.get(outcomesPath()).set(stranger.auth).expect(404);
      await t.http.post(outcomesPath()).set(stranger.auth).send({ kind: 'promotion', date: '2026-10-01' }).expect(404);
      await t.http.patch(`${outcomesPath()}/${ratingId}`).set(stranger.auth).send({ rating: 1 }).expect(404);
      await t.http.delete(`${outcomesPath()}/${ratingId}`).set(stranger.auth).expect(404);
    });

    it('audits every write with the values sealed under the candidate key (no rating in the clear)', async () => {
      const rows: { action: string; after: Record<string, unknown> | null; before: Record<string, unknown> | null; personal: Buffer | null }[] =
        await t.dataSource.query(
          `SELECT action, before, after, personal FROM audit_log WHERE organization_id = $1 AND entity_type = 'outcome' ORDER BY id`,
          [scene.team.admin.organizationId],
        );
      expect(rows.map((r) => r.action)).toEqual(['outcome.recorded', 'outcome.recorded', 'outcome.recorded', 'outcome.recorded', 'outcome.updated']);
      for (const row of rows) {
        expect(row.personal).not.toBeNull();
        for (const side of [row.before, row.after]) {
          if (side) for (const field of ['rating', 'days', 'departureType', 'date']) expect(side).not.toHaveProperty(field);
        }
      }
    });

    it('lets only admins change the scale, never under recorded ratings', async () => {
      const threeLevels = { min: 1, max: 3, labels: { '1': 'Below', '2': 'Meets', '3': 'Exceeds' } };
      await t.http.put('/v1/outcomes/scale').set(scene.team.hiringManager.auth).send(threeLevels).expect(403);
      await t.http
        .put('/v1/outcomes/scale')
        .set(scene.team.admin.auth)
        .send({ ...threeLevels, labels: { '1': 'Below' } })
        .expect(400);
      // The 90-day rating is 3: inside 1–3. A 12-month 5 would not be.
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'performance_rating', reviewPoint: '12m', rating: 5 }).expect(201);
      const refused = await t.http.put('/v1/outcomes/scale').set(scene.team.admin.auth).send(threeLevels).expect(409);
      expect(refused.body.code).toBe('ratings_outside_scale');
      const list = await t.http.get(outcomesPath()).set(analyst.auth).expect(200);
      const twelve = list.body.items.find((o: { reviewPoint: string | null }) => o.reviewPoint === '12m');
      await t.http.delete(`${outcomesPath()}/${twelve.id}`).set(analyst.auth).expect(204);
      await t.http.delete(`${outcomesPath()}/${twelve.id}`).set(analyst.auth).expect(404);
      await t.http.put('/v1/outcomes/scale').set(scene.team.admin.auth).send(threeLevels).expect(200);
      expect((await t.http.get('/v1/outcomes/scale').set(analyst.auth).expect(200)).body).toEqual(threeLevels);
      await t.http.post(outcomesPath()).set(analyst.auth).send({ kind: 'performance_rating', reviewPoint: '6m', rating: 4 }).expect(400);
      const rated = await t.http
        .post(outcomesPath())
        .set(analyst.auth)
        .send({ kind: 'performance_rating', reviewPoint: '6m', rating: 3 })
        .expect(201);
      expect(rated.body.ratingLabel).toBe('Exceeds');
    });

    it('candidate erasure deletes every outcome of their applications', async () => {
      const before: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outcomes WHERE application_id = $1`, [
        scene.applicationId,
      ]);
      expect(before[0].n).toBeGreaterThan(0);
      await t.http.delete(`/v1/candidates/${scene.candidate.id}`).set(scene.team.recruiter.auth).expect(204);
      const after: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outcomes WHERE application_id = $1`, [
        scene.applicationId,
      ]);
      expect(after[0].n).toBe(0);
      const [erased]: { after: Record<string, unknown> }[] = await t.dataSource.query(
        `SELECT after FROM audit_log WHERE entity_type = 'candidate' AND entity_id = $1 AND action = 'candidate.erased'`,
        [scene.candidate.id],
      );
      expect(erased.after.outcomesDeleted).toBe(before[0].n);
    });
  });
});
