import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { OutcomeImportResult, OutcomeImportsService } from '@hireloop/core';
import { runInOrganization } from '@hireloop/database';
import { JobName, OutcomeImportJobData, QueueName } from '@hireloop/queue';

export type ProcessOutcomeImportJob = Job<OutcomeImportJobData, OutcomeImportResult, typeof JobName.ProcessOutcomeImport>;

/**
 * `process-outcome-import`: checks an uploaded outcome import against the database and applies it, all or nothing.
 * The payload carries ids only (never a value of the file): outcomes are personnel data and stay out of Redis and logs.
 */
@Processor(QueueName.QualityOfHire, { concurrency: 1 })
export class QualityOfHireProcessor extends WorkerHost {
  private readonly logger = new Logger(QualityOfHireProcessor.name);

  constructor(private readonly imports: OutcomeImportsService) {
    super();
  }

  async process(job: ProcessOutcomeImportJob): Promise<OutcomeImportResult> {
    const data = job.data ?? ({} as OutcomeImportJobData);
    if (job.name !== JobName.ProcessOutcomeImport || typeof data.organizationId !== 'string' || typeof data.importId !== 'string') {
      throw new UnrecoverableError(`unexpected job ${job.name}`);
    }
    const result = await runInOrganization(data.organizationId, () => this.imports.process(data.organizationId, data.importId));
    this.logger.log(`outcome import ${data.importId}: ${result.status} (accepted ${result.accepted ?? '-'}, rejected ${result.rejected ?? '-'}, written ${result.written ?? '-'})`);
    return result;
  }

  @OnWorkerEvent('failed')
  onFailed(job: ProcessOutcomeImportJob | undefined, error: Error): void {
    this.logger.warn(`process-outcome-import ${job?.id} failed: ${error.message}`);
  }
}
