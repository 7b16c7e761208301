import { createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';

interface Dimension {
  id: string;
  name: string;
  weight: number;
  rubric: Record<string, string>;
  signals: { strong: string[]; weak: string[]; redFlags: string[] };
}
interface Round {
  id: string;
  name: string;
  kind: string;
  focusDimensionIds: string[];
  questionIds: string[];
}

describe('role templates', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the Senior Applied Scientist and Research Scientist (ML) templates with their dimensions, rounds, questions and focus areas', async () => {
    const team = await createTeam(t);
    const res = await t.http.get('/v1/role-templates').set(team.recruiter.auth).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: { key: string }) => i.key)).toEqual(['senior-applied-scientist', 'research-scientist-ml']);
    const senior = res.body.items[0];
    expect(senior.dimensions.map((d: { name: string; weight: number }) => [d.name, d.weight])).toEqual([
      ['Problem framing & metrics', 15],
      ['Modeling & evaluation depth', 20],
      ['Experimentation & statistics', 15],
      ['Production ML & MLOps', 20],
      ['Data skills', 10],
      ['Responsible AI & risk', 10],
      ['Collaboration & communication', 10],
    ]);
    expect(senior.focusAreas).toHaveLength(5);
    expect(senior.questions).toHaveLength(10);
    for (const q of senior.questions) expect(q.pointsOfAssessment.length * q.pitfalls.length * q.followUps.length).toBeGreaterThan(0);

    const one = await t.http.get('/v1/role-templates/research-scientist-ml').set(team.hiringManager.auth).expect(200);
    expect(one.body).toMatchObject({ key: 'research-scientist-ml', title: 'Research Scientist (ML)' });
    await t.http.get('/v1/role-templates/astronaut').set(team.recruiter.auth).expect(404);
    await t.http.get('/v1/role-templates').set(team.interviewers[0].auth).expect(403);
  });

  it('creates a Senior Applied Scientist role that opens as created, with its questions in the bank and in the loop version', async () => {
    const team = await createTeam(t);
    const res = await t.http
      .post('/v1/roles/from-template')
      .set(team.recruiter.auth)
      .send({ templateKey: 'senior-applied-scientist', hiringManagerId: team.hiringManager.memberId, location: 'Seattle' })
      .expect(201);
    const role = res.body;
    expect(role).toMatchObject({
      title: 'Senior Applied Scientist',
      level: 'Senior',
      department: 'Applied Science',
      location: 'Seattle',
      status: 'draft',
      templateKey: 'senior-applied-scientist',
      hiringManagerId: team.hiringManager.memberId,
      weightSum: 100,
      loopVersion: { number: 1 },
      readiness: { canOpen: true, errors: [], warnings: [] },
    });
    const dimensions: Dimension[] = role.dimensions;
    const rounds: Round[] = role.rounds;
    expect(dimensions.map((d) => d.weight)).toEqual([15, 20, 15, 20, 10, 10, 10]);
    for (const d of dimensions) expect(Object.keys(d.rubric)).toEqual(['1', '2', '3', '4']);
    const production = dimensions.find((d) => d.name === 'Production ML & MLOps')!;
    expect(production.signals.redFlags).toEqual(['Would launch without guardrails, a rollback plan or monitoring']);
    expect(rounds.map((r) => r.kind)).toEqual(['screen', 'technical', 'technical', 'system_design', 'case', 'behavioral']);
    const dimensionIds = new Set(dimensions.map((d) => d.id));
    for (const r of rounds) {
      expect(r.focusDimensionIds.length).toBeGreaterThan(0);
      for (const id of r.focusDimensionIds) expect(dimensionIds.has(id)).toBe(true);
      expect(r.questionIds.length).toBeGreaterThan(0);
    }
    for (const d of dimensions) expect(rounds.filter((r) => r.focusDimensionIds.includes(d.id)).length).toBeGreaterThanOrEqual(2);

    // The template's questions are in the organization's bank, tagged with the template key and linked to the new dimensions.
    const bank = (await t.http.get('/v1/questions?tag=senior-applied-scientist&limit=100').set(team.recruiter.auth).expect(200)).body.items;
    expect(bank).toHaveLength(10);
    expect(new Set(rounds.flatMap((r) => r.questionIds))).toEqual(new Set(bank.map((q: { id: string }) => q.id)));
    const churn = bank.find((q: { prompt: string }) => q.prompt.includes('churn'));
    expect(churn.tags).toEqual(['senior-applied-scientist', 'problem-framing', 'business-impact']);
    expect(churn.dimensionIds.length).toBe(3);
    const byDimension = (await t.http.get(`/v1/questions?dimensionId=${production.id}`).set(team.recruiter.auth).expect(200)).body.items;
    expect(byDimension.length).toBeGreaterThan(0);

    const snapshot = (await t.http.get(`/v1/roles/${role.id}/loop-versions/${role.loopVersion.id}`).set(team.recruiter.auth).expect(200)).body
      .snapshot;
    expect(snapshot.dimensions).toHaveLength(7);
    expect(snapshot.rounds[0].questions[0]).toMatchObject({
      prompt: churn.prompt,
      pointsOfAssessment: churn.pointsOfAssessment,
      pitfalls: churn.pitfalls,
      followUps: churn.followUps,
    });

    const opened = await t.http.post(`/v1/roles/${role.id}/open`).set(team.recruiter.auth).expect(200);
    expect(opened.body).toMatchObject({ status: 'open', readiness: { warnings: [] } });

    // A second role from the same template reuses the bank's questions instead of duplicating them.
    const again = (
      await t.http
        .post('/v1/roles/from-template')
        .set(team.admin.auth)
        .send({ templateKey: 'senior-applied-scientist', title: 'Senior Applied Scientist, Ads' })
        .expect(201)
    ).body;
    expect(again.title).toBe('Senior Applied Scientist, Ads');
    expect((await t.http.get('/v1/questions?tag=senior-applied-scientist&limit=100').set(team.recruiter.auth).expect(200)).body.items).toHaveLength(
      10,
    );
    expect(new Set(again.rounds.flatMap((r: Round) => r.questionIds))).toEqual(new Set(bank.map((q: { id: string }) => q.id)));
  });

  it('creates a Research Scientist (ML) role without a hiring manager; it opens once one is set', async () => {
    const team = await createTeam(t);
    const role = (await t.http.post('/v1/roles/from-template').set(team.recruiter.auth).send({ templateKey: 'research-scientist-ml' }).expect(201))
      .body;
    expect(role).toMatchObject({
      title: 'Research Scientist (ML)',
      hiringManagerId: null,
      weightSum: 100,
      readiness: { canOpen: false, warnings: [] },
    });
    expect(role.readiness.errors).toEqual([
      { field: 'hiringManagerId', code: 'hiring_manager_missing', message: 'The role needs a hiring manager before it can open.' },
    ]);
    expect(role.dimensions).toHaveLength(6);
    expect(role.rounds.map((r: Round) => r.name)).toEqual([
      'Research screen',
      'Research deep dive: papers and setbacks',
      'ML theory and deep learning',
      'Implementation from scratch',
      'Applied research case',
    ]);

    const refused = await t.http.post(`/v1/roles/${role.id}/open`).set(team.recruiter.auth).expect(422);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['hiringManagerId']);
    await t.http.patch(`/v1/roles/${role.id}`).set(team.recruiter.auth).send({ hiringManagerId: team.hiringManager.memberId }).expect(200);
    const opened = await t.http.post(`/v1/roles/${role.id}/open`).set(team.recruiter.auth).expect(200);
    expect(opened.body.status).toBe('open');

    // Cloning a template role works too.
    const clone = (await t.http.post(`/v1/roles/${role.id}/clone`).set(team.recruiter.auth).send({}).expect(201)).body;
    expect(clone).toMatchObject({
      title: 'Research Scientist (ML) (copy)',
      templateKey: 'research-scientist-ml',
      status: 'draft',
      readiness: { canOpen: true },
    });
  });

  it('documents the loop-configuration endpoints in OpenAPI', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    for (const path of [
      '/v1/roles',
      '/v1/roles/{id}',
      '/v1/roles/{id}/open',
      '/v1/roles/{id}/close',
      '/v1/roles/{id}/clone',
      '/v1/roles/{id}/dimensions',
      '/v1/roles/{id}/dimensions/{dimensionId}',
      '/v1/roles/{id}/weights',
      '/v1/roles/{id}/rounds',
      '/v1/roles/{id}/rounds/{roundId}',
      '/v1/roles/{id}/loop-versions',
      '/v1/roles/{id}/loop-versions/{versionId}',
      '/v1/questions',
      '/v1/questions/{id}',
      '/v1/role-templates',
      '/v1/role-templates/{key}',
      '/v1/roles/from-template',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.components.schemas.CreateDimensionRequestDto.required).toEqual(expect.arrayContaining(['name', 'weight', 'rubric']));
    // Anchors keyed by level: '5' exists on the 5-point scale (which levels are required depends on the role's scale).
    expect(Object.keys(doc.components.schemas.RubricRequestDto.properties)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('validates the request, and only recruiters and admins may create from a template', async () => {
    const team = await createTeam(t);
    const unknown = await t.http.post('/v1/roles/from-template').set(team.recruiter.auth).send({ templateKey: 'astronaut' }).expect(400);
    expect(unknown.body.errors).toEqual([
      { field: 'templateKey', code: 'isIn', message: 'Template: choose senior-applied-scientist or research-scientist-ml.' },
    ]);
    await t.http.post('/v1/roles/from-template').set(team.recruiter.auth).send({}).expect(400);
    const badManager = await t.http
      .post('/v1/roles/from-template')
      .set(team.recruiter.auth)
      .send({ templateKey: 'research-scientist-ml', hiringManagerId: team.interviewers[0].memberId })
      .expect(400);
    expect(badManager.body.errors[0].field).toBe('hiringManagerId');
    await t.http.post('/v1/roles/from-template').set(team.hiringManager.auth).send({ templateKey: 'research-scientist-ml' }).expect(403);
    await t.http.post('/v1/roles/from-template').set(team.interviewers[0].auth).send({ templateKey: 'research-scientist-ml' }).expect(403);

    // Refused requests left nothing behind.
    expect((await t.http.get('/v1/roles').set(team.recruiter.auth).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/v1/questions').set(team.recruiter.auth).expect(200)).body.items).toEqual([]);

    // Another organization's manager is not a valid hiring manager either.
    const outsider = await signupOrganization(t);
    await t.http
      .post('/v1/roles/from-template')
      .set(outsider.auth)
      .send({ templateKey: 'research-scientist-ml', hiringManagerId: team.hiringManager.memberId })
      .expect(400);
  });
});
