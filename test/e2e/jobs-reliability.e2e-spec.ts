import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { QueueName, redisConnectionFromUrl } from '@hireloop/queue';
import { resetDatabase } from '@hireloop/testing';
import {
  createPanel,
  latestReport,
  reportVersions,
  submittedRevisions,
  waitFor,
  waitForCurrentReport,
  writeScorecard,
} from '@hireloop/testing/panel-fixture';
import { freePort, RedisServerProcess, startRedisServer, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Failure scenarios with the real worker. They run on their own database and their own redis-server, so no other
 * test's worker (whose outbox relay would publish these rows) can hide a failure: here only the workers started by
 * this file exist.
 */
// Real processes: the e2e project's default timeout does not apply per file, so set it here.
jest.setTimeout(120_000);

describe('jobs: reliability', () => {
  const databaseUrl = (() => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `${url.pathname}_reliability`;
    return url.toString();
  })();
  const prefix = `${process.env.QUEUE_PREFIX}-reliability`;
  let ds: DataSource;
  let redis: RedisServerProcess;
  let queue: Queue;

  const workerEnv = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: prefix,
    OUTBOX_POLL_INTERVAL_MS: '200',
    OUTBOX_MAX_BACKOFF_MS: '1000',
    ...extra,
  });

  beforeAll(async () => {
    await resetDatabase(databaseUrl);
    ds = await new DataSource(buildDataSourceOptions({ url: databaseUrl, entities: ALL_ENTITIES, poolSize: 5 })).initialize();
    redis = await startRedisServer();
    queue = new Queue(QueueName.PanelAggregation, {
      connection: { ...redisConnectionFromUrl(redis.url), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix,
    });
    queue.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await stopAllProcesses();
    await queue?.close().catch(() => undefined);
    await redis?.destroy();
    await ds?.destroy();
  });

  describe('Redis stopped during submissions', () => {
    let worker: WorkerProcess;
    beforeAll(async () => {
      worker = await startWorker({ name: 'reliability-worker', env: workerEnv() });
    }, 120_000);
    afterAll(async () => {
      await worker?.stop();
    });

    it('accepts every submission, keeps the outbox rows, and catches up when Redis is back', async () => {
      const panel = await createPanel(ds);
      await writeScorecard(ds, panel, 0, { ratings: [4, 4, 4], recommendation: 'strong_yes' });
      const first = await waitForCurrentReport(ds, panel.applicationId);
      expect(first.version).toBe(1);

      await redis.stop();
      // Submissions and amendments go on: they only touch PostgreSQL.
      await writeScorecard(ds, panel, 1, { ratings: [3, 3, 3], recommendation: 'yes' });
      await writeScorecard(ds, panel, 2, { ratings: [2, 3, 2], recommendation: 'no' });
      await writeScorecard(ds, panel, 0, { ratings: [4, 3, 4], recommendation: 'yes' });

      // The relay tried, failed, and left the rows in the outbox with the error.
      const stuck = await waitFor(
        async () => {
          const rows: { attempts: number; last_error: string | null }[] = await ds.query(
            `SELECT attempts, last_error FROM outbox_messages WHERE published_at IS NULL AND payload->>'applicationId' = $1`,
            [panel.applicationId],
          );
          return rows.length === 3 && rows.every((r) => r.attempts > 0 && r.last_error) ? rows : null;
        },
        { what: 'failed publish attempts' },
      );
      expect(stuck).toHaveLength(3);
      expect((await latestReport(ds, panel.applicationId))!.version).toBe(1);

      await redis.restart();
      const report = await waitForCurrentReport(ds, panel.applicationId, 30_000);
      expect(report.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
      expect(Object.keys(report.covers)).toHaveLength(3);
      const [{ pending }] = await ds.query(`SELECT count(*)::int AS pending FROM outbox_messages WHERE published_at IS NULL`);
      expect(pending).toBe(0);
      expect(worker.output()).toMatch(/could not publish .* outbox message/);
      expect(worker.output()).toMatch(/outbox relay recovered/);
    });
  });

  describe('Redis loses its data after the relay published a report request', () => {
    it('the job sweep asks for the report again, and it follows; the worker counts it for alerting', async () => {
      const metricsPort = await freePort();
      const worker = await startWorker({
        name: 'sweeping-worker',
        env: workerEnv({ JOB_SWEEP_INTERVAL_MS: '500', JOB_SWEEP_GRACE_S: '1', WORKER_METRICS_PORT: String(metricsPort) }),
      });
      const swept = async () => {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        const line = text.split('\n').find((l) => l.startsWith('hireloop_job_sweep_requests_total{kind="report"}'));
        return line ? Number(line.split(' ').pop()) : 0;
      };
      const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
      try {
        expect(await swept()).toBe(0);
        const panel = await createPanel(ds);
        // A paused queue keeps the job in Redis, unprocessed, after the relay has marked its outbox row published.
        await queue.pause();
        await writeScorecard(ds, panel, 0, { ratings: [4, 3, 4], recommendation: 'yes' });
        await waitFor(
          async () => {
            const [{ n }] = await ds.query(
              `SELECT count(*)::int AS n FROM outbox_messages WHERE payload->>'applicationId' = $1 AND published_at IS NOT NULL`,
              [panel.applicationId],
            );
            const counts = await queue.getJobCounts('wait', 'prioritized');
            return n === 1 && Object.values(counts).some((c) => c > 0);
          },
          { what: 'the request published to the paused queue' },
        );
        // Redis comes back empty (a restart without persistence, a failover to an empty replica): the job is gone.
        await client.flushall();
        expect(await queue.getJobCounts('wait', 'active', 'prioritized')).toEqual({ wait: 0, active: 0, prioritized: 0 });
        expect(await latestReport(ds, panel.applicationId)).toBeNull();

        const report = await waitForCurrentReport(ds, panel.applicationId, 30_000);
        expect(report.covers).toEqual(await submittedRevisions(ds, panel.applicationId));
        expect(worker.output()).toMatch(/job sweep: 1 application\(s\) whose report did not follow their feedback/);
        // At least once: while the queue was paused the sweep may already have asked (BullMQ dropped the duplicate).
        expect(await swept()).toBeGreaterThanOrEqual(1);
      } finally {
        await queue.resume().catch(() => undefined);
        client.disconnect();
        await worker.stop();
      }
    });
  });

  describe('worker killed mid-job', () => {
    it('the job completes in another worker after its lock expires', async () => {
      // The first worker sleeps 4 s inside each job: long enough to be killed while the job is active.
      const slow = await startWorker({
        name: 'slow-worker',
        env: workerEnv({ AGGREGATION_TEST_DELAY_MS: '4000', WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' }),
      });
      const panel = await createPanel(ds);
      for (const i of [0, 1, 2]) await writeScorecard(ds, panel, i, { ratings: [3, 3, 3], recommendation: 'yes' });

      const active = await waitFor(
        async () => {
          const jobs = await queue.getJobs(['active'], 0, 100);
          return jobs.find((j) => j.data?.applicationId === panel.applicationId) ?? null;
        },
        { what: 'the job to be active in the slow worker' },
      );
      expect(active.processedBy).toContain(`:${slow.pid}`);
      await slow.kill('SIGKILL');
      expect(await reportVersions(ds, panel.applicationId)).toEqual([]);

      const rescuer = await startWorker({ name: 'rescuer', env: workerEnv({ WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' }) });
      try {
        const report = await waitForCurrentReport(ds, panel.applicationId, 30_000);
        expect(Object.keys(report.covers)).toHaveLength(3);
        // The killed job was detected as stalled and run again, to completion, by the rescuer.
        const recovered = await queue.getJob(active.id!);
        await waitFor(async () => ((await recovered!.getState()) === 'completed' ? true : null), { what: 'the stalled job to complete' });
        const done = (await queue.getJob(active.id!))!;
        expect(done.processedBy).toContain(`:${rescuer.pid}`);
        expect(await reportVersions(ds, panel.applicationId)).toHaveLength(1);
      } finally {
        await rescuer.stop();
      }
    });
  });
});
