import { Module } from '@nestjs/common';
import { CalibrationStatsModule } from '@hireloop/core';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';

@Module({ imports: [CalibrationStatsModule], controllers: [CalibrationController], providers: [CalibrationService] })
export class CalibrationModule {}
