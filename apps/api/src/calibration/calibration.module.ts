import { Module } from '@nestjs/common';
import { CalibrationStatsModule, ScorecardsRepository } from '@hireloop/core';
import { QualityOfHireModule } from '../quality-of-hire/quality-of-hire.module';
import { CalibrationController } from './calibration.controller';
import { CalibrationService } from './calibration.service';
import { RatingHabitsService } from './rating-habits.service';

@Module({
  imports: [CalibrationStatsModule, QualityOfHireModule],
  controllers: [CalibrationController],
  providers: [CalibrationService, ScorecardsRepository, RatingHabitsService],
})
export class CalibrationModule {}
