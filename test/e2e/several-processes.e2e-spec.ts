import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { ALL_QUEUES, JobName, QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import {
  completeScorecard,
  createHiringScene,
  interviewWindow,
  scheduleInterview,
  signupOrganization,
  TEST_PASSWORD,
  TestApp,
  uniqueEmail,
} from '@hireloop/testing';
import { startWebhookReceiver, WebhookReceiver } from '@hireloop/testing/calibration-fixture';
import { HaproxyProcess, startHaproxy } from '@hireloop/testing/haproxy-process';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ManagedProcess } from '@hireloop/testing/processes';
import { serviceBinary } from '@hireloop/testing/service-binaries';
import { SmtpReceiver, startSmtpReceiver, verificationTokenReader } from '@hireloop/testing/smtp-receiver';
import {
  childEnvironment,
  freePort,
  REPOSITORY_ROOT,
  spawnSourceEntry,
  startWorker,
  stopAllProcesses,
  WorkerProcess,
} from '@hireloop/testing/worker-process';

/**
 * Two API processes behind HAProxy (Debian's package) and two worker processes on the real PostgreSQL and Redis:
 * job schedulers exist once, reports get no duplicate versions, and a rolling restart of one API process under load
 * drops no request (reads and idempotent writes), login limits are shared through Redis, and an event is emailed
 * once although two workers consume the email queue. The reminder scheduler runs every two seconds here, so both
 * workers scan for overdue feedback again and again: each reminder, its webhook and its email still exist once.
 */
jest.setTimeout(300_000);

const haproxy = serviceBinary('haproxy');
if (!haproxy.path) process.stderr.write(`several-processes.e2e-spec skipped: ${haproxy.reason}\n`);
const describeWithHaproxy = haproxy.path ? describe : describe.skip;

const API_MAIN = path.join(REPOSITORY_ROOT, 'apps', 'api', 'src', 'main.ts');
/** Per account and window (60 s): small, so that the shared-limit test reaches it; the fixtures never sign in. */
const LOGIN_LIMIT = 6;
/** The feedback-reminder scan's schedule in this test (seconds field first): many scans while a test waits. */
const FAST_REMINDER_CRON = '*/2 * * * * *';
const REMINDER_SCHEDULER_ID = 'reminder-scan';

async function createScenes(t: TestApp, count: number): Promise<Awaited<ReturnType<typeof createHiringScene>>[]> {
  const scenes = [];
  for (let i = 0; i < count; i++) scenes.push(await createHiringScene(t));
  return scenes;
}

function startApiOn(port: number, name: string): Promise<ManagedProcess> {
  return spawnSourceEntry({
    name,
    entry: API_MAIN,
    env: childEnvironment({
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOGIN_THROTTLE_LIMIT: String(LOGIN_LIMIT),
      LOGIN_THROTTLE_ADDRESS_LIMIT: '100000',
      SERVE_WEB: 'false',
    }),
    readyWhen: /hireloop api listening on/,
    readyTimeoutMs: 120_000,
  });
}

