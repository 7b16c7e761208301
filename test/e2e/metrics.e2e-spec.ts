import request from 'supertest';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '@hireloop/core';
import { buildDataSourceOptions } from '@hireloop/database';
import { completeScorecard, createHiringScene, scheduleInterview, TestApp } from '@hireloop/testing';
import { ApiProcess, startApi } from '@hireloop/testing/api-process';
import { waitFor } from '@hireloop/testing/panel-fixture';
import { freePort, startWorker, stopAllProcesses, WorkerProcess } from '@hireloop/testing/worker-process';

/**
 * Prometheus metrics of the real API and worker processes, each on a port of its own (METRICS_PORT,
 * WORKER_METRICS_PORT): a scrape after one submission shows the counters moved.
 */
jest.setTimeout(180_000);

/** Sum of the samples of `name` whose labels contain every `labels` pair. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? ([^ ]+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const body = match[3] ?? '';
    if (!Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`))) continue;
    sum += Number(match[4]);
    seen = true;
  }
  return seen ? sum : NaN;
}

describe('metrics', () => {
  let api: ApiProcess;
  let worker: WorkerProcess;
  let ds: DataSource;
  let apiMetrics: string;
  let workerMetrics: string;
  const scrape = async (url: string) => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain; version=0\.0\.4/);
    return res.text();
  };

  beforeAll(async () => {
    const [apiPort, workerPort] = [await freePort(), await freePort()];
    ds = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL!, entities: ALL_ENTITIES, poolSize: 2 })).initialize();
    [api, worker] = await Promise.all([
      startApi({ name: 'api with metrics', env: { METRICS_PORT: String(apiPort) } }),
      startWorker({ name: 'worker with metrics', env: { WORKER_METRICS_PORT: String(workerPort) } }),
    ]);
    apiMetrics = `http://127.0.0.1:${apiPort}/metrics`;
    workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await ds?.destroy();
    await stopAllProcesses();
  });

  it('is not served on the public port', async () => {
    expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${api.url}/v1/metrics`)).status).not.toBe(200);
  });

  it('a submission moves the HTTP, job, freshness and queue metrics', async () => {
    const submitRoute = { method: 'POST', route: '/v1/interviews/:id/scorecard/submit', status_code: '200' };
    const beforeApi = await scrape(apiMetrics);
    const beforeWorker = await scrape(workerMetrics);
    const count = (text: string, name: string, labels?: Record<string, string>) => sample(text, name, labels) || 0;

    const t = { http: request(api.url), dataSource: ds } as unknown as TestApp;
    const scene = await createHiringScene(t);
    const round = scene.role.rounds.technical;
    const [alice] = scene.team.interviewers;
    const interviewId = await scheduleInterview(t, scene.team.recruiter, scene.applicationId, round.id, [alice]);
    await t.http
      .post(`/v1/interviews/${interviewId}/scorecard/submit`)
      .set(alice.auth)
      .send(completeScorecard(round, { rating: 4 }))
      .expect(200);
    await waitFor(
      async () => {
        const res = await t.http.get(`/v1/applications/${scene.applicationId}/debrief`).set(scene.team.hiringManager.auth);
        return res.body.status === 'current' && res.body.report?.scorecardCount === 1;
      },
      { what: 'the report', timeoutMs: 30_000 },
    );

    const afterApi = await scrape(apiMetrics);
    expect(
      count(afterApi, 'hireloop_http_request_duration_seconds_count', submitRoute) -
        count(beforeApi, 'hireloop_http_request_duration_seconds_count', submitRoute),
    ).toBe(1);
    // Route patterns, never raw ids: no label value holds a UUID.
    expect(afterApi).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(sample(afterApi, 'hireloop_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(sample(afterApi, 'hireloop_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(afterApi).toContain('hireloop_process_cpu_seconds_total');

    const afterWorker = await waitFor(
      async () => {
        const text = await scrape(workerMetrics);
        return count(text, 'hireloop_report_freshness_seconds_count') > count(beforeWorker, 'hireloop_report_freshness_seconds_count') ? text : null;
      },
      { what: 'a freshness observation' },
    );
    const jobs = { queue: 'panel-aggregation', name: 'aggregate-panel', outcome: 'completed' };
    expect(count(afterWorker, 'hireloop_job_duration_seconds_count', jobs)).toBeGreaterThan(
      count(beforeWorker, 'hireloop_job_duration_seconds_count', jobs),
    );
    // The submission's report was stored within the freshness histogram's 30 s bucket.
    expect(
      count(afterWorker, 'hireloop_report_freshness_seconds_bucket', { le: '30' }) -
        count(beforeWorker, 'hireloop_report_freshness_seconds_bucket', { le: '30' }),
    ).toBeGreaterThanOrEqual(1);
    for (const state of ['waiting', 'active', 'delayed', 'failed'])
      expect(sample(afterWorker, 'hireloop_queue_jobs', { queue: 'panel-aggregation', state })).toBeGreaterThanOrEqual(0);
    expect(sample(afterWorker, 'hireloop_outbox_backlog')).toBeGreaterThanOrEqual(0);
    expect(sample(afterWorker, 'hireloop_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(afterWorker, 'hireloop_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);

    const health = await fetch(workerMetrics.replace('/metrics', '/health'));
    expect(health.status).toBe(200);
  });
});
