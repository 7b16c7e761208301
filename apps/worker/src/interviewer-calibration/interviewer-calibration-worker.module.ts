import { Module } from '@nestjs/common';
import { CalibrationStatsModule } from '@hireloop/core/calibration-stats/calibration-stats.module';
import { InterviewerCalibrationProcessor } from './interviewer-calibration.processor';

/** Consumes the interviewer-calibration queue and registers its nightly job scheduler. */
@Module({
  imports: [CalibrationStatsModule],
  providers: [InterviewerCalibrationProcessor],
})
export class InterviewerCalibrationWorkerModule {}
