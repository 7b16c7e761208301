import { Module } from '@nestjs/common';
import { CalibrationStatsRepository } from './calibration-stats.repository';
import { InterviewerCalibrationService } from './interviewer-calibration.service';

/** Interviewer leniency and role reliability: the computation (worker) and the reads behind the calibration views (API). */
@Module({
  providers: [InterviewerCalibrationService, CalibrationStatsRepository],
  exports: [InterviewerCalibrationService, CalibrationStatsRepository],
})
export class CalibrationStatsModule {}
