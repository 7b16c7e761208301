import { Module } from '@nestjs/common';
import { CalibrationViewsModule } from '@hireloop/core';
import { QualityOfHireModule } from '../quality-of-hire/quality-of-hire.module';
import { CalibrationController } from './calibration.controller';

@Module({
  // QualityOfHireModule: not needed by the views (CalibrationViewsModule provides its own validity reads), but
  // importing it here keeps the routes, and so the OpenAPI document, in the order they had.
  imports: [CalibrationViewsModule, QualityOfHireModule],
  controllers: [CalibrationController],
})
export class CalibrationModule {}
