import { Module } from '@nestjs/common';
import { ReportsModule } from '@hireloop/core';
import { PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { ReportSweepService } from '@hireloop/core/reports/report-sweep.service';
import { PanelAggregationProcessor } from './panel-aggregation.processor';
import { ReportSweeper } from './report-sweeper';

/** Consumes the panel-aggregation queue (one calibrated report recompute per application), and sweeps for lost requests. */
@Module({
  imports: [ReportsModule],
  providers: [PanelReportsService, PanelAggregationProcessor, ReportSweepService, ReportSweeper],
})
export class PanelAggregationWorkerModule {}
