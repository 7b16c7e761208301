import { Module } from '@nestjs/common';
import { AppConfigModule } from '@hireloop/config';
import { ALL_ENTITIES, CoreModule } from '@hireloop/core';
import { DatabaseModule } from '@hireloop/database';
import { QueueModule } from '@hireloop/queue';
import { EmailWorkerModule } from './email/email-worker.module';
import { FeedbackRemindersWorkerModule } from './feedback-reminders/feedback-reminders-worker.module';
import { InterviewerCalibrationWorkerModule } from './interviewer-calibration/interviewer-calibration-worker.module';
import { JobSweepWorkerModule } from './job-sweep/job-sweep-worker.module';
import { OutboxRelayModule } from './outbox-relay/outbox-relay.module';
import { PanelAggregationWorkerModule } from './panel-aggregation/panel-aggregation-worker.module';
import { QualityOfHireWorkerModule } from './quality-of-hire/quality-of-hire-worker.module';
import { WorkerLoggingModule } from './logging/worker-logging.module';
import { WorkerMetricsModule } from './metrics/worker-metrics.module';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { ProcessorRegistryModule } from './processor-registry';
import { RetentionRepository } from '@hireloop/core/retention/retention.repository';
import { RetentionService } from '@hireloop/core/retention/retention.service';

@Module({
  imports: [
    AppConfigModule,
    WorkerLoggingModule,
    DatabaseModule.forRoot({ entities: ALL_ENTITIES }),
    CoreModule,
    QueueModule.forRoot(),
    OutboxRelayModule,
    PanelAggregationWorkerModule,
    JobSweepWorkerModule,
    InterviewerCalibrationWorkerModule,
    FeedbackRemindersWorkerModule,
    EmailWorkerModule,
    QualityOfHireWorkerModule,
    ProcessorRegistryModule,
    WorkerMetricsModule,
  ],
  providers: [MaintenanceProcessor, RetentionService, RetentionRepository],
})
export class WorkerModule {}
