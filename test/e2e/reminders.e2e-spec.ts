import { createHmac } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { FeedbackRemindersService, NotificationsRepository, OutboxService, ReminderScanResult, WebhookDeliveryService } from '@hireloop/core';
import { WebhookDeliveriesRepository } from '@hireloop/core/notifications/webhook-deliveries.repository';
import { OrganizationsRepository } from '@hireloop/core/organizations/organizations.repository';
import { FeedbackRemindersRepository } from '@hireloop/core/reminders/feedback-reminders.repository';
import { JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { createTeam, createTestApp, TestApp } from '@hireloop/testing';
import {
  createCalibrationRole,
  scheduleInterview,
  startWebhookReceiver,
  submitFixtureScorecard,
  WebhookReceiver,
} from '@hireloop/testing/calibration-fixture';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * Feedback reminders end to end: the real worker runs `scan-reminders` jobs (with a `now` so days pass instantly),
 * stores notifications the API lists, and delivers signed webhooks through the outbox, with retries.
 *
 * Each test works in its own time window far in the future (100 days apart, beyond the scan's 45-day look-back),
 * so neither the real-time scheduled scans nor another test's scans ever see its interviews.
 */
describe('feedback reminders with the real worker', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess;
  let queue: Queue;
  let events: QueueEvents;
  let receiver: WebhookReceiver;
  let windows = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    queue = new Queue(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    events = new QueueEvents(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    await events.waitUntilReady();
    receiver = await startWebhookReceiver();
    worker = await startWorker({ name: 'reminders-worker' });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await events?.close();
    await queue?.close();
    await receiver?.close();
    await t?.close();
  });

  /** The start of a time window no other test uses. */
  const freshWindow = () => new Date(Math.ceil(Date.now() / DAY) * DAY + ++windows * 100 * DAY);

  /** Runs one scan in the worker as of `now` and returns its result. */
  async function scanAt(now: Date): Promise<ReminderScanResult> {
    const job = await queue.add(JobName.ScanReminders, { now: now.toISOString() });
    return job.waitUntilFinished(events, 30_000);
  }

  async function setup() {
    const team = await createTeam(t);
    const role = await createCalibrationRole(ds, team.admin.organizationId, {
      hiringManagerId: team.hiringManager.memberId,
      title: 'Staff Engineer',
    });
    return { team, role, org: team.admin.organizationId };
  }

  const notificationsOf = (organizationId: string) =>
    ds.query(
      `SELECT kind, recipient_member_id AS "recipient", interviewer_id AS "interviewer", step FROM notifications WHERE organization_id = $1 ORDER BY step, kind, recipient_member_id`,
      [organizationId],
    ) as Promise<{ kind: string; recipient: string; interviewer: string; step: number }[]>;

  it('the worker registers the periodic scan (fixed scheduler id, REMINDER_CRON, UTC)', async () => {
    const scheduler = await waitFor(() => queue.getJobScheduler('reminder-scan'), { what: 'the reminder-scan scheduler' });
    expect(scheduler).toMatchObject({ key: 'reminder-scan', name: JobName.ScanReminders, pattern: '*/15 * * * *', tz: 'UTC' });
  });

  it('reminds again from the new due time when an interview that had ended is moved later', async () => {
    const { team, role, org } = await setup();
    const [alice] = team.interviewers;
    const endedAt = freshWindow();
    const { interviewId } = await scheduleInterview(ds, role, { interviewerIds: [alice.memberId], endsAt: endedAt });
    expect((await scanAt(new Date(endedAt.getTime() + 25 * HOUR))).created).toBe(1); // step 0 of the first due time
    expect((await scanAt(new Date(endedAt.getTime() + 49 * HOUR))).created).toBe(1); // step 1

    // It did not take place: moved three days later (what PATCH /v1/interviews/:id stores).
    const movedEnd = new Date(endedAt.getTime() + 3 * DAY);
    await ds.query(`UPDATE interviews SET starts_at = $2, ends_at = $3 WHERE id = $1`, [interviewId, new Date(movedEnd.getTime() - HOUR), movedEnd]);
    expect((await scanAt(new Date(movedEnd.getTime() + 25 * HOUR))).created).toBe(1); // step 0 of the new due time
    expect((await scanAt(new Date(movedEnd.getTime() + 26 * HOUR))).created).toBe(0); // once
    expect((await scanAt(new Date(movedEnd.getTime() + 49 * HOUR))).created).toBe(1); // step 1 of the new due time

    const reminders = await ds.query(
      `SELECT step, due_at AS "dueAt", payload->>'dueAt' AS "payloadDueAt" FROM notifications WHERE organization_id = $1 ORDER BY due_at, step`,
      [org],
    );
    const due = (end: Date) => new Date(end.getTime() + DAY);
    expect(reminders).toEqual([
      { step: 0, dueAt: due(endedAt), payloadDueAt: due(endedAt).toISOString() },
      { step: 1, dueAt: due(endedAt), payloadDueAt: due(endedAt).toISOString() },
      { step: 0, dueAt: due(movedEnd), payloadDueAt: due(movedEnd).toISOString() },
      { step: 1, dueAt: due(movedEnd), payloadDueAt: due(movedEnd).toISOString() },
    ]);
  });

  it('reminds each interviewer without a submitted scorecard once, however many scans run', async () => {
    const { team, role, org } = await setup();
    const [alice, bob] = team.interviewers;
    const endedAt = freshWindow();
    const { interviewId } = await scheduleInterview(ds, role, { interviewerIds: [alice.memberId, bob.memberId], endsAt: endedAt });
    await submitFixtureScorecard(ds, role, interviewId, bob.memberId);

    await scanAt(new Date(endedAt.getTime() + 23 * HOUR)); // not due yet (24 h by default)
    expect(await notificationsOf(org)).toEqual([]);

    const due = new Date(endedAt.getTime() + 25 * HOUR);
    const first = await scanAt(due);
    expect(first.created).toBe(1);
    await scanAt(due);
    // Two more scans at the same moment, concurrently, straight through the service (as two workers would).
    const direct = new FeedbackRemindersService(
      ds,
      new FeedbackRemindersRepository(ds),
      new NotificationsRepository(ds),
      new WebhookDeliveryService(new WebhookDeliveriesRepository(ds), new OrganizationsRepository(ds), new OutboxService()),
    );
    const concurrent = await Promise.all([direct.scan(due), direct.scan(new Date(due.getTime() + HOUR))]);
    expect(concurrent.map((r) => r.created)).toEqual([0, 0]);
    expect(await notificationsOf(org)).toEqual([{ kind: 'feedback_reminder', recipient: alice.memberId, interviewer: alice.memberId, step: 0 }]);

    const list = await t.http.get('/v1/notifications').set(alice.auth).expect(200);
    expect(list.body).toEqual({
      items: [
        {
          id: expect.any(String),
          kind: 'feedback_reminder',
          interviewId,
          interviewerId: alice.memberId,
          step: 0,
          payload: {
            applicationId: expect.any(String),
            roleId: role.roleId,
            roleTitle: 'Staff Engineer',
            interviewEndedAt: endedAt.toISOString(),
            dueAt: new Date(endedAt.getTime() + 24 * HOUR).toISOString(),
            daysOverdue: 0,
          },
          createdAt: expect.any(String),
          readAt: null,
        },
      ],
      nextCursor: null,
    });
    expect((await t.http.get('/v1/notifications').set(bob.auth).expect(200)).body.items).toEqual([]);

    // Only the recipient can mark it read; marking is idempotent.
    const id = list.body.items[0].id;
    await t.http.post(`/v1/notifications/${id}/read`).set(bob.auth).expect(404);
    await t.http.post(`/v1/notifications/${id}/read`).set(team.admin.auth).expect(404);
    const read = await t.http.post(`/v1/notifications/${id}/read`).set(alice.auth).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await t.http.post(`/v1/notifications/${id}/read`).set(alice.auth).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await t.http.get('/v1/notifications?unread=true').set(alice.auth).expect(200)).body.items).toEqual([]);
    await t.http.post('/v1/notifications/not-a-uuid/read').set(alice.auth).expect(404);
  });

  it('reminds daily and escalates to the hiring manager from escalateAfterDays on; a submission stops it', async () => {
    const { team, role, org } = await setup();
    const carol = team.interviewers[2];
    await t.http.patch('/v1/organization').set(team.admin.auth).send({ reminderAfterHours: 4, escalateAfterDays: 2 }).expect(200);
    const endedAt = freshWindow();
    const { interviewId } = await scheduleInterview(ds, role, { interviewerIds: [carol.memberId], endsAt: endedAt });

    for (const day of [0, 1, 2]) await scanAt(new Date(endedAt.getTime() + day * DAY + 5 * HOUR));
    await scanAt(new Date(endedAt.getTime() + 2 * DAY + 6 * HOUR)); // same day again: nothing new
    expect(await notificationsOf(org)).toEqual([
      { kind: 'feedback_reminder', recipient: carol.memberId, interviewer: carol.memberId, step: 0 },
      { kind: 'feedback_reminder', recipient: carol.memberId, interviewer: carol.memberId, step: 1 },
      { kind: 'feedback_escalation', recipient: team.hiringManager.memberId, interviewer: carol.memberId, step: 2 },
      { kind: 'feedback_reminder', recipient: carol.memberId, interviewer: carol.memberId, step: 2 },
    ]);

    const managerView = await t.http.get('/v1/notifications').set(team.hiringManager.auth).expect(200);
    expect(managerView.body.items).toEqual([
      expect.objectContaining({ kind: 'feedback_escalation', interviewId, interviewerId: carol.memberId, step: 2 }),
    ]);
    const carolView = await t.http.get('/v1/notifications?limit=2').set(carol.auth).expect(200);
    expect(carolView.body.items.map((n: { step: number }) => n.step)).toEqual([2, 1]);
    const nextPage = await t.http.get(`/v1/notifications?limit=2&cursor=${carolView.body.nextCursor}`).set(carol.auth).expect(200);
    expect(nextPage.body).toMatchObject({ items: [{ step: 0 }], nextCursor: null });

    await submitFixtureScorecard(ds, role, interviewId, carol.memberId);
    const after = await scanAt(new Date(endedAt.getTime() + 3 * DAY + 5 * HOUR));
    expect(after.created).toBe(0);
    expect(await notificationsOf(org)).toHaveLength(4);
  });

  it('sends a signed webhook per new notification when the organization configured one', async () => {
    const { team, role, org } = await setup();
    const [alice, bob] = team.interviewers;
    const secret = 'whsec-reminders-e2e-0123456789';
    await t.http
      .patch('/v1/organization')
      .set(team.admin.auth)
      .send({ webhookUrl: receiver.url('/hooks/signed'), webhookSecret: secret })
      .expect(200);
    const endedAt = freshWindow();
    const { interviewId } = await scheduleInterview(ds, role, { interviewerIds: [alice.memberId, bob.memberId], endsAt: endedAt });

    const result = await scanAt(new Date(endedAt.getTime() + 25 * HOUR));
    expect(result).toMatchObject({ created: 2, webhooksQueued: 2 });
    const hooks = await waitFor(async () => (receiver.received('/hooks/signed').length >= 2 ? receiver.received('/hooks/signed') : null), {
      what: 'two webhooks',
    });

    const deliveries: { id: string; status: string; attempts: number; last_status_code: number; signature: string; notification_id: string }[] =
      await waitFor(
        async () => {
          const rows = await ds.query(`SELECT * FROM webhook_deliveries WHERE organization_id = $1`, [org]);
          return rows.length === 2 && rows.every((r: { status: string }) => r.status === 'delivered') ? rows : null;
        },
        { what: 'delivered webhooks' },
      );
    for (const hook of hooks) {
      const expected = `sha256=${createHmac('sha256', secret).update(hook.body).digest('hex')}`;
      expect(hook.headers['x-hireloop-signature']).toBe(expected);
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.headers['x-hireloop-event']).toBe('feedback_reminder');
      const body = JSON.parse(hook.body.toString('utf8'));
      const delivery = deliveries.find((d) => d.id === hook.headers['x-hireloop-delivery']);
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 200, signature: expected });
      expect(body).toEqual({
        id: delivery!.id,
        event: 'feedback_reminder',
        createdAt: expect.any(String),
        organizationId: org,
        data: expect.objectContaining({
          notificationId: delivery!.notification_id,
          interviewId,
          step: 0,
          roleId: role.roleId,
          recipientMemberId: body.data.interviewerId,
        }),
      });
    }
    expect(hooks.map((h) => JSON.parse(h.body.toString()).data.interviewerId).sort()).toEqual([alice.memberId, bob.memberId].sort());

    // A tampered body or another secret does not verify.
    expect(createHmac('sha256', 'another-secret').update(hooks[0].body).digest('hex')).not.toBe(
      String(hooks[0].headers['x-hireloop-signature']).slice(7),
    );

    // Rescanning sends nothing again.
    await scanAt(new Date(endedAt.getTime() + 26 * HOUR));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received('/hooks/signed')).toHaveLength(2);
  });

  it('retries a failing endpoint with backoff and records the status of every attempt', async () => {
    const { team, role, org } = await setup();
    await t.http
      .patch('/v1/organization')
      .set(team.admin.auth)
      .send({ webhookUrl: receiver.url('/hooks/flaky'), webhookSecret: 'whsec-flaky-endpoint-123456' })
      .expect(200);
    receiver.respond('/hooks/flaky', [500, 503]);
    const endedAt = freshWindow();
    await scheduleInterview(ds, role, { interviewerIds: [team.interviewers[0].memberId], endsAt: endedAt });
    await scanAt(new Date(endedAt.getTime() + 25 * HOUR));

    const delivery = await waitFor(
      async () => {
        const [row] = await ds.query(`SELECT * FROM webhook_deliveries WHERE organization_id = $1`, [org]);
        return row?.status === 'delivered' ? row : null;
      },
      { timeoutMs: 30_000, what: 'the flaky delivery to succeed' },
    );
    expect(delivery).toMatchObject({ attempts: 3, last_status_code: 200, last_error: null });
    expect(delivery.attempt_log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 503, 200]);
    expect(delivery.attempt_log.map((a: { attempt: number }) => a.attempt)).toEqual([1, 2, 3]);
    expect(delivery.attempt_log[0].error).toBe('endpoint answered 500');

    const calls = receiver.received('/hooks/flaky');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['x-hireloop-delivery']))).toEqual(new Set([delivery.id]));
    expect(new Set(calls.map((c) => c.body.toString()))).toHaveProperty('size', 1);
    // Exponential backoff from DEFAULT_JOB_OPTIONS (1 s, then 2 s).
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(900);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(1800);
  });
});
