import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { completeScorecard, ContractChecker, createHiringScene, createTestApp, HiringScene, scheduleInterview, TestApp } from '@hireloop/testing';

/**
 * Real responses against the served OpenAPI document (the one the web app's types are generated from): a walk
 * through the hiring loop and its usual refusals, every response checked by ContractChecker.
 */
describe('the API answers as its OpenAPI document says', () => {
  let t: TestApp;
  let contract: ContractChecker;
  let scene: HiringScene;

  beforeAll(async () => {
    t = await createTestApp();
    contract = new ContractChecker((await t.http.get('/docs-json').expect(200)).body);
    scene = await createHiringScene(t);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Sends the request and checks its response against the document. */
  async function call(request: Test, expectedStatus: number) {
    const res = await request;
    const req = (res as unknown as { req: { method: string; path: string } }).req;
    contract.verify(req.method, req.path, res.status, res.headers['content-type'], res.body);
    expect({ status: res.status, body: res.status === expectedStatus ? undefined : res.body }).toEqual({ status: expectedStatus, body: undefined });
    return res;
  }

  it('flags a body that departs from its schema (a field too many, a wrong type, an undeclared code)', async () => {
    const checker = new ContractChecker((await t.http.get('/docs-json').expect(200)).body);
    const me = (await t.http.get('/v1/me').set(scene.team.admin.auth).expect(200)).body;
    expect(checker.verify('GET', '/v1/me', 200, 'application/json', me)).toEqual([]);
    expect(checker.verify('GET', '/v1/me', 200, 'application/json', { ...me, undeclared: 1 })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    expect(checker.verify('GET', '/v1/me', 200, 'application/json', { ...me, user: { ...me.user, email: 42 } })).toEqual([
      expect.stringContaining('/user/email must be string'),
    ]);
    const problem = { type: 'https://hireloop.dev/problems/role_not_open', title: 'Not Found', status: 404, detail: 'x', code: 'role_not_open' };
    expect(checker.verify('GET', `/v1/applications/${randomUUID()}`, 404, 'application/problem+json', problem)).toEqual([
      expect.stringContaining('/code must be equal to one of the allowed values'),
    ]);
    expect(checker.verify('GET', '/v1/me', 409, 'application/problem+json', problem)).toEqual([
      expect.stringContaining('status 409 is not declared'),
    ]);
  });

  it('walks the hiring loop with bodies matching the declared schemas', async () => {
    const { admin, recruiter, hiringManager, interviewers } = scene.team;
    const [alice, bob] = interviewers;
    const { roleId } = scene.role;
    const { technical } = scene.role.rounds;

    await call(t.http.get('/health'), 200);
    await call(t.http.get('/health/ready'), 200);
    await call(t.http.get('/v1/me').set(alice.auth), 200);
    const members = await call(t.http.get('/v1/members').set(admin.auth), 200);
    await call(t.http.get(`/v1/members/${members.body.items[0].id}`).set(admin.auth), 200);
    await call(t.http.get('/v1/organization').set(admin.auth), 200);
    await call(t.http.patch('/v1/organization').set(admin.auth).send({ reminderAfterHours: 48 }), 200);
    await call(t.http.get('/v1/roles').set(recruiter.auth), 200);
    await call(t.http.get(`/v1/roles/${roleId}`).set(hiringManager.auth), 200);
    const versions = await call(t.http.get(`/v1/roles/${roleId}/loop-versions`).set(recruiter.auth), 200);
    await call(t.http.get(`/v1/roles/${roleId}/loop-versions/${versions.body.items[0].id}`).set(recruiter.auth), 200);
    const templates = await call(t.http.get('/v1/role-templates').set(recruiter.auth), 200);
    await call(t.http.get(`/v1/role-templates/${templates.body.items[0].key}`).set(recruiter.auth), 200);
    const draft = await call(t.http.post('/v1/roles').set(recruiter.auth).send({ title: 'Contract Engineer', level: 'L4' }), 201);
    await call(
      t.http
        .post(`/v1/roles/${draft.body.id}/dimensions`)
        .set(recruiter.auth)
        .send({ name: 'Rigor', weight: 100, rubric: { 1: 'a', 2: 'b', 3: 'c', 4: 'd' } }),
      201,
    );
    await call(t.http.post(`/v1/roles/${draft.body.id}/open`).set(recruiter.auth), 422);
    await call(t.http.post('/v1/questions').set(recruiter.auth).send({ prompt: 'Walk me through a design you would change today.' }), 201);
    await call(t.http.get('/v1/questions').set(recruiter.auth), 200);
    await call(t.http.get('/v1/candidates').set(recruiter.auth), 200);
    await call(t.http.get(`/v1/candidates/${scene.candidate.id}`).set(recruiter.auth), 200);
    await call(t.http.patch(`/v1/candidates/${scene.candidate.id}`).set(recruiter.auth).send({ source: 'conference' }), 200);
    await call(t.http.get('/v1/applications').set(recruiter.auth), 200);
    await call(t.http.get(`/v1/applications/${scene.applicationId}`).set(hiringManager.auth), 200);

    const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice]);
    await scheduleInterview(t, recruiter, scene.applicationId, scene.role.rounds.design.id, [bob]);
    await call(t.http.get('/v1/me/interviews').set(alice.auth), 200);
    await call(t.http.get(`/v1/interviews/${interviewId}/kit`).set(alice.auth), 200);
    await call(t.http.put(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth).send({ recommendation: 'yes' }), 200);
    await call(t.http.get(`/v1/interviews/${interviewId}/scorecard`).set(alice.auth), 200);
    const submitted = await call(
      t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(alice.auth).send(completeScorecard(technical)),
      200,
    );
    await call(
      t.http
        .post(`/v1/interviews/${interviewId}/scorecard/amend`)
        .set(alice.auth)
        .send({ ...completeScorecard(technical, { rating: 4 }), reason: 'Re-read my notes' }),
      200,
    );
    await call(t.http.get('/v1/me/interviews/completed?withTotal=true&limit=1').set(alice.auth), 200);
    await call(t.http.get('/v1/me/interviews/completed?cursor=nope').set(alice.auth), 400);
    await call(t.http.get(`/v1/applications/${scene.applicationId}/scorecards`).set(hiringManager.auth), 200);
    await call(t.http.get(`/v1/scorecards/${submitted.body.id}`).set(hiringManager.auth), 200);
    await call(t.http.get(`/v1/applications/${scene.applicationId}/debrief`).set(hiringManager.auth), 200);
    await call(t.http.get(`/v1/roles/${roleId}/calibration`).set(hiringManager.auth), 200);
    await call(t.http.get(`/v1/interviewers/${alice.memberId}/calibration`).set(alice.auth), 200);
    await call(t.http.get('/v1/audit-log').set(admin.auth), 200);
    await call(t.http.get('/v1/notifications').set(alice.auth), 200);
    await call(t.http.get('/v1/admin/email-deliveries').set(admin.auth), 200);
    await call(t.http.get('/v1/admin/queues').set(admin.auth), 200);
    const feed = await call(t.http.post('/v1/me/calendar-feed').set(alice.auth), 201);
    await call(t.http.get(new URL(feed.body.url).pathname), 200);
    await call(t.http.delete('/v1/me/calendar-feed').set(alice.auth), 204);
    expect(contract.checked.size).toBeGreaterThanOrEqual(40);
    expect(contract.violations).toEqual([]);
  });

  it('refuses with the problem codes the document lists for each operation', async () => {
    const { recruiter, hiringManager, interviewers } = scene.team;
    const [, , carol] = interviewers;
    await call(t.http.get('/v1/me'), 401);
    await call(t.http.get('/v1/me').set({ Authorization: 'Bearer not-a-token' }), 401);
    await call(t.http.get('/v1/candidates').set(carol.auth), 403);
    await call(t.http.get('/v1/applications/not-a-uuid').set(recruiter.auth), 404);
    await call(t.http.get(`/v1/applications/${randomUUID()}`).set(recruiter.auth), 404);
    await call(t.http.post('/v1/candidates').set(recruiter.auth).send({}), 400);
    await call(t.http.post('/v1/candidates').set(recruiter.auth).set('content-type', 'application/json').send('{"name":'), 400);
    await call(t.http.get('/v1/candidates?limit=1000').set(recruiter.auth), 400);
    await call(t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: scene.candidate.id, roleId: scene.role.roleId }), 409);
    await call(t.http.get(`/v1/applications/${scene.applicationId}/decision`).set(hiringManager.auth), 404);
    await call(t.http.post('/v1/auth/login').send({ email: 'nobody@example.test', password: 'wrong password' }), 401);
    await call(t.http.post('/v1/auth/verify-email').send({ token: 'x'.repeat(43) }), 400);
    await call(t.http.get(`/v1/calendar-feeds/${'z'.repeat(43)}.ics`), 404);
    expect(contract.violations).toEqual([]);
  });
});
