import {
  addMember,
  completeScorecard,
  createHiringScene,
  createTestApp,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TestApp,
} from '@hireloop/testing';

/**
 * "Nudge" from the debrief: POST /v1/interviews/:id/nudges asks one interviewer for a missing scorecard. It lands in
 * the interviewer's inbox (GET /v1/notifications) and as an email delivery with its outbox row, and is limited to
 * one per interviewer every 12 hours.
 */
describe('feedback nudges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("reaches the interviewer's inbox and email (outbox), names who asked, and is limited per interviewer", async () => {
    const scene = await createHiringScene(t, { candidateName: 'Nora Nudge' });
    const { recruiter, hiringManager, admin, interviewers } = scene.team;
    const [alice, bob] = interviewers;
    const { technical, design } = scene.role.rounds;
    const ended = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice, bob], interviewWindow(-30));
    const another = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [alice], interviewWindow(-5));

    const res = await t.http.post(`/v1/interviews/${ended}/nudges`).set(recruiter.auth).send({ interviewerId: alice.memberId }).expect(201);
    expect(res.body).toEqual({
      notificationId: expect.any(String),
      interviewId: ended,
      interviewerId: alice.memberId,
      interviewerName: 'Alice Interviewer',
      nudgedAt: expect.any(String),
      nextNudgeAllowedAt: new Date(new Date(res.body.nudgedAt).getTime() + 12 * 3600_000).toISOString(),
    });

    const inbox = await t.http.get('/v1/notifications?unread=true').set(alice.auth).expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        id: res.body.notificationId,
        kind: 'feedback_nudge',
        interviewId: ended,
        interviewerId: alice.memberId,
        step: 0,
        payload: expect.objectContaining({
          applicationId: scene.applicationId,
          roleTitle: scene.role.title,
          daysOverdue: 0, // ended 29 hours ago, due 24 hours after the end
          nudgedBy: { memberId: recruiter.memberId, name: 'Riley Recruiter' },
        }),
        readAt: null,
      }),
    ]);
    expect((await t.http.get('/v1/notifications').set(bob.auth).expect(200)).body.items).toEqual([]);

    const emails: { template: string; recipient_email: string; params: Record<string, unknown>; queued: boolean }[] = await t.dataSource.query(
      `SELECT d.template, d.recipient_email, d.params,
              EXISTS (SELECT 1 FROM outbox_messages o WHERE o.dedupe_key = 'email:' || d.id::text) AS queued
         FROM email_deliveries d WHERE d.event_key = $1`,
      [`notification:${res.body.notificationId}`],
    );
    expect(emails).toEqual([
      {
        template: 'feedback_reminder',
        recipient_email: alice.email,
        params: expect.objectContaining({ interviewId: ended, nudgedBy: { memberId: recruiter.memberId, name: 'Riley Recruiter' } }),
        queued: true,
      },
    ]);

    // The same interviewer again within 12 hours, by anyone and for any interview: 429 with Retry-After.
    for (const [actor, interviewId] of [
      [hiringManager, ended],
      [admin, another],
    ] as const) {
      const again = await t.http.post(`/v1/interviews/${interviewId}/nudges`).set(actor.auth).send({ interviewerId: alice.memberId }).expect(429);
      expect(again.body).toMatchObject({ code: 'nudge_too_soon', status: 429 });
      expect(again.body.detail).toContain('Alice Interviewer was asked for feedback less than 12 hours ago');
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(11 * 3600);
    }
    // Another interviewer is not held back; the hiring manager of the role may nudge.
    await t.http.post(`/v1/interviews/${ended}/nudges`).set(hiringManager.auth).send({ interviewerId: bob.memberId }).expect(201);
    const count = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE interview_id = ANY($1::uuid[]) AND kind = 'feedback_nudge'`,
      [[ended, another]],
    );
    expect(count).toEqual([{ n: 2 }]);
    // A day later (the stored time moved back), Alice may be asked again: the second nudge on that interview is step 1.
    await t.dataSource.query(
      `UPDATE notifications SET created_at = created_at - interval '13 hours' WHERE interviewer_id = $1 AND kind = 'feedback_nudge'`,
      [alice.memberId],
    );
    await t.http.post(`/v1/interviews/${ended}/nudges`).set(admin.auth).send({ interviewerId: alice.memberId }).expect(201);
    const steps = await t.dataSource.query(`SELECT step FROM notifications WHERE interviewer_id = $1 AND kind = 'feedback_nudge' ORDER BY step`, [
      alice.memberId,
    ]);
    expect(steps).toEqual([{ step: 0 }, { step: 1 }]);
    const audit = await t.http.get(`/v1/audit-log?entityId=${ended}`).set(admin.auth).expect(200);
    expect(audit.body.items.filter((r: { action: string }) => r.action === 'interview.feedback_nudged')).toHaveLength(3);
  });

  it('refuses interviewers, other hiring managers and other tenants, and nudges that make no sense, in words', async () => {
    const scene = await createHiringScene(t);
    const { recruiter, admin, interviewers } = scene.team;
    const [alice, bob, carol] = interviewers;
    const { technical, design, pairing } = scene.role.rounds;
    const ended = await scheduleInterview(t, recruiter, scene.applicationId, technical.id, [alice, bob], interviewWindow(-3));
    const upcoming = await scheduleInterview(t, recruiter, scene.applicationId, design.id, [carol], interviewWindow(5));
    const cancelled = await scheduleInterview(t, recruiter, scene.applicationId, pairing.id, [carol], interviewWindow(-4));
    await t.http.post(`/v1/interviews/${cancelled}/cancel`).set(recruiter.auth).expect(200);
    await t.http.post(`/v1/interviews/${ended}/scorecard/submit`).set(bob.auth).send(completeScorecard(technical)).expect(200);
    const nudge = (interviewId: string, actor: { auth: { Authorization: string } }, interviewerId: string) =>
      t.http.post(`/v1/interviews/${interviewId}/nudges`).set(actor.auth).send({ interviewerId });

    // Roles: an interviewer may not nudge (even a colleague on the panel); a hiring manager of another role may not.
    expect((await nudge(ended, bob, alice.memberId).expect(403)).body.code).toBe('role_required');
    const otherManager = await addMember(t, admin, ['hiring_manager'], 'Other Manager');
    expect((await nudge(ended, otherManager, alice.memberId).expect(403)).body.code).toBe('nudge_not_allowed');
    // Another organization's admin: 404, as for an interview that does not exist.
    const stranger = await signupOrganization(t);
    expect((await nudge(ended, stranger, alice.memberId).expect(404)).body.code).toBe('interview_not_found');

    const refused = [
      [await nudge(ended, recruiter, carol.memberId), 400, 'validation_failed'],
      [await nudge(ended, recruiter, 'someone'), 400, 'validation_failed'],
      [await nudge(ended, recruiter, bob.memberId), 409, 'feedback_submitted'],
      [await nudge(upcoming, recruiter, carol.memberId), 409, 'interview_not_ended'],
      [await nudge(cancelled, recruiter, carol.memberId), 409, 'interview_not_scheduled'],
    ] as const;
    expect(refused.map(([res]) => [res.status, res.body.code])).toEqual(refused.map(([, status, code]) => [status, code]));
    expect(refused[0][0].body.errors).toEqual([
      { field: 'interviewerId', message: 'This person is not on the interview’s panel.', code: 'not_on_panel' },
    ]);
    expect(refused[1][0].body.errors).toEqual([
      expect.objectContaining({ field: 'interviewerId', message: 'Choose an interviewer of this interview.' }),
    ]);
    expect(refused[2][0].body.detail).toBe('Bob Interviewer has already submitted the scorecard.');
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1`, [admin.organizationId]);
    expect(stored).toEqual([{ n: 0 }]);
  });
});
