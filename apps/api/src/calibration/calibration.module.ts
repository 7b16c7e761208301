import { Module } from '@nestjs/common';
import { CalibrationStatsModule, ScorecardsRepository } from '@hireloop/core';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { RatingHabitsService } from './rating-habits.service';

@Module({ imports: [CalibrationStatsModule], controllers: [CalibrationController], providers: [CalibrationService, ScorecardsRepository, RatingHabitsService] })
export class CalibrationModule {}
