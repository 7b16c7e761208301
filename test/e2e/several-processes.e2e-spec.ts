import path from 'node:path';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hireloop/database';
import { ALL_QUEUES, redisConnectionFromUrl } from '@hireloop/queue';
import { completeScorecard, createHiringScene, scheduleInterview, signupOrganization, TEST_PASSWORD, TestApp, uniqueEmail } from '@hireloop/testing';
import { HaproxyProcess, startHaproxy } from '@hireloop/testing/haproxy-process';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ManagedProcess } from '@hireloop/testing/processes';
import { serviceBinary } from '@hireloop/testing/service-binaries';
import { SmtpReceiver, startSmtpReceiver, verificationTokenReader } from '@hireloop/testing/smtp-receiver';
import { childEnvironment, freePort, REPOSITORY_ROOT, spawnSourceEntry, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Two API processes behind HAProxy (Debian's package) and two worker processes on the real PostgreSQL and Redis:
 * job schedulers exist once, reports get no duplicate versions, and a rolling restart of one API process under load
 * drops no request (reads and idempotent writes), login limits are shared through Redis, and an event is emailed
 * once although two workers consume the email queue.
 */
jest.setTimeout(300_000);

const haproxy = serviceBinary('haproxy');
if (!haproxy.path) process.stderr.write(`several-processes.e2e-spec skipped: ${haproxy.reason}\n`);
const describeWithHaproxy = haproxy.path ? describe : describe.skip;

const API_MAIN = path.join(REPOSITORY_ROOT, 'apps', 'api', 'src', 'main.ts');
/** Per account and window (60 s): small, so that the shared-limit test reaches it; the fixtures never sign in. */
const LOGIN_LIMIT = 6;

function startApiOn(port: number, name: string): Promise<ManagedProcess> {
  return spawnSourceEntry({
    name,
    entry: API_MAIN,
    env: childEnvironment({ PORT: String(port), LOG_LEVEL: 'warn', LOGIN_THROTTLE_LIMIT: String(LOGIN_LIMIT), LOGIN_THROTTLE_ADDRESS_LIMIT: '100000', SERVE_WEB: 'false' }),
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

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    ports.push(await freePort(), await freePort());
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 2 })).initialize();
    apis.push(...(await Promise.all(ports.map((p, i) => startApiOn(p, `api-${i + 1}`)))));
    const workerEnv = { SMTP_URL: smtp.url, MAIL_FROM: 'Hireloop Test <no-reply@hireloop.test>' };
    workers.push(...(await Promise.all([startWorker({ name: 'worker-1', env: workerEnv }), startWorker({ name: 'worker-2', env: workerEnv })])));
    lb = await startHaproxy(ports);
    await waitFor(async () => (await fetch(`${lb.url}/health/ready`).catch(() => null))?.status === 200, { what: 'HAProxy serving' });
  }, 300_000);

  afterAll(async () => {
    await lb?.destroy();
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await ds?.destroy();
    await stopAllProcesses();
    await smtp?.stop();
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
    await t.http.post('/v1/members').set(admin.auth).send({ email, name: 'Once Only', roles: ['interviewer'] }).expect(201);
    await smtp.waitFor((m) => m.envelope.to.includes(email), { what: 'the invitation', timeoutMs: 30_000 });
    await waitFor(
      async () => {
        const rows: { status: string }[] = await ds.query(`SELECT status FROM email_deliveries WHERE organization_id = $1 AND recipient_email = $2`, [admin.organizationId, email]);
        return rows.length === 1 && rows[0].status === 'sent';
      },
      { what: 'the delivery marked sent' },
    );
    // Give a duplicate (another worker, a replayed job) time to show up.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(smtp.to(email)).toHaveLength(1);
    const rows: { status: string; attempts: number }[] = await ds.query(`SELECT status, attempts FROM email_deliveries WHERE organization_id = $1 AND recipient_email = $2`, [admin.organizationId, email]);
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
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
    const scenes = await Promise.all([0, 1, 2].map(() => createHiringScene(t)));
    await Promise.all(
      scenes.map(async (scene) => {
        const round = scene.role.rounds.technical;
        for (const [i, interviewer] of scene.team.interviewers.entries()) {
          const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [interviewer]);
          await t.http.post(`/v1/interviews/${interviewId}/scorecard/submit`).set(interviewer.auth).send(completeScorecard(round, { rating: 2 + (i % 3) })).expect(200);
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
    const writeScenes = await Promise.all([0, 1, 2].map(() => createHiringScene(t)));
    const submissions = (
      await Promise.all(
        writeScenes.map(async (ws) => {
          const round = ws.role.rounds.technical;
          const out = [];
          for (const [i, interviewer] of ws.team.interviewers.entries()) {
            const interviewId = await scheduleInterview(t, ws.team.recruiter, ws.applicationId, round.id, [interviewer]);
            out.push({ interviewId, auth: interviewer.auth as Record<string, string>, body: completeScorecard(round, { rating: 2 + (i % 3) }), key: `rolling-${interviewId}` });
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

    process.stderr.write(`rolling restart: ${writesSent} scorecard submissions (${submissions.length} distinct), statuses ${JSON.stringify(Object.fromEntries(writeStatuses))}, ${connectionRetries} resent after a connection error\n`);
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