describeWithHaproxy('several API and worker processes', () => {
  const ports: number[] = [];
  const apis: ManagedProcess[] = [];
  const workers: WorkerProcess[] = [];
  let lb: HaproxyProcess;
  let ds: DataSource;
  let smtp: SmtpReceiver;
  let webhooks: WebhookReceiver;
  let reminderQueue: Queue;
  let reminderEvents: QueueEvents;
  /** Ids of the scheduler's scan jobs that completed, in order. */
  const scheduledScansDone: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    webhooks = await startWebhookReceiver();
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    reminderQueue = new Queue(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    reminderEvents = new QueueEvents(QueueName.FeedbackReminders, { connection, prefix: process.env.QUEUE_PREFIX });
    await reminderEvents.waitUntilReady();
    reminderEvents.on('completed', ({ jobId }) => {
      if (jobId.includes(REMINDER_SCHEDULER_ID)) scheduledScansDone.push(jobId);
    });
    ports.push(await freePort(), await freePort());
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    apis.push(...(await Promise.all(ports.map((p, i) => startApiOn(p, `api-${i + 1}`)))));
    const workerEnv = { SMTP_URL: smtp.url, MAIL_FROM: 'Hireloop Test <no-reply@hireloop.test>', REMINDER_CRON: FAST_REMINDER_CRON };
    workers.push(...(await Promise.all([startWorker({ name: 'worker-1', env: workerEnv }), startWorker({ name: 'worker-2', env: workerEnv })])));
    lb = await startHaproxy(ports);
    await waitFor(async () => (await fetch(`${lb.url}/health/ready`).catch(() => null))?.status === 200, { what: 'HAProxy serving' });
  }, 300_000);

  afterAll(async () => {
    await lb?.destroy();
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    // The next worker started on this queue prefix registers the scan with its own REMINDER_CRON again.
    await reminderQueue?.removeJobScheduler(REMINDER_SCHEDULER_ID);
    await reminderEvents?.close();
    await reminderQueue?.close();
    await ds?.destroy();
    await stopAllProcesses();
    await smtp?.stop();
    await webhooks?.close();
  });

  it(`shares the login limit: ${LOGIN_LIMIT} wrong passwords in all, alternating between the two processes, then 429 on both`, async () => {
    const t = { http: request(lb.url), dataSource: ds, readVerificationToken: verificationTokenReader(smtp) } as unknown as TestApp;
    const admin = await signupOrganization(t);
    const attempts: { status: number; server: string }[] = [];
    for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
      const res = await t.http.post('/v1/auth/login').send({ email: admin.email, password: `wrong password ${i}` });
      attempts.push({ status: res.status, server: String(res.headers['x-served-by']) });
    }
    // HAProxy alternated (round-robin): each process served half of the attempts, so neither saw the limit on its own.
    const servers = attempts.slice(0, LOGIN_LIMIT).map((a) => a.server);
    expect(new Set(servers)).toEqual(new Set(['api1', 'api2']));
    expect(servers.filter((s) => s === 'api1')).toHaveLength(LOGIN_LIMIT / 2);
    expect(attempts.map((a) => a.status)).toEqual([...Array(LOGIN_LIMIT).fill(401), ...Array(4).fill(429)]);
    expect(new Set(attempts.slice(LOGIN_LIMIT).map((a) => a.server))).toEqual(new Set(['api1', 'api2']));
    // The right password waits too, on whichever process answers.
    for (let i = 0; i < 2; i++) {
      const right = await t.http.post('/v1/auth/login').send({ email: admin.email, password: TEST_PASSWORD });
      expect(right.status).toBe(429);
      expect(right.body).toMatchObject({ status: 429, code: 'too_many_requests' });
    }
  });

  it('emails an event once although two workers consume the email queue', async () => {
    const t = { http: request(lb.url), dataSource: ds, readVerificationToken: verificationTokenReader(smtp) } as unknown as TestApp;
    const admin = await signupOrganization(t);
    const email = uniqueEmail('once');
    await t.http
      .post('/v1/members')
      .set(admin.auth)
      .send({ email, name: 'Once Only', roles: ['interviewer'] })
      .expect(201);
    await smtp.waitFor((m) => m.envelope.to.includes(email), { what: 'the invitation', timeoutMs: 30_000 });
    await waitFor(
      async () => {
        const rows: { status: string }[] = await ds.query(`SELECT status FROM email_deliveries WHERE organization_id = $1 AND recipient_email = $2`, [
          admin.organizationId,
          email,
        ]);
        return rows.length === 1 && rows[0].status === 'sent';
      },
      { what: 'the delivery marked sent' },
    );
    // Give a duplicate (another worker, a replayed job) time to show up.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(smtp.to(email)).toHaveLength(1);
    // One delivery, sent. Its attempts may be more than one on a loaded machine (an SMTP attempt that timed out before
    // sending is retried); a retry that sent the message again would show in the receiver's count above.
    const rows: { status: string }[] = await ds.query(`SELECT status FROM email_deliveries WHERE organization_id = $1 AND recipient_email = $2`, [
      admin.organizationId,
      email,
    ]);
    expect(rows).toEqual([{ status: 'sent' }]);
  });

  it('stores, emails and posts each feedback reminder once although both workers keep scanning', async () => {
    const t = { http: request(lb.url), dataSource: ds, readVerificationToken: verificationTokenReader(smtp) } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const { admin, recruiter } = scene.team;
    const [alice, bob] = scene.team.interviewers;
    const org = admin.organizationId;
    const hookPath = `/hooks/${org}`;
    await t.http
      .patch('/v1/organization')
      .set(admin.auth)
      .send({ webhookUrl: webhooks.url(hookPath), webhookSecret: 'whsec-several-processes-0123456789' })
      .expect(200);
    // Ended 29 hours ago: overdue by the default 24 hours, not yet escalated (3 days). Nobody submits.
    const interviewId = await scheduleInterview(
      t,
      recruiter,
      scene.applicationId,
      scene.role.rounds.technical.id,
      [alice, bob],
      interviewWindow(-30),
    );

    type NotificationRow = { id: string; recipient: string; kind: string; step: number };
    const notifications = () =>
      ds.query(
        `SELECT id, recipient_member_id AS recipient, kind, step FROM notifications WHERE organization_id = $1 AND interview_id = $2 ORDER BY recipient_member_id`,
        [org, interviewId],
      ) as Promise<NotificationRow[]>;
    type DeliveryRow = { id: string; notification_id: string; status: string; attempts: number };
    const deliveries = () =>
      ds.query(`SELECT id, notification_id, status, attempts FROM webhook_deliveries WHERE organization_id = $1 ORDER BY notification_id`, [
        org,
      ]) as Promise<DeliveryRow[]>;
    const reminderEmails = (address: string) => smtp.to(address).filter((m) => m.parsed.subject?.startsWith('Reminder: your scorecard'));

    // The scheduler (no test-supplied clock) finds the interview and reminds both interviewers.
    await waitFor(async () => (await notifications()).length >= 2, { what: 'the scheduled scan to store the reminders', timeoutMs: 60_000 });
    await waitFor(async () => (await deliveries()).filter((d) => d.status === 'delivered').length >= 2 && webhooks.received(hookPath).length >= 2, {
      what: 'both webhooks delivered',
      timeoutMs: 60_000,
    });
    await waitFor(async () => reminderEmails(alice.email).length >= 1 && reminderEmails(bob.email).length >= 1, {
      what: 'both reminder emails',
      timeoutMs: 60_000,
    });

    // Many more scans over the stored reminders: the scheduler's next runs, and a burst of concurrent ones that the
    // two workers (one scan at a time each) take between them.
    const scheduledBefore = scheduledScansDone.length;
    const burst = await Promise.all(Array.from({ length: 6 }, () => reminderQueue.add(JobName.ScanReminders, {})));
    await Promise.all(burst.map((job) => job.waitUntilFinished(reminderEvents, 30_000)));
    await waitFor(async () => scheduledScansDone.length >= scheduledBefore + 3, { what: 'three more scheduled scans', timeoutMs: 30_000 });
    // Time for a duplicate delivery or email, if any was queued, to arrive.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const stored = await notifications();
    expect(stored.map(({ recipient, kind, step }) => ({ recipient, kind, step }))).toEqual(
      [alice.memberId, bob.memberId].sort().map((recipient) => ({ recipient, kind: 'feedback_reminder', step: 0 })),
    );
    const sent = await deliveries();
    expect(sent.map((d) => d.notification_id)).toEqual(stored.map((n) => n.id).sort());
    expect(sent.map(({ status, attempts }) => ({ status, attempts }))).toEqual([
      { status: 'delivered', attempts: 1 },
      { status: 'delivered', attempts: 1 },
    ]);
    const received = webhooks.received(hookPath).map((h) => String(h.headers['x-hireloop-delivery']));
    expect(received.sort()).toEqual(sent.map((d) => d.id).sort());
    expect(reminderEmails(alice.email)).toHaveLength(1);
    expect(reminderEmails(bob.email)).toHaveLength(1);
    // One delivery per reminder, sent (attempts may exceed one under load; the receiver's counts above are the messages).
    const emailRows: { recipient_member_id: string; status: string }[] = await ds.query(
      `SELECT recipient_member_id, status FROM email_deliveries WHERE organization_id = $1 AND template = 'feedback_reminder' ORDER BY recipient_member_id`,
      [org],
    );
    expect(emailRows).toEqual([alice.memberId, bob.memberId].sort().map((recipient_member_id) => ({ recipient_member_id, status: 'sent' })));
  });

  it('registers each job scheduler once although two workers started together', async () => {
    const connection = redisConnectionFromUrl(process.env.REDIS_URL!);
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, { connection, prefix: process.env.QUEUE_PREFIX });
      try {
        const schedulers = await queue.getJobSchedulers();
        const ids = schedulers.map((s) => s.key);
        expect(new Set(ids).size).toBe(ids.length);
        // The next run of each scheduler is queued once.
        const delayed = await queue.getDelayed();
        for (const id of ids) expect(delayed.filter((j) => j.repeatJobKey === id).length).toBeLessThanOrEqual(1);
      } finally {
        await queue.close();
      }
    }
  });

  it('submissions through the balancer become current reports with no duplicate report versions', async () => {
    const t = { http: request(lb.url), dataSource: ds, readVerificationToken: verificationTokenReader(smtp) } as unknown as TestApp;
    // Fixtures one after another: each scene hashes five passwords, which a loaded machine answers slowly (503/504).
    const scenes = await createScenes(t, 3);
    await Promise.all(
      scenes.map(async (scene) => {
        const round = scene.role.rounds.technical;
        for (const [i, interviewer] of scene.team.interviewers.entries()) {
          const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [interviewer]);
          await t.http
            .post(`/v1/interviews/${interviewId}/scorecard/submit`)
            .set(interviewer.auth)
            .send(completeScorecard(round, { rating: 2 + (i % 3) }))
            .expect(200);
        }
      }),
    );
    for (const scene of scenes) {
      await waitFor(
        async () => {
          const res = await t.http.get(`/v1/applications/${scene.applicationId}/debrief`).set(scene.team.hiringManager.auth);
          return res.body.status === 'current' && res.body.report?.scorecardCount === 3;
        },
        { what: 'a current report with three scorecards', timeoutMs: 60_000 },
      );
    }
    const duplicates = await ds.query(
      `SELECT application_id, inputs_hash, count(*)::int AS n FROM calibration_reports WHERE application_id = ANY($1::uuid[]) GROUP BY 1, 2 HAVING count(*) > 1`,
      [scenes.map((s) => s.applicationId)],
    );
    expect(duplicates).toEqual([]);
  });

  it('a rolling restart of one API process under load (reads and idempotent writes) drops no request', async () => {
    const t = { http: request(lb.url), dataSource: ds, readVerificationToken: verificationTokenReader(smtp) } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const auth = scene.team.recruiter.auth;
    const statuses = new Map<number | string, number>();
    let stop = false;

    // Writes: scorecard submissions, each with its own Idempotency-Key, sent again (same key) only on a connection
    // error. Writers cycle through them for the whole restart: the first send stores, the later ones are replays.
    const writeScenes = await createScenes(t, 3);
    const submissions = (
      await Promise.all(
        writeScenes.map(async (ws) => {
          const round = ws.role.rounds.technical;
          const out = [];
          for (const [i, interviewer] of ws.team.interviewers.entries()) {
            const interviewId = await scheduleInterview(t, ws.team.recruiter, ws.applicationId, round.id, [interviewer]);
            out.push({
              interviewId,
              auth: interviewer.auth as Record<string, string>,
              body: completeScorecard(round, { rating: 2 + (i % 3) }),
              key: `rolling-${interviewId}`,
            });
          }
          return out;
        }),
      )
    ).flat();
    const writeStatuses = new Map<number, number>();
    let connectionRetries = 0;
    let writesSent = 0;
    const submit = async (s: (typeof submissions)[number]): Promise<void> => {
      for (;;) {
        const status = await fetch(`${lb.url}/v1/interviews/${s.interviewId}/scorecard/submit`, {
          method: 'POST',
          headers: { ...s.auth, 'content-type': 'application/json', 'Idempotency-Key': s.key },
          body: JSON.stringify(s.body),
        }).then(
          async (r) => {
            await r.arrayBuffer();
            return r.status;
          },
          () => null,
        );
        if (status === null) {
          connectionRetries++;
          continue;
        }
        writesSent++;
        writeStatuses.set(status, (writeStatuses.get(status) ?? 0) + 1);
        return;
      }
    };
    const writer = async (offset: number) => {
      for (let i = offset; !stop; i++) {
        await submit(submissions[i % submissions.length]);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };

    const client = async () => {
      while (!stop) {
        const status = await fetch(`${lb.url}/v1/applications/${scene.applicationId}`, { headers: auth }).then(
          (r) => r.status,
          (e: Error) => `error ${e.message}`,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const load = Promise.all([...[0, 1, 2, 3].map(() => client()), writer(0), writer(Math.floor(submissions.length / 2))]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Restart api-1: SIGTERM (it finishes what it holds), wait for its exit, start the new one on the same port.
    await apis[0].stop(20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    apis[0] = await startApiOn(ports[0], 'api-1 (restarted)');
    await waitFor(async () => (await fetch(`http://127.0.0.1:${ports[0]}/health/ready`)).status === 200, { what: 'api-1 ready again' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stop = true;
    await load;
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    process.stderr.write(`rolling restart: ${total} requests through HAProxy, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
    expect(total).toBeGreaterThan(50);
    expect(Object.fromEntries(statuses)).toEqual({ 200: total });

    process.stderr.write(
      `rolling restart: ${writesSent} scorecard submissions (${submissions.length} distinct), statuses ${JSON.stringify(Object.fromEntries(writeStatuses))}, ${connectionRetries} resent after a connection error\n`,
    );
    expect(writesSent).toBeGreaterThanOrEqual(submissions.length);
    expect(Object.fromEntries(writeStatuses)).toEqual({ 200: writesSent });
    // Every submission stored exactly one submitted scorecard, and each application gets its report.
    const stored: { interview_id: string; n: number }[] = await ds.query(
      `SELECT interview_id, count(*)::int AS n FROM scorecards WHERE interview_id = ANY($1::uuid[]) AND status = 'submitted' GROUP BY 1`,
      [submissions.map((s) => s.interviewId)],
    );
    expect(stored).toHaveLength(submissions.length);
    expect(stored.every((r) => r.n === 1)).toBe(true);
    for (const ws of writeScenes) {
      await waitFor(
        async () => {
          const res = await t.http.get(`/v1/applications/${ws.applicationId}/debrief`).set(ws.team.hiringManager.auth);
          return res.body.status === 'current' && res.body.report?.scorecardCount === ws.team.interviewers.length;
        },
        { what: 'a current report of the submissions', timeoutMs: 60_000 },
      );
    }
  });
});
