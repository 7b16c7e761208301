import { Module } from '@nestjs/common';
import { ReportsModule } from '@hireloop/core';
import { PanelReportsService } from '@hireloop/core/reports/panel-reports.service';
import { PanelAggregationProcessor } from './panel-aggregation.processor';

/** Consumes the panel-aggregation queue: one calibrated report recompute per application. */
@Module({
  imports: [ReportsModule],
  providers: [PanelReportsService, PanelAggregationProcessor],
})
export class PanelAggregationWorkerModule {}
