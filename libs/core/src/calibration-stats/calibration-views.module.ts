import { Module } from '@nestjs/common';
import { ValidityReportsRepository } from '../quality-of-hire/validity-reports.repository';
import { ValidityReportsService } from '../quality-of-hire/validity-reports.service';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { CalibrationStatsModule } from './calibration-stats.module';
import { CalibrationViewsService } from './calibration-views.service';
import { RatingHabitsService } from './rating-habits.service';

/** The API's calibration views of roles and interviewers (the worker computes their figures: CalibrationStatsModule). */
@Module({
  imports: [CalibrationStatsModule],
  providers: [CalibrationViewsService, RatingHabitsService, ScorecardsRepository, ValidityReportsRepository, ValidityReportsService],
  exports: [CalibrationViewsService],
})
export class CalibrationViewsModule {}
