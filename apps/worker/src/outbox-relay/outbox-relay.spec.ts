import { validateEnvironment } from '@hireloop/config';
import type { ClaimedOutboxRow } from '@hireloop/core/outbox/outbox-relay.repository';
import { MAX_APPLICATIONS_PER_AGGREGATION_JOB } from '@hireloop/queue';
import { indexesByQueue, jobOptionsFor, jobsOf } from './outbox-publisher';
import { readOutboxRelaySettings } from './outbox-relay.settings';
import { claimStartOf, FULL_CLAIM_EVERY } from './outbox-relay.service';
import { aggregationTestDelayMs, panelAggregationWorkerOptions } from '../panel-aggregation/panel-aggregation.settings';

const env = (raw: Record<string, string>) => validateEnvironment(raw);

describe('outbox relay', () => {
  it("claims a drain's passes after the previous pass's last id, from the oldest row at its first and every tenth", () => {
    const starts: (string | null)[] = [];
    let lastId: string | null = null;
    for (let index = 0; index < 2 * FULL_CLAIM_EVERY + 1; index++) {
      starts.push(claimStartOf(index, lastId));
      lastId = String(100 * (index + 1)); // the pass claimed up to this id
    }
    expect(FULL_CLAIM_EVERY).toBe(10);
    expect(starts[0]).toBeNull();
    expect(starts.slice(1, 10)).toEqual(['100', '200', '300', '400', '500', '600', '700', '800', '900']);
    expect(starts[10]).toBeNull();
    expect(starts[11]).toBe('1100');
    expect(starts[20]).toBeNull();
    // Nothing claimed yet: from the oldest.
    expect(claimStartOf(3, null)).toBeNull();
  });

  it('turns a dedupe key into a BullMQ deduplication id that keeps the last add while a job runs', () => {
    expect(jobOptionsFor({ dedupeKey: 'aggregate:app-1' })).toEqual({ deduplication: { id: 'aggregate:app-1', keepLastIfActive: true } });
    expect(jobOptionsFor({ dedupeKey: null })).toEqual({});
  });

  it('groups a claimed batch by queue for one bulk add each, keeping every row’s position', () => {
    const rows = [{ queue: 'panel-aggregation' }, { queue: 'emails' }, { queue: 'panel-aggregation' }, { queue: 'emails' }, { queue: 'webhooks' }];
    expect([...indexesByQueue(rows)]).toEqual([
      ['panel-aggregation', [0, 2]],
      ['emails', [1, 3]],
      ['webhooks', [4]],
    ]);
    expect(indexesByQueue([]).size).toBe(0);
  });

  describe('jobs of a claimed batch', () => {
    let seq = 0;
    const aggregation = (organizationId: string, applicationId: string, extra: Partial<ClaimedOutboxRow> = {}): ClaimedOutboxRow => ({
      id: String(++seq),
      queue: 'panel-aggregation',
      jobName: 'aggregate-panel',
      payload: { organizationId, applicationId },
      dedupeKey: `aggregate:${applicationId}`,
      ...extra,
    });
    const all = (rows: ClaimedOutboxRow[]) => rows.map((_, i) => i);

    it('keeps one de-duplicated job per row when the batch names one application (the common case of one write)', () => {
      const rows = [aggregation('org-1', 'app-1'), aggregation('org-1', 'app-1')];
      expect(jobsOf(rows, all(rows))).toEqual([
        { job: { name: 'aggregate-panel', data: rows[0].payload, opts: jobOptionsFor(rows[0]) }, indexes: [0] },
        { job: { name: 'aggregate-panel', data: rows[1].payload, opts: jobOptionsFor(rows[1]) }, indexes: [1] },
      ]);
    });

    it('turns the requests of several applications of one organization into one aggregate-panels job, each application once', () => {
      const rows = [
        aggregation('org-1', 'app-1', { createdAt: '2026-12-03T10:00:02.000Z', traceContext: '00-aaaa-01' }),
        aggregation('org-2', 'app-9'),
        aggregation('org-1', 'app-2', { createdAt: '2026-12-03T10:00:01.000Z', traceContext: '00-bbbb-01' }),
        { id: 'x', queue: 'panel-aggregation', jobName: 'something-else', payload: {}, dedupeKey: null },
        aggregation('org-1', 'app-1', { createdAt: '2026-12-03T10:00:03.000Z', traceContext: '00-aaaa-01' }),
      ];
      const jobs = jobsOf(rows, all(rows));
      expect(jobs).toEqual([
        { job: expect.objectContaining({ name: 'something-else' }), indexes: [3] },
        {
          job: {
            name: 'aggregate-panels',
            data: {
              organizationId: 'org-1',
              applicationIds: ['app-1', 'app-2'],
              _context: { outboxCreatedAt: '2026-12-03T10:00:01.000Z', links: ['00-aaaa-01', '00-bbbb-01'] },
            },
            opts: {},
          },
          indexes: [0, 4, 2],
        },
        // Another organization's lone request stays a job of its own: a job never mixes tenants.
        { job: { name: 'aggregate-panel', data: rows[1].payload, opts: jobOptionsFor(rows[1]) }, indexes: [1] },
      ]);
      // Every row is carried out by exactly one job.
      expect(jobs.flatMap((j) => j.indexes).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    });

    it(`splits a burst into jobs of at most ${MAX_APPLICATIONS_PER_AGGREGATION_JOB} applications`, () => {
      const rows = Array.from({ length: MAX_APPLICATIONS_PER_AGGREGATION_JOB * 2 + 1 }, (_, i) => aggregation('org-1', `app-${i}`));
      const jobs = jobsOf(rows, all(rows));
      expect(jobs.map((j) => (j.job.data as { applicationIds: string[] }).applicationIds.length)).toEqual([
        MAX_APPLICATIONS_PER_AGGREGATION_JOB,
        MAX_APPLICATIONS_PER_AGGREGATION_JOB,
        1,
      ]);
      expect(jobs.every((j) => j.job.name === 'aggregate-panels')).toBe(true);
      expect(new Set(jobs.flatMap((j) => j.indexes)).size).toBe(rows.length);
    });

    it("keeps the job sweep's marked requests, and every request when coalescing is off (a rolling upgrade), one de-duplicated job each", () => {
      const swept = [1, 2].map((k) =>
        aggregation('org-1', `app-${k}`, { payload: { organizationId: 'org-1', applicationId: `app-${k}`, deduplicated: true } }),
      );
      expect(jobsOf(swept, all(swept)).map((j) => [j.job.name, j.job.opts, j.indexes])).toEqual([
        ['aggregate-panel', jobOptionsFor(swept[0]), [0]],
        ['aggregate-panel', jobOptionsFor(swept[1]), [1]],
      ]);
      const burst = [aggregation('org-1', 'app-1'), aggregation('org-1', 'app-2')];
      expect(jobsOf(burst, all(burst), { coalesceAggregations: false }).map((j) => [j.job.name, j.indexes])).toEqual([
        ['aggregate-panel', [0]],
        ['aggregate-panel', [1]],
      ]);
    });

    it('leaves the rows of other queues one job each', () => {
      const rows: ClaimedOutboxRow[] = [
        { id: '1', queue: 'email-deliveries', jobName: 'send-email', payload: { organizationId: 'o', deliveryId: 'd1' }, dedupeKey: 'email:d1' },
        { id: '2', queue: 'email-deliveries', jobName: 'send-email', payload: { organizationId: 'o', deliveryId: 'd2' }, dedupeKey: 'email:d2' },
      ];
      expect(jobsOf(rows, all(rows)).map((j) => [j.job.name, j.indexes])).toEqual([
        ['send-email', [0]],
        ['send-email', [1]],
      ]);
    });
  });

  it('reads its settings with defaults and refuses invalid values at boot', () => {
    expect(readOutboxRelaySettings(env({}))).toEqual({
      pollIntervalMs: 500,
      batchSize: 200,
      publishTimeoutMs: 2000,
      maxBackoffMs: 5000,
      coalesceAggregations: true,
    });
    expect(readOutboxRelaySettings(env({ OUTBOX_COALESCE_AGGREGATIONS: 'false' })).coalesceAggregations).toBe(false);
    expect(readOutboxRelaySettings(env({ OUTBOX_POLL_INTERVAL_MS: '100' })).pollIntervalMs).toBe(100);
    expect(() => env({ OUTBOX_BATCH_SIZE: 'lots' })).toThrow(/OUTBOX_BATCH_SIZE/);
    expect(() => env({ OUTBOX_POLL_INTERVAL_MS: '0' })).toThrow(/OUTBOX_POLL_INTERVAL_MS/);
  });
});

describe('panel-aggregation settings', () => {
  it('reads worker options', () => {
    expect(panelAggregationWorkerOptions(env({}))).toMatchObject({
      concurrency: 200,
      lockDuration: 30000,
      stalledInterval: 30000,
      maxStalledCount: 2,
      name: expect.stringContaining(`:${process.pid}`),
    });
    expect(panelAggregationWorkerOptions(env({ WORKER_LOCK_DURATION_MS: '2000', WORKER_STALLED_INTERVAL_MS: '1000' }))).toMatchObject({
      lockDuration: 2000,
      stalledInterval: 1000,
    });
  });

  it('honours the test delay only under NODE_ENV=test', () => {
    expect(aggregationTestDelayMs(env({ NODE_ENV: 'test', AGGREGATION_TEST_DELAY_MS: '300' }))).toBe(300);
    expect(
      aggregationTestDelayMs(
        env({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_ENCRYPTION_KEY: 'ab'.repeat(32), AGGREGATION_TEST_DELAY_MS: '300' }),
      ),
    ).toBe(0);
  });
});
