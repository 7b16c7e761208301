import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { MicroBatcher } from '@hireloop/core/common/micro-batcher';
import { AggregationOutcome, PanelRef, PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { JobName, PanelAggregationJobData, QueueName } from '@hireloop/queue';
import { classifyAggregationError } from './panel-aggregation.errors';
import { aggregationBatchOptions, aggregationTestDelayMs, panelAggregationWorkerOptions } from './panel-aggregation.settings';
import { runInOrganization } from '@hireloop/database';
import { aggregatePerOrganization } from './aggregate-per-organization';

export type { PanelAggregationJobData };
export type PanelAggregationJob = Job<PanelAggregationJobData, AggregationOutcome, typeof JobName.AggregatePanel>;

/**
 * `aggregate-panel`: recompute one application's calibrated report from the current state. The payload carries ids
 * only; a duplicated or redelivered job is harmless (the service stores a version only when inputs changed).
 * Jobs running at the same time are computed together in batches (one transaction each): a lone job runs at once,
 * a burst shares the database round trips.
 */
@Processor(QueueName.PanelAggregation, panelAggregationWorkerOptions())
export class PanelAggregationProcessor extends WorkerHost {
  private readonly logger = new Logger(PanelAggregationProcessor.name);
  private readonly testDelayMs = aggregationTestDelayMs();
  private readonly batcher: MicroBatcher<PanelRef, AggregationOutcome>;

  constructor(reports: PanelReportsService) {
    super();
    // A batch may hold several organizations' jobs: each organization's part runs in its own scope (and transaction).
    this.batcher = new MicroBatcher(
      (refs) => aggregatePerOrganization(refs, (org, part) => runInOrganization(org, () => reports.aggregateMany(part))),
      aggregationBatchOptions(),
    );
  }

  async process(job: PanelAggregationJob): Promise<AggregationOutcome> {
    const { organizationId, applicationId } = job.data ?? ({} as PanelAggregationJobData);
    // Checked here: in a batch, one malformed id would fail every job of the batch at the database.
    if (job.name !== JobName.AggregatePanel || !isUuid(organizationId) || !isUuid(applicationId)) {
      throw new UnrecoverableError(`unexpected job ${job.name} ${JSON.stringify(job.data)}`);
    }
    if (this.testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.testDelayMs));
    try {
      return await this.batcher.submit({ organizationId, applicationId });
    } catch (error) {
      throw classifyAggregationError(error);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: PanelAggregationJob | undefined, error: Error): void {
    const final = error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    this.logger.warn(
      `aggregate-panel ${job?.id} (application ${job?.data?.applicationId}) failed${final ? ' for good' : ', will retry'}: ${error.message}`,
    );
  }

  private lastErrorLoggedAt = 0;

  /** Connection errors repeat while Redis is down: logged at most every 10 s. */
  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastErrorLoggedAt < 10_000) return;
    this.lastErrorLoggedAt = Date.now();
    this.logger.warn(`panel-aggregation worker: ${error.message}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
