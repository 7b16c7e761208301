import { Module } from '@nestjs/common';
import { DecisionsService } from '../decisions/decisions.service';
import { ReportsModule } from '../reports/reports.module';
import { ScorecardsRepository } from '../scorecards/scorecards.repository';
import { DebriefsRepository } from './debriefs.repository';
import { DebriefsService } from './debriefs.service';

/** The hiring manager's debrief and the hiring decision. Needs CoreModule (audit, outbox). */
@Module({
  imports: [ReportsModule],
  providers: [DebriefsRepository, DebriefsService, DecisionsService, ScorecardsRepository],
  exports: [DebriefsService, DecisionsService],
})
export class DebriefsModule {}
