import path from 'node:path';
import { Queue } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@hireloop/database';
import { ALL_QUEUES, redisConnectionFromUrl } from '@hireloop/queue';
import { completeScorecard, createHiringScene, scheduleInterview, TestApp } from '@hireloop/testing';
import { HaproxyProcess, startHaproxy } from '@hireloop/testing/haproxy-process';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { ManagedProcess } from '@hireloop/testing/processes';
import { serviceBinary } from '@hireloop/testing/service-binaries';
import { childEnvironment, freePort, REPOSITORY_ROOT, spawnSourceEntry, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Two API processes behind HAProxy (Debian's package) and two worker processes on the real PostgreSQL and Redis:
 * job schedulers exist once, reports get no duplicate versions, and a rolling restart of one API process under load
 * drops no request. (Shared login limits are the security work's, tested there.)
 */
jest.setTimeout(300_000);

const haproxy = serviceBinary('haproxy');
if (!haproxy.path) process.stderr.write(`several-processes.e2e-spec skipped: ${haproxy.reason}\n`);
const describeWithHaproxy = haproxy.path ? describe : describe.skip;

const API_MAIN = path.join(REPOSITORY_ROOT, 'apps', 'api', 'src', 'main.ts');

function startApiOn(port: number, name: string): Promise<ManagedProcess> {
  return spawnSourceEntry({
    name,
    entry: API_MAIN,
    env: childEnvironment({ PORT: String(port), LOG_LEVEL: 'warn', LOGIN_THROTTLE_LIMIT: '100000', SERVE_WEB: 'false' }),
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

  beforeAll(async () => {
    ports.push(await freePort(), await freePort());
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, poolSize: 2 })).initialize();
    apis.push(...(await Promise.all(ports.map((p, i) => startApiOn(p, `api-${i + 1}`)))));
    workers.push(...(await Promise.all([startWorker({ name: 'worker-1' }), startWorker({ name: 'worker-2' })])));
    lb = await startHaproxy(ports);
    await waitFor(async () => (await fetch(`${lb.url}/health/ready`).catch(() => null))?.status === 200, { what: 'HAProxy serving' });
  }, 300_000);

  afterAll(async () => {
    await lb?.destroy();
    await Promise.all([...apis, ...workers].map((p) => p.stop()));
    await ds?.destroy();
    await stopAllProcesses();
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
    const t = { http: request(lb.url), dataSource: ds } as unknown as TestApp;
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

  it('a rolling restart of one API process under load drops no request', async () => {
    const t = { http: request(lb.url), dataSource: ds } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const auth = scene.team.recruiter.auth;
    const statuses = new Map<number | string, number>();
    let stop = false;
    const client = async () => {
      while (!stop) {
        const status = await fetch(`${lb.url}/v1/applications/${scene.applicationId}`, { headers: auth }).then(
          (r) => r.status,
          (e: Error) => `error ${e.message}`,
        );
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(() => client()));
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
  });
});
