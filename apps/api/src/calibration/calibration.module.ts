import { Module } from '@nestjs/common';
import { CalibrationViewsModule } from '@hireloop/core';
import { CalibrationController } from './calibration.controller';

@Module({
  imports: [CalibrationViewsModule],
  controllers: [CalibrationController],
})
export class CalibrationModule {}
