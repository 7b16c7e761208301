import { Module } from '@nestjs/common';
import { CalibrationStatsModule, ScorecardsRepository } from '@hireloop/core';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';

@Module({ imports: [CalibrationStatsModule], controllers: [CalibrationController], providers: [CalibrationService, ScorecardsRepository] })
export class CalibrationModule {}
