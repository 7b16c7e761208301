import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { MicroBatcher } from '@hireloop/core/common/micro-batcher';
import { isUuid } from '@hireloop/core/common/uuid';
import { AggregationOutcome, PanelRef, PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { JobName, PanelAggregationJobData, PanelsAggregationJobData, QueueName } from '@hireloop/queue';
import { classifyAggregationError } from './panel-aggregation.errors';
import { aggregationBatchOptions, aggregationTestDelayMs, panelAggregationWorkerOptions } from './panel-aggregation.settings';
import { runInOrganization } from '@hireloop/database';
import { aggregatePerOrganization } from './aggregate-per-organization';
import { withStoredApplications } from './stored-applications';

export type { PanelAggregationJobData, PanelsAggregationJobData };

/** What an `aggregate-panels` job did: each application's outcome. */
export interface PanelsAggregationOutcome {
  /** Report versions stored, over every application of the job. */
  versionsCreated: number;
  outcomes: Record<string, AggregationOutcome>;
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
    if (job.name === JobName.AggregatePanels) return this.processMany(job as Job<PanelsAggregationJobData, PanelsAggregationOutcome>);
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
   * Every application of the job, through the same batches as single jobs. Any transient failure fails the job, which
   * is retried whole (the applications already stored are unchanged by the retry). Applications that can never succeed
   * (a malformed id, gone, state the engine rejects) fail the job for good once the others are stored, naming them, so
   * that they show among failed jobs as a lone job's failure would.
   */
  private async processMany(job: Job<PanelsAggregationJobData, PanelsAggregationOutcome>): Promise<PanelsAggregationOutcome> {
    const data = job.data;
    const { organizationId, applicationIds: ids } = data ?? ({} as PanelsAggregationJobData);
    if (!isUuid(organizationId) || !Array.isArray(ids) || ids.length === 0) {
      throw new UnrecoverableError(`unexpected job ${JobName.AggregatePanels} ${JSON.stringify(data)}`);
    }
    if (this.testDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.testDelayMs));
    const failures: string[] = [];
    // A malformed id fails alone (in a batch it would fail every application at the database).
    const applicationIds = ids.filter((id): id is string => isUuid(id) || (failures.push(`${String(id)}: not an application id`), false));
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
      if (error instanceof UnrecoverableError) failures.push(`${applicationIds[i]}: ${error.message}`);
      else retry ??= error;
    });
    if (retry) {
      // The retry finds these reports current and stores nothing: the job remembers them for its freshness figure.
      const stored = Object.keys(result.outcomes).filter((id) => result.outcomes[id].versionsCreated > 0);
      if (stored.length > 0) {
        await job
          .updateProgress(withStoredApplications(job.progress, stored))
          .catch((error: Error) =>
            this.logger.warn(`${job.name} ${job.id}: could not remember the reports stored before the retry: ${error.message}`),
          );
      }
      throw retry;
    }
    if (failures.length > 0) {
      throw new UnrecoverableError(
        `${failures.length} of ${ids.length} application(s) failed for good, the others are stored: ${failures.slice(0, 10).join('; ')}`,
      );
    }
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
