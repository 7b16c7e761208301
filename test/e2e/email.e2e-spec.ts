import { Queue, QueueEvents } from 'bullmq';
import { createHash } from 'node:crypto';
import { JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import {
  createHiringScene,
  createTestApp,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ReceivedMail, SmtpReceiver, startSmtpReceiver, verificationTokenReader } from '@hireloop/testing/smtp-receiver';
import { freePort, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

const APP = 'http://app.hireloop.test';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * Transactional email end to end, with real peers only: the API in process, two real worker processes sending over
 * SMTP (nodemailer) to a real SMTP server on loopback (smtp-server), every message parsed with mailparser.
 * The workers' back-off is shortened (200 ms doubling to 1 s) so that an outage test takes seconds; the default
 * policy (10 attempts, 2 s doubling to 5 min, 810 s in all) is covered by apps/worker/src/email/email-retry.spec.ts.
 */
describe('transactional email (API → outbox → worker → SMTP)', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  const workers: WorkerProcess[] = [];
  let queue: Queue;
  let events: QueueEvents;
  const metricsUrls: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ reject: (address) => (address.startsWith('bounce-') ? 550 : null) });
    // The API builds calendar-feed URLs from PUBLIC_APP_URL too.
    process.env.PUBLIC_APP_URL = APP;
    t = await createTestApp();
    // The workers below send every mail, the verification mails of signup too: read those as they arrive.
    t.readVerificationToken = verificationTokenReader(smtp);
    const env = {
      SMTP_URL: smtp.url,
      PUBLIC_APP_URL: APP,
      MAIL_FROM: 'Hireloop Test <no-reply@hireloop.test>',
      EMAIL_RETRY_DELAY_MS: '200',
      EMAIL_RETRY_MAX_DELAY_MS: '1000',
      EMAIL_MAX_ATTEMPTS: '50',
      EMAIL_SMTP_TIMEOUT_MS: '2000',
      REMINDER_CRON: '0 0 1 1 *',
    };
    // Two workers share the queue: every test below also proves that an event is emailed once, not once per worker.
    // Each worker serves its Prometheus metrics on a port of its own (WORKER_METRICS_PORT).
    const metricsPorts = [await freePort(), await freePort()];
    metricsUrls.push(...metricsPorts.map((port) => `http://127.0.0.1:${port}/metrics`));
    workers.push(
      await startWorker({ name: 'email-worker-1', env: { ...env, WORKER_METRICS_PORT: String(metricsPorts[0]) } }),
      await startWorker({ name: 'email-worker-2', env: { ...env, WORKER_METRICS_PORT: String(metricsPorts[1]) } }),
    );
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    queue = new Queue(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    events = new QueueEvents(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    await events.waitUntilReady();
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await stopAllProcesses();
    await events?.close();
    await queue?.close();
    await smtp?.stop();
    await t?.close();
    delete process.env.PUBLIC_APP_URL;
  });

  /** `hireloop_email_delivery_attempts_total{outcome}` summed over both workers' /metrics. */
  const emailAttempts = async (): Promise<Record<'sent' | 'retrying' | 'failed', number>> => {
    const totals = { sent: 0, retrying: 0, failed: 0 };
    for (const url of metricsUrls) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      for (const match of (await res.text()).matchAll(/^hireloop_email_delivery_attempts_total\{outcome="(sent|retrying|failed)"\} (\S+)$/gm)) {
        totals[match[1] as keyof typeof totals] += Number(match[2]);
      }
    }
    return totals;
  };

  const linkIn = (mail: ReceivedMail, path: string): URL => {
    const match = new RegExp(`${APP.replace(/\./g, '\\.')}${path}[^\\s"<>]*`).exec(mail.parsed.text ?? '');
    if (!match) throw new Error(`no ${path} link in:\n${mail.parsed.text}`);
    return new URL(match[0]);
  };
  const calendarOf = (mail: ReceivedMail): string => {
    const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
    if (!part) throw new Error(`no text/calendar part in ${mail.parsed.subject}`);
    return part.content.toString('utf8').replace(/\r\n[ \t]/g, '');
  };
  /** The message is about this id (in its text, or its calendar part for a cancellation). */
  const mentions = (m: ReceivedMail, id: string) =>
    (m.parsed.text ?? '').includes(id) ||
    m.parsed.attachments.some((a) =>
      a.content
        .toString('utf8')
        .replace(/\r\n[ \t]/g, '')
        .includes(id),
    );
  const icsField = (ics: string, name: string) => new RegExp(`^${name}(?:;[^:]*)?:(.*)$`, 'm').exec(ics)?.[1]?.trim();
  /** The organization's deliveries after its signup (whose verification mail is a delivery of the organization too). */
  const deliveriesOf = (organizationId: string) =>
    t.dataSource.query(
      `SELECT template, recipient_email, status, attempts, params FROM email_deliveries WHERE organization_id = $1 AND template <> 'email_verification' ORDER BY created_at`,
      [organizationId],
    );

  it('emails an invitation with its accept link; the link’s token accepts the invitation', async () => {
    const admin = await signupOrganization(t, 'Acme Robotics');
    const email = uniqueEmail('invitee');
    const invite = await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email, name: 'Ivy Invitee', roles: ['interviewer'] })
      .expect(201);

    const [mail] = await smtp.waitFor((m) => m.envelope.to.includes(email), { what: 'the invitation' });
    expect(mail.parsed.subject).toBe('Alex Admin invited you to Acme Robotics on hireloop');
    expect(mail.parsed.from?.value[0]).toEqual({ name: 'Hireloop Test', address: 'no-reply@hireloop.test' });
    expect(mail.parsed.to).toMatchObject({ value: [{ name: 'Ivy Invitee', address: email }] });
    expect(mail.parsed.html).toContain('Acme Robotics');
    expect(mail.parsed.text).not.toContain('Choose which emails you get'); // essential mail: no preferences link
    const link = linkIn(mail, '/accept-invite');
    expect(link.searchParams.get('token')).toBe(invite.body.inviteToken);
    expect(mail.parsed.html).toContain(link.toString().replace(/&/g, '&amp;'));

    await t.http
      .post('/v1/auth/accept-invite')
      .send({ token: link.searchParams.get('token'), password: TEST_PASSWORD })
      .expect(200);
    // Sent: the token is no longer stored with the delivery.
    await waitFor(async () => (await deliveriesOf(admin.organizationId)).every((d: { status: string }) => d.status === 'sent'), {
      what: 'sent status',
    });
    expect(await deliveriesOf(admin.organizationId)).toEqual([
      { template: 'invitation', recipient_email: email, status: 'sent', attempts: 1, params: {} },
    ]);
    // The signup's verification mail went the same way (read from this SMTP server by signupOrganization).
    expect(
      await t.dataSource.query(`SELECT status, params FROM email_deliveries WHERE organization_id = $1 AND template = 'email_verification'`, [
        admin.organizationId,
      ]),
    ).toEqual([{ status: 'sent', params: {} }]);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('resets a password end to end: request → email → confirm → sign in; a reused or expired token is refused', async () => {
    const admin = await signupOrganization(t);
    const unknown = uniqueEmail('nobody');
    const known = await t.http.post('/v1/auth/password-reset').send({ email: admin.email.toUpperCase() }).expect(202);
    const none = await t.http.post('/v1/auth/password-reset').send({ email: unknown }).expect(202);
    expect(none.body).toEqual(known.body); // no account enumeration
    expect(known.body).toEqual({ accepted: true });

    // (The admin's first mail was the verification of their signup.)
    const [mail] = await smtp.waitFor((m) => m.envelope.to.includes(admin.email) && /\/reset-password/.test(m.parsed.text ?? ''), {
      what: 'the reset email',
    });
    expect(mail.parsed.subject).toBe('Reset your hireloop password');
    const token = linkIn(mail, '/reset-password').searchParams.get('token')!;
    // Stored hashed only.
    const stored = await t.dataSource.query(`SELECT token_hash, expires_at - created_at AS ttl FROM password_reset_tokens WHERE user_id = $1`, [
      admin.userId,
    ]);
    expect(stored).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex'), ttl: expect.objectContaining({ hours: 1 }) }]);

    // Sessions open before the reset (this one answered from memory by now) end with it, wherever they are.
    for (let i = 0; i < 3; i++) await t.http.get('/v1/me').set(admin.auth).expect(200);
    await t.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(204);
    await t.http.get('/v1/me').set(admin.auth).expect(401);
    // The owner hears of the change (in case it was not them), with a way back in.
    const [changed] = await smtp.waitFor((m) => m.envelope.to.includes(admin.email) && m.parsed.subject === 'Your hireloop password was changed', {
      what: 'the password-changed email',
    });
    expect(linkIn(changed, '/forgot-password').pathname).toBe('/forgot-password');
    // A session opened right after it (even within the same second) works.
    const fresh = await t.http.post('/v1/auth/login').send({ email: admin.email, password: 'a brand new passphrase' }).expect(200);
    await t.http.get('/v1/me').set('Authorization', `Bearer ${fresh.body.accessToken}`).expect(200);
    await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(401);

    const reused = await t.http.post('/v1/auth/password-reset/confirm').send({ token, password: 'yet another passphrase' }).expect(400);
    expect(reused.body).toMatchObject({
      code: 'invalid_reset_token',
      errors: [{ field: 'token', message: 'Token: is unknown, already used or expired.' }],
    });

    await t.http.post('/v1/auth/password-reset').send({ email: admin.email }).expect(202);
    const isReset = (m: ReceivedMail) => m.envelope.to.includes(admin.email) && /\/reset-password/.test(m.parsed.text ?? '');
    const [second] = await smtp.waitFor(isReset, { count: 2, what: 'the second reset email' }).then((m) => m.slice(1));
    const expiring = linkIn(second, '/reset-password').searchParams.get('token')!;
    await t.dataSource.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [
      createHash('sha256').update(expiring).digest('hex'),
    ]);
    const expired = await t.http.post('/v1/auth/password-reset/confirm').send({ token: expiring, password: 'yet another passphrase' }).expect(400);
    expect(expired.body.code).toBe('invalid_reset_token');
    await t.http.post('/v1/auth/login').send({ email: admin.email, password: 'a brand new passphrase' }).expect(200);

    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(unknown)).toHaveLength(0);
    expect(smtp.to(admin.email).filter(isReset)).toHaveLength(2);
  });

  it('a signed-in password change emails the owner, once', async () => {
    const admin = await signupOrganization(t);
    await t.http
      .post('/v1/me/password')
      .set(admin.auth)
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'another brand new passphrase' })
      .expect(200);
    const isChanged = (m: ReceivedMail) => m.envelope.to.includes(admin.email) && m.parsed.subject === 'Your hireloop password was changed';
    const [mail] = await smtp.waitFor(isChanged, { what: 'the password-changed email' });
    expect(mail.parsed.text).toContain('every session signed in before then was signed out');
    expect(mail.parsed.text).not.toContain('/settings/notifications');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.to(admin.email).filter(isChanged)).toHaveLength(1);
  });

  it('sends each interviewer an iCalendar invite; a move updates the same UID with a higher SEQUENCE; a cancellation is METHOD:CANCEL', async () => {
    const scene = await createHiringScene(t, { candidateName: 'Grace Hopper' });
    const [alice, bob] = scene.team.interviewers;
    const window = interviewWindow(48);
    const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice, bob], window);

    const forInterview = (m: ReceivedMail) => mentions(m, interviewId);
    const scheduled = await smtp.waitFor((m) => forInterview(m) && /^Interview:/.test(m.parsed.subject ?? ''), { count: 2, what: 'two invitations' });
    expect(scheduled.map((m) => m.envelope.to).sort()).toEqual([[alice.email], [bob.email]].sort());
    const first = calendarOf(scheduled[0]);
    expect(icsField(first, 'METHOD')).toBe('REQUEST');
    expect(icsField(first, 'UID')).toBe(`interview-${interviewId}@hireloop`);
    expect(icsField(first, 'SEQUENCE')).toBe('0');
    expect(icsField(first, 'DTSTART')).toBe(window.startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    expect(scheduled[0].parsed.subject).toContain('Grace Hopper');
    expect(linkIn(scheduled[0], `/interviews/${interviewId}`).pathname).toBe(`/interviews/${interviewId}`);
    expect(scheduled[0].parsed.text).toContain(`Choose which emails you get: ${APP}/settings/notifications`);

    const moved = interviewWindow(72);
    await t.http.patch(`/v1/interviews/${interviewId}`).set(scene.team.recruiter.auth).send(moved).expect(200);
    const movedMails = await smtp.waitFor((m) => forInterview(m) && /^Moved:/.test(m.parsed.subject ?? ''), { count: 2, what: 'two updates' });
    for (const mail of movedMails) {
      const ics = calendarOf(mail);
      expect([icsField(ics, 'METHOD'), icsField(ics, 'UID'), icsField(ics, 'SEQUENCE')]).toEqual([
        'REQUEST',
        `interview-${interviewId}@hireloop`,
        '1',
      ]);
      expect(icsField(ics, 'DTSTART')).toBe(moved.startsAt.replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
    }

    await t.http.post(`/v1/interviews/${interviewId}/cancel`).set(scene.team.recruiter.auth).expect(200);
    await t.http.post(`/v1/interviews/${interviewId}/cancel`).set(scene.team.recruiter.auth).expect(200); // a no-op: no second email
    const cancelled = await smtp.waitFor((m) => forInterview(m) && /^Cancelled:/.test(m.parsed.subject ?? ''), {
      count: 2,
      what: 'two cancellations',
    });
    for (const mail of cancelled) {
      const ics = calendarOf(mail);
      expect([icsField(ics, 'METHOD'), icsField(ics, 'UID'), icsField(ics, 'SEQUENCE'), icsField(ics, 'STATUS')]).toEqual([
        'CANCEL',
        `interview-${interviewId}@hireloop`,
        '2',
        'CANCELLED',
      ]);
    }
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages.filter(forInterview)).toHaveLength(6);
  });

  it('serves an interviewer a private, revocable iCalendar feed with the same UIDs and SEQUENCEs as the emails', async () => {
    const scene = await createHiringScene(t, { candidateName: 'Feed Candidate' });
    const [alice, bob] = scene.team.interviewers;
    const kept = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice], interviewWindow(96));
    const dropped = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.design.id, [alice], interviewWindow(100));
    const bobs = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.pairing.id, [bob], interviewWindow(104));
    await t.http.post(`/v1/interviews/${dropped}/cancel`).set(scene.team.recruiter.auth).expect(200);

    const created = await t.http.post('/v1/me/calendar-feed').set(alice.auth).expect(201);
    const url = new URL(created.body.url);
    expect(url.origin).toBe(APP);
    expect(url.pathname).toMatch(/^\/v1\/calendar-feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await t.http.get(url.pathname).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const ics = feed.text.replace(/\r\n[ \t]/g, '');
    const events = ics.split('BEGIN:VEVENT').slice(1);
    expect(events.map((e) => icsField(e, 'UID')).sort()).toEqual([`interview-${kept}@hireloop`, `interview-${dropped}@hireloop`].sort());
    const droppedEvent = events.find((e) => e.includes(dropped))!;
    expect([icsField(droppedEvent, 'STATUS'), icsField(droppedEvent, 'SEQUENCE')]).toEqual(['CANCELLED', '1']);
    expect(ics).not.toContain(bobs);

    // Rotating replaces the URL; revoking ends it.
    const rotated = new URL((await t.http.post('/v1/me/calendar-feed').set(alice.auth).expect(201)).body.url);
    await t.http.get(url.pathname).expect(404);
    await t.http.get(rotated.pathname).expect(200);
    await t.http.delete('/v1/me/calendar-feed').set(alice.auth).expect(204);
    await t.http.get(rotated.pathname).expect(404);
    await t.http.get('/v1/calendar-feeds/not-a-token.ics').expect(404);
  });

  it('emails a feedback reminder with the scorecard link, and the escalation to the hiring manager', async () => {
    const scene = await createHiringScene(t);
    const [alice] = scene.team.interviewers;
    const window = interviewWindow(-2);
    const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, scene.role.rounds.technical.id, [alice], window);
    const ended = new Date(window.endsAt).getTime();
    for (const now of [ended + 25 * HOUR, ended + 25 * HOUR, ended + 24 * HOUR + 3 * DAY + HOUR]) {
      const job = await queue.add(JobName.ScanReminders, { now: new Date(now).toISOString() });
      await job.waitUntilFinished(events, 30_000);
    }
    const reminders = await smtp.waitFor((m) => m.envelope.to.includes(alice.email) && /^Reminder:/.test(m.parsed.subject ?? ''), {
      count: 2,
      what: 'two reminders',
    });
    expect(linkIn(reminders[0], `/interviews/${interviewId}`).toString()).toBe(`${APP}/interviews/${interviewId}`);
    const [escalation] = await smtp.waitFor(
      (m) => m.envelope.to.includes(scene.team.hiringManager.email) && /^Feedback overdue/.test(m.parsed.subject ?? ''),
      { what: 'the escalation' },
    );
    expect(escalation.parsed.subject).toContain('Alice Interviewer');
    expect(linkIn(escalation, `/applications/${scene.applicationId}/debrief`)).toBeTruthy();
    await new Promise((r) => setTimeout(r, 1000));
    // Steps 0 and 3 for Alice (the repeated scan at step 0 sent nothing new), one escalation.
    expect(smtp.to(alice.email).filter((m) => /^Reminder:/.test(m.parsed.subject ?? ''))).toHaveLength(2);
    expect(smtp.to(scene.team.hiringManager.email).filter((m) => /^Feedback overdue/.test(m.parsed.subject ?? ''))).toHaveLength(1);
  });

  it('tells the recruiter about a recorded decision, with the debrief link', async () => {
    const scene = await createHiringScene(t, { candidateName: 'Ada Byron' });
    await t.http
      .post(`/v1/applications/${scene.applicationId}/decision`)
      .set(scene.team.hiringManager.auth)
      .send({ decision: 'hire', rationale: 'Strong across the loop.', overrideReason: 'Decided before the report.' })
      .expect(201);
    const [mail] = await smtp.waitFor(
      (m) => m.envelope.to.includes(scene.team.recruiter.email) && /^Decision recorded/.test(m.parsed.subject ?? ''),
      { what: 'the decision email' },
    );
    expect(mail.parsed.subject).toBe(`Decision recorded: hire for Ada Byron (${scene.role.title})`);
    expect(linkIn(mail, `/applications/${scene.applicationId}/debrief`).pathname).toBe(`/applications/${scene.applicationId}/debrief`);
    expect(mail.parsed.text).toContain('Harper Manager');
  });

  it('loses nothing while the SMTP server is down, and sends everything exactly once when it is back', async () => {
    const admin = await signupOrganization(t);
    const before = await emailAttempts();
    await smtp.stop();
    const emails = Array.from({ length: 6 }, () => uniqueEmail('outage'));
    for (const email of emails)
      await t.http
        .post('/v1/members')
        .set(admin.auth)
        .send({ email, name: 'Outage Person', roles: ['interviewer'] })
        .expect(201);
    // Attempts fail and are retried with back-off while the server is down.
    await waitFor(
      async () => {
        const rows: { attempts: number; status: string; last_error: string | null }[] = await t.dataSource.query(
          `SELECT attempts, status, last_error FROM email_deliveries WHERE organization_id = $1 AND template = 'invitation'`,
          [admin.organizationId],
        );
        return (
          rows.length === 6 &&
          rows.every(
            (r) => r.attempts >= 3 && r.status !== 'sent' && r.status !== 'failed' && /ECONNREFUSED|ECONNECTION|connect/i.test(r.last_error ?? ''),
          )
        );
      },
      { timeoutMs: 30_000, what: 'three failed attempts each' },
    );
    expect(smtp.messages.filter((m) => emails.includes(m.envelope.to[0]))).toHaveLength(0);
    await smtp.start();
    await smtp.waitFor((m) => emails.includes(m.envelope.to[0]), { count: 6, timeoutMs: 30_000, what: 'the six invitations' });
    await new Promise((r) => setTimeout(r, 2000));
    for (const email of emails) expect(smtp.to(email)).toHaveLength(1);
    const rows = await deliveriesOf(admin.organizationId);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(Array(6).fill('sent'));
    // The workers counted the outage's attempts as retrying (at least three per message) and each message once as sent.
    const after = await emailAttempts();
    expect(after.retrying - before.retrying).toBeGreaterThanOrEqual(18);
    expect(after.sent - before.sent).toBeGreaterThanOrEqual(6);
    expect(after.failed - before.failed).toBe(0);
  });

  it('records a permanent failure (550) at once and shows it to admins only, without the content', async () => {
    const admin = await signupOrganization(t);
    const other = await signupOrganization(t);
    const bounce = `bounce-${uniqueEmail('x')}`;
    const before = await emailAttempts();
    await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email: bounce, name: 'Bounce Person', roles: ['interviewer'] })
      .expect(201);
    const failed = await waitFor(
      async () => {
        const res = await t.http.get('/v1/admin/email-deliveries?status=failed').set(admin.auth).expect(200);
        return res.body.items.length > 0 ? res.body : null;
      },
      { timeoutMs: 20_000, what: 'a failed delivery' },
    );
    expect(failed).toEqual({
      items: [
        {
          id: expect.any(String),
          template: 'invitation',
          recipientEmail: bounce,
          status: 'failed',
          attempts: 1,
          lastError: expect.stringMatching(/550/),
          createdAt: expect.any(String),
          sentAt: null,
          failedAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(failed)).not.toMatch(/token/i);
    // One permanent failure counted (the counter moves just after the row is marked), without a retry in between.
    const after = await waitFor(
      async () => {
        const totals = await emailAttempts();
        return totals.failed > before.failed ? totals : null;
      },
      { what: 'the failure counted' },
    );
    expect(after.failed - before.failed).toBe(1);
    expect(after.retrying - before.retrying).toBe(0);
    const all = await t.http.get('/v1/admin/email-deliveries?limit=1').set(admin.auth).expect(200);
    expect(all.body.items).toHaveLength(1);
    // The other organization sees its own signup's verification only, never this failure.
    expect(
      (await t.http.get('/v1/admin/email-deliveries').set(other.auth).expect(200)).body.items.map((d: { template: string }) => d.template),
    ).toEqual(['email_verification']);
    const recruiter = await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email: uniqueEmail('r'), name: 'R', roles: ['recruiter'] })
      .expect(201);
    const accepted = await t.http.post('/v1/auth/accept-invite').send({ token: recruiter.body.inviteToken, password: TEST_PASSWORD }).expect(200);
    await t.http
      .get('/v1/admin/email-deliveries')
      .set({ Authorization: `Bearer ${accepted.body.accessToken}` })
      .expect(403);
    await t.http.get('/v1/admin/email-deliveries?status=lost').set(admin.auth).expect(400);
    await t.http.get('/v1/admin/email-deliveries?cursor=WyJ4IiwieSJd').set(admin.auth).expect(400);
  });

  describe('bad input', () => {
    it('refuses header injection, malformed addresses and oversized names with a field-level 400, storing and sending nothing', async () => {
      const admin = await signupOrganization(t);
      const count = async () =>
        (
          await t.dataSource.query(
            `SELECT (SELECT count(*) FROM members WHERE organization_id = $1)::int AS members, (SELECT count(*) FROM email_deliveries WHERE organization_id = $1)::int AS emails,
                    (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM outbox_messages WHERE organization_id = $1)::int AS outbox`,
            [admin.organizationId],
          )
        )[0];
      const before = await count();
      const cases: [Record<string, unknown>, string][] = [
        [{ email: uniqueEmail('crlf'), name: 'Eve\r\nBcc: victim@evil.test', roles: ['interviewer'] }, 'name'],
        [{ email: uniqueEmail('lf'), name: 'Eve\nSubject: hi', roles: ['interviewer'] }, 'name'],
        [{ email: `${uniqueEmail('a')}, victim@evil.test`, name: 'Eve', roles: ['interviewer'] }, 'email'],
        [{ email: `eve@example.test\r\nBcc: victim@evil.test`, name: 'Eve', roles: ['interviewer'] }, 'email'],
        [{ email: 'not-an-address', name: 'Eve', roles: ['interviewer'] }, 'email'],
        [{ email: uniqueEmail('long'), name: 'E'.repeat(201), roles: ['interviewer'] }, 'name'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/v1/members').set(admin.auth).send(body);
        expect({ body, status: res.status, fields: res.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
          body,
          status: 400,
          fields: [field],
        });
        expect(res.body.errors[0].message).toEqual(expect.any(String));
      }
      expect(await count()).toEqual(before);

      const badReset = await t.http.post('/v1/auth/password-reset').send({ email: 'eve@example.test\r\nBcc: x@evil.test' }).expect(400);
      expect(badReset.body.errors).toEqual([expect.objectContaining({ field: 'email' })]);
      const badToken = await t.http
        .post('/v1/auth/password-reset/confirm')
        .send({ token: 'x'.repeat(43), password: 'long enough password' })
        .expect(400);
      expect(badToken.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
      const shortPassword = await t.http.post('/v1/auth/password-reset/confirm').send({ token: 'x', password: 'short' }).expect(400);
      expect(shortPassword.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    });

    it('keeps stored names with line breaks out of the headers: one-line subject, only the intended recipient', async () => {
      const scene = await createHiringScene(t);
      await t.dataSource.query(`UPDATE candidates SET name = $2 WHERE id = $1`, [
        scene.candidate.id,
        'Mallory\r\nBcc: victim@evil.test\r\n\r\nInjected body',
      ]);
      const [alice] = scene.team.interviewers;
      const interviewId = await scheduleInterview(
        t,
        scene.team.recruiter,
        scene.applicationId,
        scene.role.rounds.technical.id,
        [alice],
        interviewWindow(30),
      );
      const [mail] = await smtp.waitFor((m) => mentions(m, interviewId) && /^Interview:/.test(m.parsed.subject ?? ''), { what: 'the invitation' });
      expect(mail.envelope.to).toEqual([alice.email]);
      expect(mail.parsed.subject).toBe(
        `Interview: ${scene.role.rounds.technical.name} interview with Mallory Bcc: victim@evil.test Injected body (${scene.role.title})`,
      );
      expect(mail.parsed.bcc).toBeUndefined();
      expect(mail.parsed.headers.has('bcc')).toBe(false);
      expect(smtp.messages.some((m) => m.envelope.to.includes('victim@evil.test'))).toBe(false);
    });

    it('a move to an invalid window is refused with a field-level 400 and sends nothing', async () => {
      const scene = await createHiringScene(t);
      const [alice] = scene.team.interviewers;
      const interviewId = await scheduleInterview(
        t,
        scene.team.recruiter,
        scene.applicationId,
        scene.role.rounds.technical.id,
        [alice],
        interviewWindow(50),
      );
      await smtp.waitFor((m) => mentions(m, interviewId), { what: 'the invitation' });
      const w = interviewWindow(60);
      const res = await t.http
        .patch(`/v1/interviews/${interviewId}`)
        .set(scene.team.recruiter.auth)
        .send({ startsAt: w.endsAt, endsAt: w.startsAt })
        .expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'endsAt' })]);
      await t.http.patch(`/v1/interviews/${interviewId}`).set(scene.team.recruiter.auth).send({ startsAt: 'tomorrow', endsAt: w.endsAt }).expect(400);
      await new Promise((r) => setTimeout(r, 1000));
      expect(smtp.messages.filter((m) => mentions(m, interviewId))).toHaveLength(1);
    });
  });
});
