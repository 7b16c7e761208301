import { addMember, createHiringScene, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';

/**
 * Voluntary self-identification (issue 16, item 1): a one-time, expiring link created by recruiters and admins, a
 * candidate form without an account, answers sealed apart from interview data and readable by the compliance role
 * only.
 */
describe('voluntary self-identification', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const tokenOf = (url: string) => url.split('/').pop()!;
  const answers = { sex: 'female', raceEthnicity: 'asian', veteranStatus: 'decline_to_answer', disability: 'no' };

  it('a recruiter creates a link; the candidate answers once; only compliance reads the answers, sealed at rest', async () => {
    const scene = await createHiringScene(t);
    const { admin, recruiter, hiringManager, interviewers } = scene.team;
    const compliance = await addMember(t, admin, ['compliance'], 'Casey Compliance');

    const link = await t.http.post(`/v1/applications/${scene.applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(201);
    expect(link.body.url).toMatch(/\/#\/self-identification\/[A-Za-z0-9_-]{43}$/);
    const days = (new Date(link.body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    const token = tokenOf(link.body.url);

    // Stored as its hash only.
    const stored = await t.dataSource.query(`SELECT token_hash FROM self_identification_links WHERE application_id = $1`, [scene.applicationId]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    const form = await t.http.get(`/v1/self-identification/${token}`).expect(200);
    expect(form.body.questions.map((q: { category: string }) => q.category)).toEqual(['sex', 'raceEthnicity', 'veteranStatus', 'disability']);
    for (const q of form.body.questions) expect(q.options.map((o: { value: string }) => o.value)).toContain('decline_to_answer');
    expect(form.body.roleTitle).toBeTruthy();

    // Field-level validation.
    const bad = await t.http
      .post(`/v1/self-identification/${token}`)
      .send({ ...answers, sex: 'robot' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['sex']);

    // Nobody reads answers that do not exist yet; compliance gets 404.
    await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(compliance.auth).expect(404);

    await t.http.post(`/v1/self-identification/${token}`).send(answers).expect(204);
    // Works once.
    const again = await t.http.post(`/v1/self-identification/${token}`).send(answers).expect(410);
    expect(again.body.code).toBe('self_identification_link_used');
    expect((await t.http.get(`/v1/self-identification/${token}`).expect(410)).body.code).toBe('self_identification_link_used');

    const read = await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(compliance.auth).expect(200);
    expect(read.body).toMatchObject({ applicationId: scene.applicationId, answers });

    // Readable by compliance only: admins, recruiters, hiring managers and interviewers get 403.
    for (const actor of [admin, recruiter, hiringManager, interviewers[0]]) {
      const denied = await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(actor.auth).expect(403);
      expect(denied.body.code).toBe('role_required');
    }

    // Sealed at rest: the answers are nowhere in clear in the row; the debrief, the application and the audit log know nothing.
    const [row] = await t.dataSource.query(`SELECT encode(answers, 'escape') AS text FROM self_identifications WHERE application_id = $1`, [
      scene.applicationId,
    ]);
    expect(row.text).not.toContain('asian');
    const application = await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200);
    expect(JSON.stringify(application.body)).not.toMatch(/asian|raceEthnicity|selfIdentification/i);
    const audit = await t.dataSource.query(`SELECT action, after::text FROM audit_log WHERE organization_id = $1 AND entity_id = $2`, [
      admin.organizationId,
      scene.applicationId,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('self_identification.link_created');
    expect(JSON.stringify(audit)).not.toMatch(/asian|decline_to_answer/);
  });

  it('refuses other roles and other tenants when creating a link, and unknown or expired tokens', async () => {
    const scene = await createHiringScene(t);
    const { admin, hiringManager, interviewers } = scene.team;
    for (const actor of [hiringManager, interviewers[0], await addMember(t, admin, ['compliance'])]) {
      const denied = await t.http.post(`/v1/applications/${scene.applicationId}/self-identification-link`).set(actor.auth).send({}).expect(403);
      expect(denied.body.code).toBe('role_required');
    }
    const stranger = await signupOrganization(t);
    await t.http.post(`/v1/applications/${scene.applicationId}/self-identification-link`).set(stranger.auth).send({}).expect(404);
    const strangerCompliance = await addMember(t, stranger, ['compliance']);
    await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(strangerCompliance.auth).expect(404);

    const invalid = await t.http
      .post(`/v1/applications/${scene.applicationId}/self-identification-link`)
      .set(admin.auth)
      .send({ expiresInDays: 90 })
      .expect(400);
    expect(invalid.body.errors[0].field).toBe('expiresInDays');

    await t.http.get(`/v1/self-identification/${'x'.repeat(43)}`).expect(404);
    await t.http.post(`/v1/self-identification/not-a-token`).send(answers).expect(404);

    const link = await t.http
      .post(`/v1/applications/${scene.applicationId}/self-identification-link`)
      .set(admin.auth)
      .send({ expiresInDays: 1 })
      .expect(201);
    await t.dataSource.query(`UPDATE self_identification_links SET expires_at = now() - interval '1 second' WHERE application_id = $1`, [
      scene.applicationId,
    ]);
    const expired = await t.http
      .post(`/v1/self-identification/${tokenOf(link.body.url)}`)
      .send(answers)
      .expect(410);
    expect(expired.body.code).toBe('self_identification_link_expired');
    expect(await t.dataSource.query(`SELECT 1 FROM self_identifications WHERE application_id = $1`, [scene.applicationId])).toEqual([]);
  });

  it('erasing the candidate deletes the answers and the links', async () => {
    const scene = await createHiringScene(t);
    const { admin, recruiter } = scene.team;
    const compliance = await addMember(t, admin, ['compliance']);
    const link = await t.http.post(`/v1/applications/${scene.applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(201);
    await t.http
      .post(`/v1/self-identification/${tokenOf(link.body.url)}`)
      .send(answers)
      .expect(204);
    await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(compliance.auth).expect(200);

    await t.http.delete(`/v1/candidates/${scene.candidate.id}`).set(recruiter.auth).expect(204);

    await t.http.get(`/v1/applications/${scene.applicationId}/self-identification`).set(compliance.auth).expect(404);
    expect(await t.dataSource.query(`SELECT 1 FROM self_identifications WHERE application_id = $1`, [scene.applicationId])).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM self_identification_links WHERE application_id = $1`, [scene.applicationId])).toEqual([]);
    const erased = await t.http.get(`/v1/audit-log?entityId=${scene.candidate.id}&action=candidate.erased`).set(admin.auth).expect(200);
    expect(erased.body.items[0].after).toMatchObject({ selfIdentificationsDeleted: 1 });
    // A new link for an erased candidate is refused.
    await t.http.post(`/v1/applications/${scene.applicationId}/self-identification-link`).set(recruiter.auth).send({}).expect(409);
  });
});
