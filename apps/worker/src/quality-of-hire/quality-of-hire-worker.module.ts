import { Module } from '@nestjs/common';
import { OutcomeImportsRepository, OutcomeImportsService, ValidityReportsRepository, ValidityReportsService } from '@hireloop/core';
import { QualityOfHireProcessor } from './quality-of-hire.processor';

/** Consumes the quality-of-hire queue: outcome imports and validity reports (issue 15), and registers the nightly reports. */
@Module({
  providers: [OutcomeImportsRepository, OutcomeImportsService, ValidityReportsRepository, ValidityReportsService, QualityOfHireProcessor],
})
export class QualityOfHireWorkerModule {}
