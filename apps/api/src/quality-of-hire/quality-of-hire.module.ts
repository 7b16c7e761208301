import { Module } from '@nestjs/common';
import { ValidityReportsRepository, ValidityReportsService } from '@hireloop/core';
import { ValidityReportsController } from './validity-reports.controller';

/** Validity reports (issue 15, item 3): queued here, computed by the worker. */
@Module({
  controllers: [ValidityReportsController],
  providers: [ValidityReportsRepository, ValidityReportsService],
  exports: [ValidityReportsService],
})
export class QualityOfHireModule {}
