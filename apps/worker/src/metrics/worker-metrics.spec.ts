import { QueueName } from '@hireloop/queue';
import { jobOutcomeMetrics } from './worker-metrics.module';

const job = (over: Record<string, unknown>) =>
  ({ data: {}, returnvalue: undefined, processedOn: 1_000, finishedOn: 1_250, attemptsMade: 0, opts: { attempts: 5 }, ...over }) as never;

describe('jobOutcomeMetrics', () => {
  it.each([
    [
      'aggregation that stored a version: duration and freshness from the outbox row',
      QueueName.PanelAggregation,
      'completed',
      job({ data: { _context: { outboxCreatedAt: new Date(750).toISOString() } }, returnvalue: { versionsCreated: 1 } }),
      { durationSeconds: 0.25, freshnessSeconds: 0.5 },
    ],
    [
      'aggregation that stored nothing: no freshness',
      QueueName.PanelAggregation,
      'completed',
      job({ data: { _context: { outboxCreatedAt: new Date(750).toISOString() } }, returnvalue: { versionsCreated: 0 } }),
      { durationSeconds: 0.25 },
    ],
    [
      'coalesced aggregation (aggregate-panels): one freshness observation per application whose report it stored, from the oldest request',
      QueueName.PanelAggregation,
      'completed',
      job({
        data: { organizationId: 'o', applicationIds: ['a', 'b', 'c'], _context: { outboxCreatedAt: new Date(750).toISOString() } },
        returnvalue: { versionsCreated: 3, outcomes: { a: { versionsCreated: 2 }, b: { versionsCreated: 0 }, c: { versionsCreated: 1 } } },
      }),
      { durationSeconds: 0.25, freshnessSeconds: 0.5, freshnessReports: 2 },
    ],
    [
      'coalesced aggregation retried: the reports an earlier attempt stored (found current by the retry) count once each',
      QueueName.PanelAggregation,
      'completed',
      job({
        data: { organizationId: 'o', applicationIds: ['a', 'b', 'c'], _context: { outboxCreatedAt: new Date(750).toISOString() } },
        progress: { storedApplicationIds: ['a', 'b'] },
        returnvalue: { versionsCreated: 1, outcomes: { a: { versionsCreated: 0 }, b: { versionsCreated: 1 }, c: { versionsCreated: 0 } } },
      }),
      { durationSeconds: 0.25, freshnessSeconds: 0.5, freshnessReports: 2 },
    ],
    [
      'coalesced aggregation retried after storing everything: freshness although this attempt stored nothing',
      QueueName.PanelAggregation,
      'completed',
      job({
        data: { organizationId: 'o', applicationIds: ['a', 'b'], _context: { outboxCreatedAt: new Date(750).toISOString() } },
        progress: { storedApplicationIds: ['a', 'b'] },
        returnvalue: { versionsCreated: 0, outcomes: { a: { versionsCreated: 0 }, b: { versionsCreated: 0 } } },
      }),
      { durationSeconds: 0.25, freshnessSeconds: 0.5, freshnessReports: 2 },
    ],
    [
      'coalesced aggregation that stored nothing, now or before: no freshness',
      QueueName.PanelAggregation,
      'completed',
      job({
        data: { organizationId: 'o', applicationIds: ['a', 'b'], _context: { outboxCreatedAt: new Date(750).toISOString() } },
        progress: 0,
        returnvalue: { versionsCreated: 0, outcomes: { a: { versionsCreated: 0 }, b: { versionsCreated: 0 } } },
      }),
      { durationSeconds: 0.25 },
    ],
    [
      'aggregation without a context (scheduler, old job): no freshness',
      QueueName.PanelAggregation,
      'completed',
      job({ returnvalue: { versionsCreated: 1 } }),
      { durationSeconds: 0.25 },
    ],
    [
      'reminder scan: notifications created',
      QueueName.FeedbackReminders,
      'completed',
      job({ returnvalue: { created: 3 } }),
      { durationSeconds: 0.25, remindersCreated: 3 },
    ],
    [
      'webhook delivered',
      QueueName.WebhookDeliveries,
      'completed',
      job({ returnvalue: 'delivered' }),
      { durationSeconds: 0.25, webhookOutcome: 'delivered' },
    ],
    [
      'webhook no longer needed',
      QueueName.WebhookDeliveries,
      'completed',
      job({ returnvalue: 'webhook_removed' }),
      { durationSeconds: 0.25, webhookOutcome: 'skipped' },
    ],
    [
      'webhook attempt failed, retries left',
      QueueName.WebhookDeliveries,
      'failed',
      job({ attemptsMade: 2 }),
      { durationSeconds: 0.25, webhookOutcome: 'retrying' },
    ],
    [
      'webhook last attempt failed',
      QueueName.WebhookDeliveries,
      'failed',
      job({ attemptsMade: 5 }),
      { durationSeconds: 0.25, webhookOutcome: 'failed' },
    ],
  ])('%s', (_what, queue, outcome, j, expected) => {
    expect(jobOutcomeMetrics(queue, j, outcome as 'completed' | 'failed')).toEqual(expected);
  });
});
