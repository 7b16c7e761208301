import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@hireloop/config';
import {
  NightlyValidityReportsJobData,
  OutcomeImportResult,
  OutcomeImportsService,
  ValidityReportJobData,
  ValidityReportsService,
} from '@hireloop/core';
import { runAsSystem, runInOrganization } from '@hireloop/database';
import { JobName, OutcomeImportJobData, QueueName } from '@hireloop/queue';
import { upsertSchedulerInBackground } from '../interviewer-calibration/job-schedulers';

export type ProcessOutcomeImportJob = Job<OutcomeImportJobData, OutcomeImportResult, typeof JobName.ProcessOutcomeImport>;
export type ComputeValidityReportJob = Job<ValidityReportJobData, unknown, typeof JobName.ComputeValidityReport>;
export type ComputeValidityReportsJob = Job<NightlyValidityReportsJobData, unknown, typeof JobName.ComputeValidityReports>;
type QualityOfHireJob = ProcessOutcomeImportJob | ComputeValidityReportJob | ComputeValidityReportsJob;

/** Fixed id of the nightly validity reports' job scheduler (QUALITY_OF_HIRE_NIGHTLY_CRON, UTC). */
export const NIGHTLY_VALIDITY_SCHEDULER_ID = 'nightly-validity-reports';

/**
 * The quality-of-hire queue (issue 15):
 * - `process-outcome-import`: checks an uploaded outcome import against the database and applies it, all or nothing;
 * - `compute-validity-report`: one queued validity report (organization-wide or a role's);
 * - `compute-validity-reports` (nightly): a new organization-wide report for every organization with a hire, and one
 *   for each role with a hire, computed one after another.
 * Payloads carry ids only (never an outcome value): outcomes are personnel data and stay out of Redis and logs.
 */
@Processor(QueueName.QualityOfHire, { concurrency: 1 })
export class QualityOfHireProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QualityOfHireProcessor.name);
  private scheduler?: { stop(): void };

  constructor(
    private readonly imports: OutcomeImportsService,
    private readonly validity: ValidityReportsService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.QualityOfHire) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.scheduler = upsertSchedulerInBackground(
      this.queue,
      NIGHTLY_VALIDITY_SCHEDULER_ID,
      this.config.QUALITY_OF_HIRE_NIGHTLY_CRON,
      { name: JobName.ComputeValidityReports, data: { organizationId: null, reason: 'nightly' } satisfies NightlyValidityReportsJobData },
      this.logger,
    );
  }

  onModuleDestroy(): void {
    this.scheduler?.stop();
  }

  async process(job: QualityOfHireJob): Promise<unknown> {
    const data = (job.data ?? {}) as Partial<OutcomeImportJobData & ValidityReportJobData>;
    if (job.name === JobName.ProcessOutcomeImport && typeof data.organizationId === 'string' && typeof data.importId === 'string') {
      const { organizationId, importId } = data;
      const result = await runInOrganization(organizationId, () => this.imports.process(organizationId, importId));
      this.logger.log(
        `outcome import ${importId}: ${result.status} (accepted ${result.accepted ?? '-'}, rejected ${result.rejected ?? '-'}, written ${result.written ?? '-'})`,
      );
      return result;
    }
    if (job.name === JobName.ComputeValidityReport && typeof data.organizationId === 'string' && typeof data.reportId === 'string') {
      const { organizationId, reportId } = data;
      return runInOrganization(organizationId, () => this.validity.compute(organizationId, reportId));
    }
    if (job.name === JobName.ComputeValidityReports) return this.nightly();
    throw new UnrecoverableError(`unexpected job ${job.name}`);
  }

  /** Every organization in its own scope; only the list of organizations is read in the (audited) system scope. */
  private async nightly(): Promise<{ reports: number; failed: number }> {
    const targets = await runAsSystem('nightly validity reports: organizations with hires', () => this.validity.nightlyTargets());
    const minN = this.config.QUALITY_OF_HIRE_MIN_N;
    let reports = 0;
    let failed = 0;
    for (const { organizationId, roleIds } of targets) {
      for (const roleId of [null, ...roleIds]) {
        await runInOrganization(organizationId, async () => {
          const row = await this.validity.createQueued(organizationId, roleId, 'nightly', minN);
          try {
            await this.validity.compute(organizationId, row.id);
            reports++;
          } catch (error) {
            failed++;
            this.logger.warn(`nightly validity report ${row.id} failed: ${(error as Error).message}`);
          }
        });
      }
    }
    this.logger.log(`nightly validity reports: ${reports} computed, ${failed} failed`);
    return { reports, failed };
  }

  @OnWorkerEvent('failed')
  onFailed(job: QualityOfHireJob | undefined, error: Error): void {
    this.logger.warn(`${job?.name} ${job?.id} failed: ${error.message}`);
  }
}
