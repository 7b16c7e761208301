import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { Actor, createTeam, createTestApp, signupOrganization, TestApp } from '@hireloop/testing';
import { createCalibrationRole, scheduleInterview, startWebhookReceiver, WebhookReceiver } from '@hireloop/testing/calibration-fixture';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { freePort, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/**
 * Failed jobs are visible to admins: queue counts, the failed jobs of a queue (own organization only; service-wide
 * ones need the operator credential, see operators-and-logs.e2e-spec.ts) and retry. A webhook endpoint that keeps failing exhausts its attempts and shows up there.
 */
describe('admin: job queues', () => {
  let t: TestApp;
  let ds: DataSource;
  let worker: WorkerProcess;
  let receiver: WebhookReceiver;
  let reminders: Queue;
  let events: QueueEvents;
  let team: Awaited<ReturnType<typeof createTeam>>;
  let outsider: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    reminders = new Queue(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    events = new QueueEvents(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    await events.waitUntilReady();
    receiver = await startWebhookReceiver();
    worker = await startWorker({ name: 'admin-queues-worker' });
    team = await createTeam(t);
    outsider = await signupOrganization(t);
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await stopAllProcesses();
    await events?.close();
    await reminders?.close();
    await receiver?.close();
    await t?.close();
  });

  it('is for admins only', async () => {
    for (const actor of [team.recruiter, team.hiringManager, team.interviewers[0]]) {
      await t.http.get('/v1/admin/queues').set(actor.auth).expect(403);
      await t.http.get('/v1/admin/queues/webhook-deliveries/failed').set(actor.auth).expect(403);
      await t.http.post('/v1/admin/queues/webhook-deliveries/jobs/x/retry').set(actor.auth).expect(403);
    }
    await t.http.get('/v1/admin/queues').expect(401);
  });

  it('shows the counts of every queue', async () => {
    const res = await t.http.get('/v1/admin/queues').set(team.admin.auth).expect(200);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    for (const q of res.body.queues) {
      expect(q).toEqual({
        name: q.name,
        waiting: expect.any(Number),
        active: expect.any(Number),
        delayed: expect.any(Number),
        failed: expect.any(Number),
        completed: expect.any(Number),
        prioritized: expect.any(Number),
      });
    }
    await t.http.get('/v1/admin/queues/no-such-queue/failed').set(team.admin.auth).expect(404);
    await t.http.get('/v1/admin/queues/webhook-deliveries/failed?limit=0').set(team.admin.auth).expect(400);
  });

  it('a webhook that keeps failing ends as a failed job the admin sees and can retry once the endpoint is fixed', async () => {
    const role = await createCalibrationRole(ds, team.admin.organizationId, { hiringManagerId: team.hiringManager.memberId });
    await t.http
      .patch('/v1/organization')
      .set(team.admin.auth)
      .send({ webhookUrl: receiver.url('/hooks/down'), webhookSecret: 'whsec-admin-queues-0123456789' })
      .expect(200);
    receiver.respond('/hooks/down', [], 500);
    // A window of its own, far in the future (see reminders.e2e-spec.ts).
    const endedAt = new Date(Math.ceil(Date.now() / DAY) * DAY + 1000 * DAY);
    await scheduleInterview(ds, role, { interviewerIds: [team.interviewers[0].memberId], endsAt: endedAt });
    const scan = await reminders.add(JobName.ScanReminders, { now: new Date(endedAt.getTime() + 25 * HOUR).toISOString() });
    await scan.waitUntilFinished(events, 30_000);

    // Five attempts with exponential backoff (1 + 2 + 4 + 8 s), then the delivery is failed.
    const delivery = await waitFor(
      async () => {
        const [row] = await ds.query(`SELECT * FROM webhook_deliveries WHERE organization_id = $1`, [team.admin.organizationId]);
        return row?.status === 'failed' ? row : null;
      },
      { timeoutMs: 40_000, intervalMs: 250, what: 'the delivery to fail for good' },
    );
    expect(delivery).toMatchObject({ attempts: 5, last_status_code: 500, last_error: 'endpoint answered 500' });
    expect(delivery.attempt_log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500, 500]);

    const failed = await waitFor(
      async () => {
        const res = await t.http.get('/v1/admin/queues/webhook-deliveries/failed?limit=100').set(team.admin.auth).expect(200);
        return res.body.items.find((j: { data: { deliveryId?: string } }) => j.data.deliveryId === delivery.id);
      },
      { what: 'the failed job in the admin list' },
    );
    expect(failed).toEqual({
      id: expect.any(String),
      name: JobName.DeliverWebhook,
      data: { organizationId: team.admin.organizationId, deliveryId: delivery.id },
      failedReason: expect.stringContaining('endpoint answered 500'),
      attemptsMade: 5,
      timestamp: expect.any(Number),
      finishedOn: expect.any(Number),
    });
    const counts = await t.http.get('/v1/admin/queues').set(team.admin.auth).expect(200);
    expect(counts.body.queues.find((q: { name: string }) => q.name === QueueName.WebhookDeliveries).failed).toBeGreaterThanOrEqual(1);

    // Another organization's admin neither sees nor retries it.
    const theirs = await t.http.get('/v1/admin/queues/webhook-deliveries/failed?limit=100').set(outsider.auth).expect(200);
    expect(theirs.body.items.some((j: { data: { deliveryId?: string } }) => j.data.deliveryId === delivery.id)).toBe(false);
    await t.http
      .post(`/v1/admin/queues/webhook-deliveries/jobs/${encodeURIComponent(failed.id)}/retry`)
      .set(outsider.auth)
      .expect(404);

    // The endpoint is fixed; the admin retries: a new round of attempts delivers it.
    receiver.respond('/hooks/down', [], 200);
    const retried = await t.http
      .post(`/v1/admin/queues/webhook-deliveries/jobs/${encodeURIComponent(failed.id)}/retry`)
      .set(team.admin.auth)
      .expect(200);
    expect(retried.body).toMatchObject({ queue: QueueName.WebhookDeliveries, id: failed.id });
    const delivered = await waitFor(
      async () => {
        const [row] = await ds.query(`SELECT * FROM webhook_deliveries WHERE id = $1`, [delivery.id]);
        return row.status === 'delivered' ? row : null;
      },
      { timeoutMs: 15_000, what: 'the retried delivery' },
    );
    expect(delivered).toMatchObject({ attempts: 6, last_status_code: 200, last_error: null });
    expect(receiver.received('/hooks/down')).toHaveLength(6);

    // Only failed jobs can be retried; unknown jobs are 404.
    await waitFor(async () =>
      (await t.http.get('/v1/admin/queues/webhook-deliveries/failed?limit=100').set(team.admin.auth)).body.items.every(
        (j: { id: string }) => j.id !== failed.id,
      )
        ? true
        : null,
    );
    const again = await t.http
      .post(`/v1/admin/queues/webhook-deliveries/jobs/${encodeURIComponent(failed.id)}/retry`)
      .set(team.admin.auth)
      .expect(409);
    expect(again.body.code).toBe('job_not_failed');
    await t.http.post('/v1/admin/queues/webhook-deliveries/jobs/no-such-job/retry').set(team.admin.auth).expect(404);
  }, 90_000);

  describe('when Redis is unreachable', () => {
    let down: TestApp;
    const saved = process.env.REDIS_URL;

    beforeAll(async () => {
      process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
      down = await createTestApp();
    });
    afterAll(async () => {
      const closing = Date.now();
      await down?.close();
      expect(Date.now() - closing).toBeLessThan(5000);
      process.env.REDIS_URL = saved;
      // ioredis keeps a 2 s timer after disconnecting a socket that never connected; let it run out.
      await new Promise((resolve) => setTimeout(resolve, 2100));
    });

    it('the admin routes answer 503 quickly while the rest of the API keeps working', async () => {
      const started = Date.now();
      const res = await down.http.get('/v1/admin/queues').set(team.admin.auth).expect(503);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 503, code: 'queue_unavailable' });
      await down.http.get('/v1/admin/queues/webhook-deliveries/failed').set(team.admin.auth).expect(503);

      await down.http.get('/v1/me').set(team.admin.auth).expect(200);
      await down.http.get('/v1/notifications').set(team.interviewers[0].auth).expect(200);
      await down.http.get(`/v1/interviewers/${team.interviewers[0].memberId}/calibration`).set(team.admin.auth).expect(200);
    });
  });
});
