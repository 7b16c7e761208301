import { Module } from '@nestjs/common';
import { ApplicationsRepository } from '../candidates/applications.repository';
import { IdempotencyStore } from '../common/idempotency';
import { InterviewsRepository } from '../interviews/interviews.repository';
import { ScorecardReadsService } from './scorecard-reads.service';
import { ScorecardViews } from './scorecard-views';
import { ScorecardWritesService } from './scorecard-writes.service';
import { ScorecardsRepository } from './scorecards.repository';

/** An interviewer's scorecard writes and the reads under the blind rule. Needs CoreModule (audit, outbox, keys). */
@Module({
  providers: [
    ScorecardWritesService,
    ScorecardReadsService,
    ScorecardViews,
    IdempotencyStore,
    ApplicationsRepository,
    InterviewsRepository,
    ScorecardsRepository,
  ],
  exports: [ScorecardWritesService, ScorecardReadsService, ScorecardViews],
})
export class ScorecardsModule {}
