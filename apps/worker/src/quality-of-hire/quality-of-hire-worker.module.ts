import { Module } from '@nestjs/common';
import { OutcomeImportsRepository, OutcomeImportsService } from '@hireloop/core';
import { QualityOfHireProcessor } from './quality-of-hire.processor';

/** Consumes the quality-of-hire queue: outcome imports (issue 15). */
@Module({
  providers: [OutcomeImportsRepository, OutcomeImportsService, QualityOfHireProcessor],
})
export class QualityOfHireWorkerModule {}
