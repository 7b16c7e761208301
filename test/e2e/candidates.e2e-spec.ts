import { randomUUID } from 'node:crypto';
import {
  addMember,
  completeScorecard,
  createHiringScene,
  createOpenRole,
  createTeam,
  createTestApp,
  scheduleInterview,
  signupOrganization,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';

describe('candidates, applications and erasure', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];

  describe('candidates', () => {
    it('creates, reads, searches, pages and updates candidates; emails are lower-cased and unique per organization', async () => {
      const { admin, recruiter } = await createTeam(t);
      const email = uniqueEmail('grace');
      const created = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: '  Grace Hopper ', email: `  ${email.toUpperCase()} `, source: 'conference', links: ['https://example.com/grace'] })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Grace Hopper',
        email,
        source: 'conference',
        links: ['https://example.com/grace'],
        erased: false,
        erasedAt: null,
      });

      const dup = await t.http.post('/v1/candidates').set(admin.auth).send({ name: 'Another Grace', email: email.toUpperCase() }).expect(409);
      expect(dup.body).toMatchObject({ status: 409, code: 'candidate_email_taken', errors: [{ field: 'email', code: 'email_taken' }] });
      // The same email in another organization is someone else's candidate.
      const other = await signupOrganization(t);
      await t.http.post('/v1/candidates').set(other.auth).send({ name: 'Grace Elsewhere', email }).expect(201);

      const ada = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: 'Ada Lovelace', email: uniqueEmail('ada') })
        .expect(201);
      expect(ada.body).toMatchObject({ source: null, links: [] });
      const search = await t.http.get('/v1/candidates?q=HOPPER').set(recruiter.auth).expect(200);
      expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
      expect(
        (
          await t.http
            .get(`/v1/candidates?q=${encodeURIComponent('%')}`)
            .set(recruiter.auth)
            .expect(200)
        ).body.items,
      ).toEqual([]);
      const page1 = await t.http.get('/v1/candidates?limit=1').set(recruiter.auth).expect(200);
      expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([ada.body.id]);
      const page2 = await t.http.get(`/v1/candidates?limit=1&cursor=${page1.body.nextCursor}`).set(recruiter.auth).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: created.body.id })], nextCursor: null });

      const updated = await t.http
        .patch(`/v1/candidates/${ada.body.id}`)
        .set(recruiter.auth)
        .send({ name: 'Ada King', source: 'referral', links: ['https://example.com/ada'] })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Ada King', source: 'referral', links: ['https://example.com/ada'], applications: [] });
      expect((await t.http.patch(`/v1/candidates/${ada.body.id}`).set(recruiter.auth).send({ email }).expect(409)).body.errors[0].field).toBe(
        'email',
      );
      await t.http
        .patch(`/v1/candidates/${ada.body.id}`)
        .set(recruiter.auth)
        .send({ source: null })
        .expect(200)
        .expect((r) => expect(r.body.source).toBeNull());

      // The audit log records who changed what, never the personal data itself.
      const audit = await t.http.get(`/v1/audit-log?entityType=candidate&entityId=${ada.body.id}`).set(admin.auth).expect(200);
      expect(audit.body.items.map((r: { action: string }) => r.action)).toEqual(['candidate.updated', 'candidate.updated', 'candidate.created']);
      expect(audit.body.items[1].after).toMatchObject({ changed: ['name', 'source', 'links'] });
      expect(JSON.stringify(audit.body)).not.toMatch(/Ada|King|Lovelace|@example/);
    });

    it('validates fields and keeps candidates to recruiters and admins of the organization', async () => {
      const { admin, recruiter, hiringManager, interviewers } = await createTeam(t);
      const bad = await t.http
        .post('/v1/candidates')
        .set(recruiter.auth)
        .send({ name: '   ', email: 'nope', links: ['javascript:alert(1)'], age: 30 })
        .expect(400);
      expect(fields(bad).sort()).toEqual(['age', 'email', 'links', 'name']);
      expect(fields(await t.http.post('/v1/candidates').set(recruiter.auth).send({ email: uniqueEmail() }).expect(400))).toEqual(['name']);
      expect(fields(await t.http.get('/v1/candidates?limit=500').set(recruiter.auth).expect(400))).toEqual(['limit']);

      const c = await t.http.post('/v1/candidates').set(admin.auth).send({ name: 'Kept Private', email: uniqueEmail() }).expect(201);
      for (const someone of [hiringManager, interviewers[0]]) {
        expect((await t.http.get(`/v1/candidates/${c.body.id}`).set(someone.auth).expect(403)).body.code).toBe('role_required');
        await t.http.get('/v1/candidates').set(someone.auth).expect(403);
        await t.http.post('/v1/candidates').set(someone.auth).send({ name: 'X', email: uniqueEmail() }).expect(403);
        await t.http.delete(`/v1/candidates/${c.body.id}`).set(someone.auth).expect(403);
      }
      const stranger = await signupOrganization(t);
      await t.http.get(`/v1/candidates/${c.body.id}`).set(stranger.auth).expect(404);
      await t.http.patch(`/v1/candidates/${c.body.id}`).set(stranger.auth).send({ name: 'Hijack' }).expect(404);
      await t.http.delete(`/v1/candidates/${c.body.id}`).set(stranger.auth).expect(404);
      expect((await t.http.get('/v1/candidates').set(stranger.auth).expect(200)).body.items).toEqual([]);
      await t.http.get('/v1/candidates/123').set(admin.auth).expect(404);
      expect((await t.http.get(`/v1/candidates/${c.body.id}`).set(admin.auth).expect(200)).body.name).toBe('Kept Private');
    });
  });

  describe('applications', () => {
    it('applies candidates to open roles only, once at a time, and lets recruiters move them', async () => {
      const scene = await createHiringScene(t, { candidateName: 'Alan Turing' });
      const { admin, recruiter } = scene.team;
      const detail = await t.http.get(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).expect(200);
      expect(detail.body).toMatchObject({
        id: scene.applicationId,
        candidateId: scene.candidate.id,
        candidateName: 'Alan Turing',
        roleId: scene.role.roleId,
        roleTitle: scene.role.title,
        roleLevel: 'L5',
        hiringManagerId: scene.team.hiringManager.memberId,
        stage: 'applied',
        status: 'active',
        decidedAt: null,
        interviews: [],
      });

      const again = await t.http
        .post('/v1/applications')
        .set(recruiter.auth)
        .send({ candidateId: scene.candidate.id, roleId: scene.role.roleId })
        .expect(409);
      expect(again.body).toMatchObject({ code: 'application_exists', applicationId: scene.applicationId });

      const draftRole = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: null, status: 'draft' });
      expect(
        (await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: scene.candidate.id, roleId: draftRole.roleId }).expect(409))
          .body.code,
      ).toBe('role_not_open');
      await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: randomUUID(), roleId: scene.role.roleId }).expect(404);
      const stranger = await signupOrganization(t);
      const foreignRole = await createOpenRole(t.dataSource, stranger.organizationId, { hiringManagerId: null });
      await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: scene.candidate.id, roleId: foreignRole.roleId }).expect(404);
      expect(
        fields(await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: 'x', roleId: scene.role.roleId }).expect(400)),
      ).toEqual(['candidateId']);
      await t.http
        .post('/v1/applications')
        .set(scene.team.interviewers[0].auth)
        .send({ candidateId: scene.candidate.id, roleId: scene.role.roleId })
        .expect(403);

      const moved = await t.http.patch(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).send({ stage: 'onsite' }).expect(200);
      expect(moved.body.stage).toBe('onsite');
      expect(fields(await t.http.patch(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).send({ status: 'hired' }).expect(400))).toEqual(
        ['status'],
      );
      await t.http.patch(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).send({ status: 'rejected' }).expect(200);
      expect(
        (await t.http.patch(`/v1/applications/${scene.applicationId}`).set(recruiter.auth).send({ status: 'withdrawn' }).expect(409)).body.code,
      ).toBe('application_not_active');
      // With the old one closed, the candidate may apply again.
      await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: scene.candidate.id, roleId: scene.role.roleId }).expect(201);

      const audit = await t.http.get(`/v1/audit-log?entityType=application&entityId=${scene.applicationId}`).set(admin.auth).expect(200);
      expect(audit.body.items.map((r: { action: string; before: unknown; after: unknown }) => [r.action, r.before, r.after])).toEqual([
        ['application.status_changed', { stage: 'onsite', status: 'active' }, { stage: 'onsite', status: 'rejected' }],
        ['application.updated', { stage: 'applied', status: 'active' }, { stage: 'onsite', status: 'active' }],
        ['application.created', null, { candidateId: scene.candidate.id, roleId: scene.role.roleId, stage: 'applied', status: 'active' }],
      ]);
    });

    it('shows hiring managers the applications of their own roles only', async () => {
      const scene = await createHiringScene(t);
      const { admin, recruiter, hiringManager } = scene.team;
      const otherHm = await addMember(t, admin, ['hiring_manager'], 'Other Manager');
      const otherRole = await createOpenRole(t.dataSource, admin.organizationId, { hiringManagerId: otherHm.memberId });
      const c2 = await t.http.post('/v1/candidates').set(recruiter.auth).send({ name: 'Second Person', email: uniqueEmail() }).expect(201);
      const otherApp = await t.http
        .post('/v1/applications')
        .set(recruiter.auth)
        .send({ candidateId: c2.body.id, roleId: otherRole.roleId })
        .expect(201);

      const mine = await t.http.get('/v1/applications').set(hiringManager.auth).expect(200);
      expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([scene.applicationId]);
      const theirs = await t.http.get('/v1/applications').set(otherHm.auth).expect(200);
      expect(theirs.body.items.map((a: { id: string }) => a.id)).toEqual([otherApp.body.id]);
      await t.http.get(`/v1/applications/${scene.applicationId}`).set(hiringManager.auth).expect(200);
      expect((await t.http.get(`/v1/applications/${scene.applicationId}`).set(otherHm.auth).expect(403)).body.code).toBe('application_access_denied');
      await t.http.get(`/v1/applications/${scene.applicationId}`).set(scene.team.interviewers[0].auth).expect(403);
      await t.http.patch(`/v1/applications/${scene.applicationId}`).set(hiringManager.auth).send({ stage: 'x' }).expect(403);

      const all = await t.http.get(`/v1/applications?roleId=${otherRole.roleId}`).set(recruiter.auth).expect(200);
      expect(all.body.items.map((a: { id: string }) => a.id)).toEqual([otherApp.body.id]);
      expect((await t.http.get('/v1/applications?status=rejected').set(recruiter.auth).expect(200)).body.items).toEqual([]);
      expect(all.body.items[0]).toMatchObject({ candidateName: 'Second Person', roleTitle: otherRole.title, status: 'active' });
      const stranger = await signupOrganization(t);
      expect((await t.http.get('/v1/applications').set(stranger.auth).expect(200)).body.items).toEqual([]);
      await t.http.get(`/v1/applications/${scene.applicationId}`).set(stranger.auth).expect(404);
    });
  });

  describe('erasure on request', () => {
    it('anonymises personal data, erases every free text about the candidate, keeps the numbers, and is audited', async () => {
      const scene = await createHiringScene(t, { candidateName: 'Jane Marie Doe' });
      const { admin, recruiter, hiringManager, interviewers } = scene.team;
      const [alice, bob] = interviewers;
      const round = scene.role.rounds.technical;
      await t.http
        .patch(`/v1/candidates/${scene.candidate.id}`)
        .set(recruiter.auth)
        .send({ links: ['https://github.com/janedoe'] })
        .expect(200);
      const interviewId = await scheduleInterview(t, recruiter, scene.applicationId, round.id, [alice, bob]);
      const aliceBody = {
        ratings: [
          { dimensionId: round.focusDimensionIds[0], rating: 3, evidence: 'Jane wrote a clean LRU; DOE handled eviction well.' },
          { dimensionId: round.focusDimensionIds[1], notAssessed: true, notAssessedReason: 'Marie had to leave early' },
        ],
        recommendation: 'yes',
        privateNote: `Mail ${scene.candidate.email} about the offer; Jane Marie Doe is keen.`,
      };
      const card = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', 'erasure-key')
        .send(aliceBody)
        .expect(200);
      await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/amend`)
        .set(alice.auth)
        .send({ ...aliceBody, recommendation: 'strong_yes', reason: 'Talked to Jane again' })
        .expect(200);
      await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(bob.auth)
        .send(completeScorecard(round, { rating: 2, evidence: 'Solid but slow; Janet (not the candidate) agreed.' }))
        .expect(200);
      // A recorded decision's rationale names her too (the decisions API belongs to the debriefs).
      await t.dataSource.query(
        `INSERT INTO decisions (organization_id, application_id, decision, rationale, decided_by_member_id) VALUES ($1, $2, 'hire', $3, $4)`,
        [admin.organizationId, scene.applicationId, 'Hire Jane: strong coding, Doe impressed everyone.', hiringManager.memberId],
      );
      const ratingsBefore = await t.dataSource.query(
        `SELECT scorecard_id, dimension_id, rating FROM scorecard_ratings WHERE application_id = $1 ORDER BY 1, 2`,
        [scene.applicationId],
      );

      await t.http.delete(`/v1/candidates/${scene.candidate.id}`).set(recruiter.auth).expect(204);

      const erased = await t.http.get(`/v1/candidates/${scene.candidate.id}`).set(admin.auth).expect(200);
      expect(erased.body).toMatchObject({
        name: 'Erased candidate',
        email: `erased+${scene.candidate.id}@invalid.hireloop`,
        source: null,
        links: [],
        erased: true,
        erasedAt: expect.any(String),
        applications: [{ id: scene.applicationId, status: 'withdrawn' }],
      });

      // Free text about her (evidence, reasons, notes — anyone's, on her application) erased; every number kept.
      const after = await t.http.get(`/v1/scorecards/${card.body.id}`).set(hiringManager.auth).expect(200);
      expect(after.body).toMatchObject({
        status: 'submitted',
        revision: 2,
        recommendation: 'strong_yes',
        ratings: [
          { rating: 3, evidence: '[erased on request]' },
          { rating: null, notAssessed: true, notAssessedReason: '[erased on request]' },
        ],
        privateNote: '[erased on request]',
      });
      expect(after.body.history.map((h: { reason: string | null }) => h.reason)).toEqual([null, '[erased on request]']);
      expect(after.body.history[0].content.ratings[0].evidence).toBe('[erased on request]');
      const bobs = (await t.http.get(`/v1/applications/${scene.applicationId}/scorecards`).set(hiringManager.auth).expect(200)).body.items.find(
        (s: { interviewerId: string }) => s.interviewerId === bob.memberId,
      );
      expect(bobs.ratings[0].evidence).toBe('[erased on request]');
      expect(
        await t.dataSource.query(`SELECT scorecard_id, dimension_id, rating FROM scorecard_ratings WHERE application_id = $1 ORDER BY 1, 2`, [
          scene.applicationId,
        ]),
      ).toEqual(ratingsBefore);

      // Nothing stored about the application still names her: scorecards, revisions, decisions, the audit log.
      const leftovers = await t.dataSource.query(
        `SELECT 'scorecard' AS what FROM scorecards WHERE application_id = $1 AND (ratings::text || coalesce(private_note, '')) ~* '(jane|marie|doe)\\M'
         UNION ALL SELECT 'revision' FROM scorecard_revisions v JOIN scorecards s ON s.id = v.scorecard_id
          WHERE s.application_id = $1 AND (v.content::text || coalesce(v.reason, '')) ~* '(jane|marie|doe)\\M'
         UNION ALL SELECT 'decision' FROM decisions WHERE application_id = $1 AND rationale ~* '(jane|doe)\\M'
         UNION ALL SELECT 'stored response' FROM idempotency_keys WHERE organization_id = $3 AND response::text ~* '(jane|marie|doe)\\M'
         UNION ALL SELECT 'candidate' FROM candidates WHERE id = $2 AND (name || email || array_to_string(links, ' ')) ~* '(jane|doe)\\M'
         UNION ALL SELECT 'audit' FROM audit_log WHERE organization_id = $3 AND (coalesce(before::text, '') || coalesce(after::text, '')) ~* '(jane|marie|doe|${scene.candidate.email.split('@')[0]})\\M'`,
        [scene.applicationId, scene.candidate.id, admin.organizationId],
      );
      expect(leftovers).toEqual([]);
      const [decision] = await t.dataSource.query(`SELECT rationale FROM decisions WHERE application_id = $1`, [scene.applicationId]);
      expect(decision.rationale).toBe('[erased on request]');

      const audit = await t.http
        .get(`/v1/audit-log?entityType=candidate&entityId=${scene.candidate.id}&action=candidate.erased`)
        .set(admin.auth)
        .expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actorMemberId: recruiter.memberId,
          before: { erased: false },
          after: expect.objectContaining({
            erased: true,
            applications: 1,
            applicationsWithdrawn: 1,
            scorecardsRedacted: 2,
            revisionsRedacted: 3,
            decisionsRedacted: 1,
            storedResponsesRedacted: 1,
            auditKeyDestroyed: true,
          }),
        }),
      ]);

      // A late retry of the submission replays the erased response.
      const replay = await t.http
        .post(`/v1/interviews/${interviewId}/scorecard/submit`)
        .set(alice.auth)
        .set('Idempotency-Key', 'erasure-key')
        .send(aliceBody)
        .expect(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.ratings[0].evidence).toBe('[erased on request]');

      // The kit, lists and the interviewers' views show the placeholder.
      expect((await t.http.get(`/v1/interviews/${interviewId}/kit`).set(alice.auth).expect(200)).body.candidate).toEqual({
        name: 'Erased candidate',
      });
      expect((await t.http.get(`/v1/candidates?q=jane`).set(admin.auth).expect(200)).body.items).toEqual([]);

      // Idempotent; the record is frozen.
      await t.http.delete(`/v1/candidates/${scene.candidate.id}`).set(admin.auth).expect(204);
      expect(
        (await t.http.get(`/v1/audit-log?entityId=${scene.candidate.id}&action=candidate.erased`).set(admin.auth).expect(200)).body.items,
      ).toHaveLength(1);
      expect((await t.http.patch(`/v1/candidates/${scene.candidate.id}`).set(admin.auth).send({ name: 'Jane Again' }).expect(409)).body.code).toBe(
        'candidate_erased',
      );
      expect(
        (await t.http.post('/v1/applications').set(recruiter.auth).send({ candidateId: scene.candidate.id, roleId: scene.role.roleId }).expect(409))
          .body.code,
      ).toBe('candidate_erased');
      await t.http.delete(`/v1/candidates/${randomUUID()}`).set(admin.auth).expect(404);
      // Her email is free again for a new, separate record.
      await t.http.post('/v1/candidates').set(recruiter.auth).send({ name: 'Jane Marie Doe', email: scene.candidate.email }).expect(201);
    });

    it('erases a candidate without applications', async () => {
      const { admin, recruiter } = await createTeam(t);
      const c = await t.http.post('/v1/candidates').set(recruiter.auth).send({ name: 'Lone Person', email: uniqueEmail() }).expect(201);
      await t.http.delete(`/v1/candidates/${c.body.id}`).set(admin.auth).expect(204);
      expect((await t.http.get(`/v1/candidates/${c.body.id}`).set(admin.auth).expect(200)).body).toMatchObject({
        name: 'Erased candidate',
        erased: true,
        applications: [],
      });
    });
  });
});
