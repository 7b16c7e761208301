import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { MicroBatcher } from '@hireloop/core/common/micro-batcher';
import { AggregationOutcome, PanelRef, PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { JobName, PanelAggregationJobData, PanelsAggregationJobData, QueueName } from '@hireloop/queue';
import { classifyAggregationError } from './panel-aggregation.errors';
import { aggregationBatchOptions, aggregationTestDelayMs, panelAggregationWorkerOptions } from './panel-aggregation.settings';
import { runInOrganization } from '@hireloop/database';
import { aggregatePerOrganization } from './aggregate-per-organization';

export type { PanelAggregationJobData, PanelsAggregationJobData };

/** What an `aggregate-panels` job did: per application, its outcome or why it failed for good. */
export interface PanelsAggregationOutcome {
  /** Report versions stored, over every application of the job. */
  versionsCreated: number;
  outcomes: Record<string, AggregationOutcome | { failed: string }>;
}

export type PanelAggregationJob =
  | Job<PanelAggregationJobData, AggregationOutcome, typeof JobName.AggregatePanel>
  | Job<PanelsAggregationJobData, PanelsAggregationOutcome, typeof JobName.AggregatePanels>;

/**
 * `aggregate-panel`: recompute one application's calibrated report from the current state; `aggregate-panels`: the
 * same for several applications of one organization (the relay's form of a burst). The payload carries ids only; a
 * duplicated or redelivered job is harmless (the service stores a version only when inputs changed).
 * Applications of jobs running at the same time are computed together in batches (one transaction each): a lone job
 * runs at once, a burst shares the database round trips.
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

  async process(job: PanelAggregationJob): Promise<AggregationOutcome | PanelsAggregationOutcome> {
    if (job.name === JobName.AggregatePanels) return this.processMany(job.id, job.data);
    const { organizationId, applicationId } = (job.data ?? {}) as PanelAggregationJobData;
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

  /**
   * Every application of the job, through the same batches as single jobs. An application that can never succeed
   * (gone, or state the engine rejects) is logged and answered in the outcome; any other failure fails the job, which
   * is retried whole (the applications already stored are unchanged by the retry).
   */
  private async processMany(jobId: string | undefined, data: PanelsAggregationJobData | undefined): Promise<PanelsAggregationOutcome> {
    const { organizationId, applicationIds } = data ?? ({} as PanelsAggregationJobData);
    if (!isUuid(organizationId) || !Array.isArray(applicationIds) || applicationIds.length === 0 || !applicationIds.every(isUuid)) {
      throw new UnrecoverableError(`unexpected job ${JobName.AggregatePanels} ${JSON.stringify(data)}`);
    }
    if (this.testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.testDelayMs));
    const settled = await Promise.allSettled(applicationIds.map((applicationId) => this.batcher.submit({ organizationId, applicationId })));
    const result: PanelsAggregationOutcome = { versionsCreated: 0, outcomes: {} };
    let retry: Error | undefined;
    settled.forEach((outcome, i) => {
      if (outcome.status === 'fulfilled') {
        result.versionsCreated += outcome.value.versionsCreated;
        result.outcomes[applicationIds[i]] = outcome.value;
        return;
      }
      const error = classifyAggregationError(outcome.reason);
      if (!(error instanceof UnrecoverableError)) {
        retry ??= error;
        return;
      }
      this.logger.warn(`aggregate-panels ${jobId}: application ${applicationIds[i]} failed for good: ${error.message}`);
      result.outcomes[applicationIds[i]] = { failed: error.message };
    });
    if (retry) throw retry;
    return result;
  }

  @OnWorkerEvent('failed')
  onFailed(job: PanelAggregationJob | undefined, error: Error): void {
    const final = error instanceof UnrecoverableError || (job && job.attemptsMade >= (job.opts.attempts ?? 1));
    this.logger.warn(`${job?.name} ${job?.id} (${describeApplications(job?.data)}) failed${final ? ' for good' : ', will retry'}: ${error.message}`);
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

function describeApplications(data: PanelAggregationJobData | PanelsAggregationJobData | undefined): string {
  if (data && 'applicationIds' in data && Array.isArray(data.applicationIds)) return `${data.applicationIds.length} applications`;
  return `application ${(data as PanelAggregationJobData | undefined)?.applicationId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
