import { createHiringScene, createTestApp, interviewWindow, scheduleInterview, TestApp } from '@hireloop/testing';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ReceivedMail, SmtpReceiver, startSmtpReceiver } from '@hireloop/testing/smtp-receiver';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

const APP = 'http://app.hireloop.test';

/**
 * Issue 18, item 1: email preferences per user, honoured by the real worker sending over SMTP to a real SMTP server
 * on loopback; the signed link and the RFC 8058 one-click unsubscribe of a received message change them.
 */
describe('email preferences', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let worker: WorkerProcess;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    process.env.PUBLIC_APP_URL = APP;
    t = await createTestApp();
    worker = await startWorker({
      name: 'preferences-worker',
      env: { SMTP_URL: smtp.url, PUBLIC_APP_URL: APP, EMAIL_RETRY_DELAY_MS: '200', REMINDER_CRON: '0 0 1 1 *' },
    });
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await smtp?.stop();
    await t?.close();
    delete process.env.PUBLIC_APP_URL;
  });

  /** A header as sent (mailparser folds List-* headers into a structure of its own). */
  const header = (mail: ReceivedMail, name: string) => {
    const line = mail.parsed.headerLines.find((h) => h.key === name)?.line;
    return line
      ?.slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  };

  it('reads and changes your own preferences; every category is on by default; bad values are a 400 on the field', async () => {
    const scene = await createHiringScene(t);
    const alice = scene.team.interviewers[0];
    const mine = await t.http.get('/v1/me/email-preferences').set(alice.auth).expect(200);
    expect(mine.body).toEqual({
      email: alice.email,
      interviewUpdates: true,
      feedbackReminders: true,
      decisionNotices: true,
      essential: ['invitation', 'email_verification', 'signup_attempt', 'password_reset', 'password_changed', 'email_change', 'email_changed'],
    });
    const changed = await t.http.patch('/v1/me/email-preferences').set(alice.auth).send({ feedbackReminders: false }).expect(200);
    expect(changed.body).toMatchObject({ interviewUpdates: true, feedbackReminders: false, decisionNotices: true });
    await t.http.patch('/v1/me/email-preferences').set(alice.auth).send({ decisionNotices: false }).expect(200);
    expect((await t.http.get('/v1/me/email-preferences').set(alice.auth).expect(200)).body).toMatchObject({
      feedbackReminders: false,
      decisionNotices: false,
    });
    const bad = await t.http.patch('/v1/me/email-preferences').set(alice.auth).send({ feedbackReminders: 'no' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'feedbackReminders' })]);
    // Another member's preferences are their own.
    expect((await t.http.get('/v1/me/email-preferences').set(scene.team.interviewers[1].auth).expect(200)).body.feedbackReminders).toBe(true);
    await t.http.get('/v1/me/email-preferences').expect(401);
  });

  it('the sender skips a category the recipient turned off; the others get it with a signed preferences link and one-click unsubscribe', async () => {
    const scene = await createHiringScene(t, { candidateName: 'Preference Candidate' });
    const [alice, bob] = scene.team.interviewers;
    await t.http.patch('/v1/me/email-preferences').set(alice.auth).send({ interviewUpdates: false }).expect(200);
    const interviewId = await scheduleInterview(
      t,
      scene.team.recruiter,
      scene.applicationId,
      scene.role.rounds.technical.id,
      [alice, bob],
      interviewWindow(50),
    );

    const [mail] = await smtp.waitFor((m) => m.envelope.to.includes(bob.email) && (m.parsed.text ?? '').includes(interviewId), {
      what: "Bob's invitation",
    });
    await waitFor(
      async () => {
        const rows = await t.dataSource.query(`SELECT status FROM email_deliveries WHERE recipient_email = $1 AND template = 'interview_scheduled'`, [
          alice.email,
        ]);
        return rows[0]?.status === 'skipped';
      },
      { what: "Alice's invitation skipped" },
    );
    expect(
      smtp
        .to(alice.email)
        .filter((m) => (m.parsed.text ?? '').includes(interviewId))
        .map((m) => m.parsed.subject),
    ).toEqual([]);
    const admin = await t.http.get('/v1/admin/email-deliveries?status=skipped').set(scene.team.admin.auth).expect(200);
    expect(admin.body.items).toEqual([
      expect.objectContaining({
        recipientEmail: alice.email,
        template: 'interview_scheduled',
        status: 'skipped',
        lastError: expect.stringContaining('interviewUpdates'),
      }),
    ]);

    // The footer link carries Bob's signed token; it opens his preferences without signing in.
    const link = new URL(/http:\/\/app\.hireloop\.test\/settings\/notifications\?token=[^\s"<>]+/.exec(mail.parsed.text ?? '')![0]);
    const token = link.searchParams.get('token')!;
    expect((await t.http.get(`/v1/email-preferences/${encodeURIComponent(token)}`).expect(200)).body).toMatchObject({
      email: bob.email,
      interviewUpdates: true,
    });
    await t.http
      .patch(`/v1/email-preferences/${encodeURIComponent(token)}`)
      .send({ decisionNotices: false })
      .expect(200);
    expect((await t.http.get('/v1/me/email-preferences').set(bob.auth).expect(200)).body).toMatchObject({
      interviewUpdates: true,
      decisionNotices: false,
    });

    // RFC 8058: List-Unsubscribe (an https URI in production) with List-Unsubscribe-Post; a POST of the form turns the category off.
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = new URL(/<([^>]+)>/.exec(header(mail, 'list-unsubscribe') ?? '')![1]);
    expect(unsubscribe.origin).toBe(APP);
    expect(unsubscribe.searchParams.get('category')).toBe('interviewUpdates');
    const res = await t.http
      .post(unsubscribe.pathname + unsubscribe.search)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(200);
    expect(res.body).toMatchObject({ email: bob.email, interviewUpdates: false, feedbackReminders: true });

    // Essential mail has neither the link nor the headers.
    const invitee = `essential-${Date.now()}@example.test`;
    await t.http
      .post('/v1/members')
      .set(scene.team.admin.auth)
      .send({ email: invitee, name: 'Essential Ivy', roles: ['interviewer'] })
      .expect(201);
    const [invitation] = await smtp.waitFor((m) => m.envelope.to.includes(invitee), { what: 'the invitation' });
    expect(header(invitation, 'list-unsubscribe')).toBeUndefined();
    expect(invitation.parsed.text).not.toContain('/settings/notifications');
  });

  it('refuses a link this service did not sign (404), changing nothing', async () => {
    const scene = await createHiringScene(t);
    const alice = scene.team.interviewers[0];
    const forged = `${alice.userId}.${'A'.repeat(43)}`;
    expect((await t.http.get(`/v1/email-preferences/${forged}`).expect(404)).body.code).toBe('email_preferences_link_invalid');
    await t.http.patch(`/v1/email-preferences/${forged}`).send({ interviewUpdates: false }).expect(404);
    await t.http
      .post(`/v1/email-preferences/${forged}/unsubscribe`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('List-Unsubscribe=One-Click')
      .expect(404);
    expect((await t.http.get('/v1/me/email-preferences').set(alice.auth).expect(200)).body.interviewUpdates).toBe(true);
  });
});
