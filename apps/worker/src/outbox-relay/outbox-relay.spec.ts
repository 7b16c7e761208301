import { validateEnvironment } from '@hireloop/config';
import { indexesByQueue, jobOptionsFor } from './outbox-publisher';
import { readOutboxRelaySettings } from './outbox-relay.settings';
import { aggregationTestDelayMs, panelAggregationWorkerOptions } from '../panel-aggregation/panel-aggregation.settings';

const env = (raw: Record<string, string>) => validateEnvironment(raw);

describe('outbox relay', () => {
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

  it('reads its settings with defaults and refuses invalid values at boot', () => {
    expect(readOutboxRelaySettings(env({}))).toEqual({ pollIntervalMs: 500, batchSize: 200, publishTimeoutMs: 2000, maxBackoffMs: 5000 });
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
