import { randomUUID } from 'node:crypto';
import { createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';

type Team = Awaited<ReturnType<typeof createTeam>>;

const rubric = { '1': 'strong no', '2': 'no', '3': 'meets the bar', '4': 'exceeds the bar' };

describe('question bank', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function createQuestion(team: Team, body: Record<string, unknown>) {
    return (await t.http.post('/v1/questions').set(team.recruiter.auth).send(body).expect(201)).body;
  }

  /** A role with one dimension (100) covered by one round that uses `questionIds`. */
  async function roleUsing(team: Team, questionIds: string[], title = 'Senior Applied Scientist') {
    const role = (await t.http.post('/v1/roles').set(team.recruiter.auth).send({ title, hiringManagerId: team.hiringManager.memberId }).expect(201))
      .body;
    const dimension = (
      await t.http.post(`/v1/roles/${role.id}/dimensions`).set(team.recruiter.auth).send({ name: 'Experimentation', weight: 100, rubric }).expect(201)
    ).body.dimension;
    const round = (
      await t.http
        .post(`/v1/roles/${role.id}/rounds`)
        .set(team.recruiter.auth)
        .send({ name: 'Experimentation case', kind: 'case', durationMinutes: 60, focusDimensionIds: [dimension.id], questionIds })
        .expect(201)
    ).body.round;
    return { roleId: role.id as string, dimension, round };
  }

  it('creates, reads, edits and deletes questions; tags are normalized; nothing else is accepted', async () => {
    const team = await createTeam(t);
    const created = await createQuestion(team, {
      prompt: '  How would you design an A/B test for a new ranking algorithm? ',
      pointsOfAssessment: ['Hypothesis and primary metric', 'Guardrail metrics'],
      pitfalls: ['No power analysis'],
      followUps: ['How long should it run?'],
      tags: [' Experimentation ', 'AB-Testing'],
    });
    expect(created).toMatchObject({
      id: expect.any(String),
      prompt: 'How would you design an A/B test for a new ranking algorithm?',
      pointsOfAssessment: ['Hypothesis and primary metric', 'Guardrail metrics'],
      pitfalls: ['No power analysis'],
      followUps: ['How long should it run?'],
      tags: ['experimentation', 'ab-testing'],
      dimensionIds: [],
    });
    expect((await t.http.get(`/v1/questions/${created.id}`).set(team.hiringManager.auth).expect(200)).body).toEqual(created);

    const edited = await t.http
      .patch(`/v1/questions/${created.id}`)
      .set(team.recruiter.auth)
      .send({ followUps: ['What if latency gets worse?'], tags: ['experimentation'] })
      .expect(200);
    expect(edited.body).toMatchObject({
      prompt: created.prompt,
      followUps: ['What if latency gets worse?'],
      tags: ['experimentation'],
      pitfalls: ['No power analysis'],
    });

    const cases: [Record<string, unknown>, string][] = [
      [{}, 'prompt'],
      [{ prompt: '   ' }, 'prompt'],
      [{ prompt: 'x'.repeat(4001) }, 'prompt'],
      [{ prompt: 'Q', tags: ['has*star'] }, 'tags'],
      [{ prompt: 'Q', tags: ['dup', 'DUP'] }, 'tags'],
      [{ prompt: 'Q', pitfalls: ['ok', ''] }, 'pitfalls'],
      [{ prompt: 'Q', followUps: 'not a list' }, 'followUps'],
      [{ prompt: 'Q', dimensionIds: ['nope'] }, 'dimensionIds'],
      [{ prompt: 'Q', dimensionIds: [randomUUID()] }, 'dimensionIds.0'],
      [{ prompt: 'Q', difficulty: 'hard' }, 'difficulty'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/v1/questions').set(team.recruiter.auth).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await t.http.patch(`/v1/questions/${created.id}`).set(team.recruiter.auth).send({ prompt: null }).expect(400);

    await t.http.delete(`/v1/questions/${created.id}`).set(team.recruiter.auth).expect(204);
    await t.http.get(`/v1/questions/${created.id}`).set(team.recruiter.auth).expect(404);
    await t.http.delete(`/v1/questions/${created.id}`).set(team.recruiter.auth).expect(404);

    const audit = await t.http.get(`/v1/audit-log?entityId=${created.id}`).set(team.admin.auth).expect(200);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(['question.deleted', 'question.updated', 'question.created']);
  });

  it('searches by text (% and _ literal), tag and dimension, with cursor pagination', async () => {
    const team = await createTeam(t);
    const { dimension } = await roleUsing(team, []);
    const a = await createQuestion(team, { prompt: 'Explain the bias-variance trade-off.', tags: ['fundamentals'] });
    const b = await createQuestion(team, { prompt: 'What would a 100% recall model cost?', tags: ['metrics'], dimensionIds: [dimension.id] });
    const c = await createQuestion(team, { prompt: 'Write SQL over user_events to find churn.', tags: ['data', 'fundamentals'] });

    const ids = async (query: string) =>
      (await t.http.get(`/v1/questions?${query}`).set(team.recruiter.auth).expect(200)).body.items.map((q: { id: string }) => q.id);
    expect(await ids('q=BIAS')).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('%')}`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('user_events')}`)).toEqual([c.id]);
    expect(await ids(`q=${encodeURIComponent('r_e')}`)).toEqual([c.id]);
    expect(await ids('q=nothing-like-this')).toEqual([]);
    expect(await ids('tag=Fundamentals')).toEqual([c.id, a.id]);
    expect(await ids(`dimensionId=${dimension.id}`)).toEqual([b.id]);
    expect(await ids(`tag=fundamentals&q=sql`)).toEqual([c.id]);
    await t.http.get('/v1/questions?dimensionId=nope').set(team.recruiter.auth).expect(400);

    const page1 = (await t.http.get('/v1/questions?limit=2').set(team.recruiter.auth).expect(200)).body;
    expect(page1.items.map((q: { id: string }) => q.id)).toEqual([c.id, b.id]);
    const page2 = (await t.http.get(`/v1/questions?limit=2&cursor=${page1.nextCursor}`).set(team.recruiter.auth).expect(200)).body;
    expect(page2).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });

    // ?withTotal=true counts every match (all pages) for "showing X of Y"; without it the page has no total.
    const counted = (await t.http.get('/v1/questions?limit=2&withTotal=true&tag=fundamentals').set(team.recruiter.auth).expect(200)).body;
    expect(counted.total).toBe(2);
    expect((await t.http.get('/v1/questions?limit=1&withTotal=true').set(team.recruiter.auth).expect(200)).body).toMatchObject({
      items: [expect.objectContaining({ id: c.id })],
      total: 3,
    });
    expect((await t.http.get('/v1/questions?q=nothing-like-this&withTotal=true').set(team.recruiter.auth).expect(200)).body).toEqual({
      items: [],
      nextCursor: null,
      total: 0,
    });
    expect(page1).not.toHaveProperty('total');
    await t.http.get('/v1/questions?withTotal=maybe').set(team.recruiter.auth).expect(400);
  });

  it('refuses to delete a question a round uses (409 naming the round), and edits reach the loop (new version once feedback exists)', async () => {
    const team = await createTeam(t);
    const question = await createQuestion(team, { prompt: 'Design an experiment for a ranking change.' });
    const { roleId, round } = await roleUsing(team, [question.id]);

    const inUse = await t.http.delete(`/v1/questions/${question.id}`).set(team.recruiter.auth).expect(409);
    expect(inUse.body).toMatchObject({
      code: 'question_in_use',
      usedBy: [{ roundId: round.id, roundName: 'Experimentation case', roleId, roleTitle: 'Senior Applied Scientist' }],
    });
    expect(inUse.body.detail).toBe(
      'The question is used by round(s) "Experimentation case" (role "Senior Applied Scientist"); remove it from those rounds first.',
    );

    // Without feedback, the edit lands in the current loop version.
    await t.http
      .patch(`/v1/questions/${question.id}`)
      .set(team.recruiter.auth)
      .send({ pitfalls: ['Forgets guardrails'] })
      .expect(200);
    let role = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
    let version = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${role.loopVersion.id}`).set(team.recruiter.auth).expect(200)).body;
    expect(role.loopVersion.number).toBe(1);
    expect(version.snapshot.rounds[0].questions[0].pitfalls).toEqual(['Forgets guardrails']);

    // Once a scorecard points at version 1, editing the question makes version 2; version 1 keeps the old text.
    const orgId = team.admin.organizationId;
    const [candidate] = await t.dataSource.query(`INSERT INTO candidates (organization_id, name, email) VALUES ($1, 'C', $2) RETURNING id`, [
      orgId,
      `c-${randomUUID().slice(0, 8)}@example.test`,
    ]);
    const [application] = await t.dataSource.query(
      `INSERT INTO applications (organization_id, candidate_id, role_id) VALUES ($1, $2, $3) RETURNING id`,
      [orgId, candidate.id, roleId],
    );
    const [interview] = await t.dataSource.query(
      `INSERT INTO interviews (organization_id, application_id, role_id, round_id, loop_version_id, interviewer_ids, starts_at, ends_at)
       VALUES ($1, $2, $3, $4, $5, ARRAY[$6]::uuid[], now(), now() + interval '1 hour') RETURNING id`,
      [orgId, application.id, roleId, round.id, role.loopVersion.id, team.interviewers[0].memberId],
    );
    await t.dataSource.query(
      `INSERT INTO scorecards (organization_id, application_id, interview_id, interviewer_id, loop_version_id, status) VALUES ($1, $2, $3, $4, $5, 'draft')`,
      [orgId, application.id, interview.id, team.interviewers[0].memberId, role.loopVersion.id],
    );
    await t.http
      .patch(`/v1/questions/${question.id}`)
      .set(team.recruiter.auth)
      .send({ prompt: 'Design and read an experiment for a ranking change.' })
      .expect(200);
    const v1 = version;
    role = (await t.http.get(`/v1/roles/${roleId}`).set(team.recruiter.auth).expect(200)).body;
    expect(role.loopVersion.number).toBe(2);
    version = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${role.loopVersion.id}`).set(team.recruiter.auth).expect(200)).body;
    expect(version.snapshot.rounds[0].questions[0].prompt).toBe('Design and read an experiment for a ranking change.');
    const v1Now = (await t.http.get(`/v1/roles/${roleId}/loop-versions/${v1.id}`).set(team.recruiter.auth).expect(200)).body;
    expect(v1Now.snapshot).toEqual(v1.snapshot);

    // Once the round no longer uses it, the question can go.
    await t.http.patch(`/v1/roles/${roleId}/rounds/${round.id}`).set(team.recruiter.auth).send({ questionIds: [] }).expect(200);
    await t.http.delete(`/v1/questions/${question.id}`).set(team.recruiter.auth).expect(204);
  });

  it('lets recruiters and admins write, hiring managers read, interviewers nothing; other tenants get 404', async () => {
    const team = await createTeam(t);
    const question = await createQuestion(team, { prompt: 'Tell me about a model you shipped.' });
    const interviewer = team.interviewers[0];

    await t.http.get('/v1/questions').set(interviewer.auth).expect(403);
    await t.http.get(`/v1/questions/${question.id}`).set(interviewer.auth).expect(403);
    await t.http.post('/v1/questions').set(interviewer.auth).send({ prompt: 'X' }).expect(403);
    await t.http.get('/v1/questions').set(team.hiringManager.auth).expect(200);
    await t.http.post('/v1/questions').set(team.hiringManager.auth).send({ prompt: 'X' }).expect(403);
    await t.http.patch(`/v1/questions/${question.id}`).set(team.hiringManager.auth).send({ prompt: 'X' }).expect(403);
    await t.http.delete(`/v1/questions/${question.id}`).set(team.hiringManager.auth).expect(403);
    await t.http
      .patch(`/v1/questions/${question.id}`)
      .set(team.admin.auth)
      .send({ tags: ['shipping'] })
      .expect(200);

    const outsider = await signupOrganization(t);
    await t.http.get(`/v1/questions/${question.id}`).set(outsider.auth).expect(404);
    await t.http.patch(`/v1/questions/${question.id}`).set(outsider.auth).send({ prompt: 'Mine' }).expect(404);
    await t.http.delete(`/v1/questions/${question.id}`).set(outsider.auth).expect(404);
    await t.http.get('/v1/questions/not-a-uuid').set(outsider.auth).expect(404);
    expect((await t.http.get('/v1/questions').set(outsider.auth).expect(200)).body.items).toEqual([]);
    // Nor can an outsider link our question to their round.
    const own = (await t.http.post('/v1/roles').set(outsider.auth).send({ title: 'X' }).expect(201)).body;
    const res = await t.http
      .post(`/v1/roles/${own.id}/rounds`)
      .set(outsider.auth)
      .send({ name: 'R', kind: 'coding', durationMinutes: 30, questionIds: [question.id] })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['questionIds.0']);

    expect((await t.http.get(`/v1/questions/${question.id}`).set(team.recruiter.auth).expect(200)).body.prompt).toBe(
      'Tell me about a model you shipped.',
    );
  });
});
