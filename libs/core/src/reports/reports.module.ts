import { Module } from '@nestjs/common';
import { DecisionsRepository } from '../decisions/decisions.repository';
import { CalibrationReportsRepository } from './calibration-reports.repository';

/**
 * Report and decision storage, shared by the worker and the API. The computing service (`PanelReportsService`,
 * which loads the calibration engine) is provided by the worker's aggregation module only, and imported by path:
 * `@hireloop/core/reports/panel-reports.service`.
 */
@Module({
  providers: [CalibrationReportsRepository, DecisionsRepository],
  exports: [CalibrationReportsRepository, DecisionsRepository],
})
export class ReportsModule {}
